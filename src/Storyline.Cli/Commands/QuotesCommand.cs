using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Storyline.Attribution;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Pipeline;
using Storyline.Storage;
using Storyline.Storage.Sqlite;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline quotes [INPUT...]</c>: who said what, one statement per line with speaker, camp and character offsets.</summary>
internal static class QuotesCommand
{
    public static readonly Option<string?> Camps = new("--camps") { Description = "A camps file (see Attribution/Data/camps.txt) to classify speakers with" };

    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Articles to ingest if needed (files, folders, URLs, feeds, .jsonl); none: every stored document", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("quotes", "Quotes and reported claims attributed to speakers and camps") { inputs, Camps, IngestCommand.AllowPrivate };
        command.SetAction(async (parse, ct) =>
        {
            var specs = parse.GetValue(inputs) ?? [];
            await using var store = await context.OpenStoreAsync(parse.GetValue(CommonOptions.Store)!, ct, create: specs.Length > 0).ConfigureAwait(false);
            var (ids, failed) = await IngestOrAllAsync(context, store, specs, parse.GetValue(IngestCommand.AllowPrivate), ct).ConfigureAwait(false);
            var statements = await ReadStatementsAsync(store, ids, parse.GetValue(Camps), ct).ConfigureAwait(false);
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
    /// re-classified by that file's rules. A document not analysed yet is analysed (and stored) here.</summary>
    internal static async Task<List<AttributedStatement>> ReadStatementsAsync(SqliteDocumentStore store, IEnumerable<long> ids, string? campsFile, CancellationToken ct)
    {
        var camps = campsFile is null ? null : CampClassifier.Load(campsFile);
        var analyzer = new StatementAnalyzer(store, store, store);
        var statements = new List<AttributedStatement>();
        foreach (var id in ids)
        {
            var stored = await store.GetStatementsAsync(id, ct).ConfigureAwait(false) ?? await analyzer.AnalyzeAsync(id, ct).ConfigureAwait(false) ?? [];
            statements.AddRange(stored.Where(s => !s.Attribution.IsQuestion).Select(s => camps is null ? s : camps.Reclassify(s)));
        }
        return statements;
    }

    /// <summary>Ingests the inputs (already-stored ones are recognised as duplicates and give their stored id); with none, every stored document.
    /// Either way, documents without current statements are analysed and their statements stored.</summary>
    internal static async Task<(List<long> Ids, int Failed)> IngestOrAllAsync(CliContext context, SqliteDocumentStore store, string[] specs, bool allowPrivate, CancellationToken ct)
    {
        if (specs.Length == 0)
        {
            await new StatementAnalyzer(store, store, store).AnalyzePendingAsync(ct).ConfigureAwait(false);
            return ([.. await store.ListIdsAsync(ct).ConfigureAwait(false)], 0);
        }
        using var fetcher = new UrlFetcher(FetchOptions.Default with { AllowPrivate = allowPrivate }, context.Time);
        var ingestor = new Ingestor(DocumentPipeline.CreateDefault(context.Time), store);
        var ids = new List<long>();
        int failed = 0;
        await foreach (var item in new InputResolver(fetcher, context.Time).ResolveAsync(specs, ct).ConfigureAwait(false))
        {
            var result = await ingestor.IngestAsync(item, ct).ConfigureAwait(false);
            if (result.Status == IngestStatus.Failed) { context.WriteError(result.Name, result.Error!); failed++; }
            if (result.DocumentId is { } id && !ids.Contains(id)) ids.Add(id);
        }
        await IngestFinisher.For(store).FinishAsync(cancellationToken: ct).ConfigureAwait(false);
        return (ids, failed);
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
            await new StatementAnalyzer(store, store, store).AnalyzePendingAsync(ct).ConfigureAwait(false);
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
