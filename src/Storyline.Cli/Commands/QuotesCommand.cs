using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Storyline.Attribution;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Pipeline;
using Storyline.Storage;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline quotes [INPUT...]</c>: who said what, one statement per line with speaker, camp and character offsets.</summary>
internal static class QuotesCommand
{
    public static readonly Option<string?> Camps = new("--camps") { Description = "A camps file (see Attribution/Data/camps.txt) to classify speakers with" };

    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Articles to ingest if needed (files, folders, URLs, feeds, .jsonl); none: every stored document", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("quotes", "Quotes and reported claims attributed to speakers and camps") { inputs, Camps };
        foreach (var option in IngestCommand.IngestOptions) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var specs = parse.GetValue(inputs) ?? [];
            await using var store = await context.OpenStoreAsync(parse.GetValue(CommonOptions.Store)!, ct, create: specs.Length > 0).ConfigureAwait(false);
            if (await IngestOrAllAsync(context, parse, store, specs, ct).ConfigureAwait(false) is not var (ids, failed)) return 2;
            var (statements, pending) = await ReadStatementsAsync(store, ids, parse.GetValue(Camps), ct).ConfigureAwait(false);
            WarnPending(context, pending);
            if (parse.GetValue(CommonOptions.Json))
            {
                foreach (var s in statements) context.Out.WriteLine(JsonSerializer.Serialize(Contract(s), CliContext.JsonOptions));
            }
            else
            {
                foreach (var speaker in statements.GroupBy(s => s.Speaker).OrderByDescending(g => g.Count()))
                {
                    var first = speaker.First();
                    var table = new Table().Title($"[bold]{Markup.Escape(speaker.Key)}[/] — {Markup.Escape(first.SpeakerRole ?? "")} [grey]({Markup.Escape(first.Camp)})[/]")
                        .AddColumns("Doc", "Kind", "Cue", "Statement");
                    foreach (var s in speaker)
                        table.AddRow(s.DocumentId.ToString(CultureInfo.InvariantCulture), s.Attribution.Kind.ToString().ToLowerInvariant(), Markup.Escape(s.Cue ?? ""), Markup.Escape(s.Text));
                    context.Console.Write(table);
                }
                context.Console.WriteLine($"{statements.Count} statements by {statements.Select(s => s.Speaker).Distinct().Count()} speakers");
            }
            return failed > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>The stable output contract used by benchmarks and other tools.</summary>
    internal static object Contract(AttributedStatement s) => new Dictionary<string, object?>
    {
        ["document"] = s.Document,
        ["speaker"] = s.Speaker,
        ["speaker_role"] = s.SpeakerRole,
        ["camp"] = s.Camp,
        ["kind"] = s.Attribution.Kind.ToString().ToLowerInvariant(),
        ["cue"] = s.Cue,
        ["text"] = s.Text,
        ["content_start"] = s.Attribution.Content.Span.Start,
        ["content_end"] = s.Attribution.Content.Span.End,
        ["source_start"] = s.Attribution.Source?.Start,
        ["source_end"] = s.Attribution.Source?.End,
    };

    /// <summary>The stored statements of the documents (questions skipped), in document and text order; with <paramref name="campsFile"/>,
    /// re-classified by that file's rules. Reads only: a document not analysed yet is counted in <c>Pending</c>, not analysed here.</summary>
    internal static async Task<(List<AttributedStatement> Statements, List<long> Pending)> ReadStatementsAsync(IStorylineStore store, IEnumerable<long> ids, string? campsFile, CancellationToken ct)
    {
        var camps = campsFile is null ? null : CampClassifier.Load(campsFile);
        var statements = new List<AttributedStatement>();
        var pending = new List<long>();
        var ordered = ids.ToList();
        var all = await store.GetStatementsAsync(ordered, ct).ConfigureAwait(false);
        foreach (var id in ordered)
        {
            if (!all.TryGetValue(id, out var stored)) { pending.Add(id); continue; }
            statements.AddRange(stored.Where(s => !s.Attribution.IsQuestion).Select(s => camps is null ? s : camps.Reclassify(s)));
        }
        return (statements, pending);
    }

    /// <summary>Ingests the inputs through the one CLI ingest path (already-stored ones are recognised as duplicates and give their stored
    /// id); with none, every stored document. Null when an option is invalid.</summary>
    internal static async Task<(List<long> Ids, int Failed)?> IngestOrAllAsync(CliContext context, ParseResult parse, IStorylineStore store, string[] specs, CancellationToken ct)
    {
        if (specs.Length == 0) return ([.. await store.ListIdsAsync(ct).ConfigureAwait(false)], 0);
        var batch = await IngestCommand.IngestAsync(context, parse, store, specs, ct).ConfigureAwait(false);
        return batch is null ? null : (batch.DocumentIds, batch.Failed);
    }

    /// <summary>One warning line when documents a read needs are not analysed yet.</summary>
    internal static void WarnPending(CliContext context, IReadOnlyCollection<long> pending)
    {
        if (pending.Count == 0) return;
        context.Error.WriteLine(FormattableString.Invariant(
            $"warning: {pending.Count} document(s) not analysed yet (stored by an older version or an interrupted batch), left out: run 'storyline reprocess' to analyse them"));
    }
}

/// <summary><c>storyline speakers</c>: speakers across the store with their camps and statement counts.</summary>
internal static class SpeakersCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("speakers", "Speakers across the store with camps and statement counts") { QuotesCommand.Camps };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse.GetValue(CommonOptions.Store)!, ct).ConfigureAwait(false);
            IReadOnlyList<SpeakerSummary> summaries;
            if (parse.GetValue(QuotesCommand.Camps) is { } campsFile)
            {
                // Another camps file changes camps, hence each speaker's majority camp: summarise the re-classified statements.
                var camps = CampClassifier.Load(campsFile);
                var hits = new List<StatementHit>();
                foreach (var doc in await store.ListAsync(ct).ConfigureAwait(false))
                {
                    var stored = await store.GetStatementsAsync(doc.Id, ct).ConfigureAwait(false) ?? [];
                    hits.AddRange(stored.Select(s => new StatementHit(camps.Reclassify(s), doc.Published?.Value, doc.Title)));
                }
                summaries = SpeakerSummaries.Summarise(hits);
            }
            else summaries = await store.ListSpeakersAsync(cancellationToken: ct).ConfigureAwait(false);
            var speakers = summaries
                .Select(s => new { speaker = s.Speaker, role = s.Role, camp = s.Camp, statements = s.Statements, documents = s.Documents })
                .OrderBy(s => s.camp, StringComparer.Ordinal).ThenByDescending(s => s.statements).ToList();
            if (parse.GetValue(CommonOptions.Json))
            {
                context.WriteJson(speakers);
                return 0;
            }
            var table = new Table().AddColumns("Speaker", "Role", "Camp", "Statements", "Docs");
            foreach (var s in speakers)
                table.AddRow(Markup.Escape(s.speaker), Markup.Escape(s.role ?? ""), Markup.Escape(s.camp), s.statements.ToString(CultureInfo.InvariantCulture), s.documents.ToString(CultureInfo.InvariantCulture));
            context.Console.Write(table);
            return 0;
        });
        return command;
    }
}
