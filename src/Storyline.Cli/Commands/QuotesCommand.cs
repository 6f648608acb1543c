using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Attribution;
using Storyline.Contracts;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Pipeline;
using Storyline.Storage;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline quotes [INPUT...]</c>: who said what, one statement per line with speaker, camp and character offsets.</summary>
internal static class QuotesCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Articles to ingest if needed (files, folders, URLs, feeds, .jsonl); none: every stored document", Arity = ArgumentArity.ZeroOrMore };
        var campsOption = CampsOption.Create();
        var ingest = new IngestOptionGroup();
        var command = new Command("quotes", "Quotes and reported claims attributed to speakers and camps") { inputs, campsOption };
        ingest.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var specs = parse.GetValue(inputs) ?? [];
            await using var store = await context.OpenStoreAsync(parse, ct, create: specs.Length > 0).ConfigureAwait(false);
            var (ids, failed) = await IngestOrAllAsync(context, ingest.Bind(parse), store, specs, ct).ConfigureAwait(false);
            var (statements, pending) = await ReadStatementsAsync(store, ids, parse.GetValue(campsOption), ct).ConfigureAwait(false);
            WarnPending(context, pending);
            if (context.Json)
            {
                var documents = (await store.ListAsync(ct).ConfigureAwait(false)).ToDictionary(d => d.Id);
                context.WriteJson(statements.Select(s => Contract(s, documents.GetValueOrDefault(s.DocumentId))).ToList());
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
            return failed > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A statement as the contract writes it (the records of <c>GET /api/statements</c>), with its document's title and date.</summary>
    internal static StatementItem Contract(AttributedStatement s, DocumentSummary? document) =>
        StatementItem.Of(new StatementHit(s, document?.Published?.Value, document?.Title));

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
    /// id); with none, every stored document.</summary>
    internal static async Task<(List<long> Ids, int Failed)> IngestOrAllAsync(CliContext context, IngestSettings settings, IStorylineStore store, string[] specs, CancellationToken ct)
    {
        if (specs.Length == 0) return ([.. await store.ListIdsAsync(ct).ConfigureAwait(false)], 0);
        var batch = await IngestCommand.IngestAsync(context, settings, store, specs, ct).ConfigureAwait(false);
        return (batch.DocumentIds, batch.Failed);
    }

    /// <summary>One warning line when documents a read needs are not analysed yet.</summary>
    internal static void WarnPending(CliContext context, IReadOnlyCollection<long> pending)
    {
        if (pending.Count == 0) return;
        context.Warn(FormattableString.Invariant(
            $"{pending.Count} document(s) not analysed yet (stored by an older version or an interrupted batch), left out: run 'storyline reprocess' to analyse them"));
    }
}

/// <summary><c>storyline speakers</c>: speakers across the store with their camps and statement counts.</summary>
internal static class SpeakersCommand
{
    public static Command Create(CliContext context)
    {
        var campsOption = CampsOption.Create();
        var command = new Command("speakers", "Speakers across the store with camps and statement counts") { campsOption };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            IReadOnlyList<SpeakerSummary> summaries;
            if (parse.GetValue(campsOption) is { } campsFile)
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
            else summaries = await SpeakerDirectory.For(store).ListAsync(cancellationToken: ct).ConfigureAwait(false);
            var speakers = summaries.Select(SpeakerItem.Of)
                .OrderBy(s => s.Camp, StringComparer.Ordinal).ThenByDescending(s => s.Statements).ToList();
            if (context.Json)
            {
                context.WriteJson(speakers);
                return 0;
            }
            var table = new Table().AddColumns("Speaker", "Role", "Camp", "Statements", "Docs");
            foreach (var s in speakers)
                table.AddRow(Markup.Escape(s.Speaker), Markup.Escape(s.Role ?? ""), Markup.Escape(s.Camp), s.Statements.ToString(CultureInfo.InvariantCulture), s.Documents.ToString(CultureInfo.InvariantCulture));
            context.Console.Write(table);
            return 0;
        });
        return command;
    }
}
