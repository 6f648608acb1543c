using System.CommandLine;
using Spectre.Console;
using Storyline.Contracts;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Pipeline;
using Storyline.Pipeline.Analysis;
using Storyline.Storage;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline ingest INPUT...</c>: files, folders, URLs, feeds and JSON Lines into the store.</summary>
internal static class IngestCommand
{
    /// <summary>True for a setting that turns workers on (<c>true</c> or <c>1</c>).</summary>
    internal static bool UseWorkers(string? value) =>
        value?.Trim() is { } v && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));

    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Files, folders (recursive), http(s) URLs, RSS/Atom feeds or .jsonl files", Arity = ArgumentArity.OneOrMore };
        var queue = new Option<bool>("--queue")
        {
            Description = "Only store and queue the documents for analysis by `storyline worker` processes (default: on when STORYLINE_USE_WORKERS is true or 1)",
            DefaultValueFactory = _ => UseWorkers(Environment.GetEnvironmentVariable("STORYLINE_USE_WORKERS")),
        };
        var ingest = new IngestOptionGroup();
        var command = new Command("ingest", "Ingest news articles into the store") { inputs, queue };
        ingest.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(context, parse, parse.GetValue(inputs)!, ingest.Bind(parse), parse.GetValue(queue), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, string[] inputs, IngestSettings settings, bool queue, CancellationToken ct)
    {
        await using var store = await context.OpenStoreAsync(parse, ct, create: true).ConfigureAwait(false);
        var batch = await IngestAsync(context, settings, store, inputs, ct, queue).ConfigureAwait(false);
        var results = batch.Results;
        var summary = IngestSummary.Of(results);
        if (context.Json)
            context.WriteJson(new IngestResponse([.. results.Select(IngestResultView.Of)], summary) { Queued = batch.Queued });
        else
        {
            var documents = new List<StoredDocument>();
            foreach (var id in results.Where(r => r.DocumentId is not null).Select(r => r.DocumentId!.Value).Distinct())
                if (await store.GetAsync(id, ct).ConfigureAwait(false) is { } doc) documents.Add(doc);
            DocumentTable.Write(context.Console, documents.Select(d => Summaries.Of(d)));
            context.Console.WriteLine($"ingested {summary.Ingested}, duplicates {summary.Duplicates}, near-duplicates {summary.NearDuplicates}, failed {summary.Failed}");
            if (batch.Queued is { } queued) context.Console.WriteLine($"queued {queued.Count} for analysis by storyline worker");
        }
        return summary.Failed > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>The one CLI ingest path: resolves the inputs, cleans and stores each (one error line per bad input, the batch goes on), then
    /// assigns stories and runs the analysis pipeline over what is new, with progress on a terminal; with <paramref name="queue"/>, only queues
    /// what it stored for <c>storyline worker</c> instead. The settings were validated when parsed.</summary>
    internal static async Task<IngestBatch> IngestAsync(CliContext context, IngestSettings settings, IStorylineStore store, string[] inputs, CancellationToken ct, bool queue = false)
    {
        var published = settings.Published;
        var maxBytes = settings.MaxBytes;
        using var fetcher = new UrlFetcher(FetchOptions.Default with
        {
            Timeout = settings.Timeout,
            MaxBytes = maxBytes,
            AllowPrivate = settings.AllowPrivate,
        }, context.Time);
        var resolver = new InputResolver(fetcher, context.Time, maxBytes);
        var pipeline = new DocumentPipelineBuilder().UseDefaults(new IngestOptions(maxBytes)).Build(context.Time);
        var ingestor = new Ingestor(pipeline, store) { InputTimeout = settings.InputTimeout };
        var results = new List<IngestResult>();
        var finisher = IngestFinisher.For(store);
        IngestFinish? finish = null;
        IReadOnlyList<long>? queued = null;

        async Task RunBatch(Action<IngestResult>? onResult, IProgress<AnalysisProgress>? analysis)
        {
            await foreach (var item in resolver.ResolveAsync(inputs, ct).ConfigureAwait(false))
            {
                var current = item;
                if (published is { } date && current is InputItem input)
                    current = new InputItem(input.Input with { Hints = input.Input.Hints with { Published = date } });
                var result = await ingestor.IngestAsync(current, ct).ConfigureAwait(false);
                results.Add(result);
                if (result.Status == IngestStatus.Failed) context.WriteError(result.Name, result.Error!);
                else context.Info(FormattableString.Invariant($"{result.Name}: {result.Status.ToString().ToLowerInvariant()} as document {result.DocumentId}"));
                onResult?.Invoke(result);
            }
            if (queue) queued = await IngestFinisher.EnqueueAsync(store, results, ct).ConfigureAwait(false);
            else finish = await finisher.FinishAsync(null, analysis, ct).ConfigureAwait(false);
        }

        if (context.ShowProgress)
        {
            await context.Console.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("Ingesting", maxValue: double.NaN);
                task.IsIndeterminate = true;
                var analysing = progress.AddTask("Analysing", autoStart: false);
                var briefing = progress.AddTask("Writing briefings", autoStart: false);
                finisher.BriefingProgress = new Progress<AnalysisProgress>(a =>
                {
                    if (!briefing.IsStarted) briefing.StartTask();
                    briefing.MaxValue = Math.Max(1, a.Total);
                    briefing.Value = a.Done;
                });
                await RunBatch(r => task.Description = $"Ingesting ({results.Count} done) {Markup.Escape(Path.GetFileName(r.Name))}",
                    new Progress<AnalysisProgress>(a =>
                    {
                        if (!analysing.IsStarted) analysing.StartTask();
                        analysing.MaxValue = Math.Max(1, a.Total);
                        analysing.Value = a.Done;
                        analysing.Description = $"Analysing ({a.Done}/{a.Total})";
                    })).ConfigureAwait(false);
                task.IsIndeterminate = false;
                task.MaxValue = Math.Max(1, results.Count);
                task.Value = task.MaxValue;
                if (queue) analysing.Description = $"Queued {queued?.Count ?? 0} for storyline worker";
                analysing.Value = analysing.MaxValue;
                if (briefing.IsStarted) briefing.Value = briefing.MaxValue;
            }).ConfigureAwait(false);
        }
        else await RunBatch(null, null).ConfigureAwait(false);
        foreach (var failure in finish?.Analysis?.Failed ?? [])
            context.WriteError(FormattableString.Invariant($"document {failure.DocumentId}"), $"analysis failed: {failure.Reason}");
        return new IngestBatch(results, finish) { Queued = queued };
    }
}

/// <summary>What one CLI ingest did: each input's outcome and the story assignment and analysis that followed.</summary>
internal sealed record IngestBatch(IReadOnlyList<IngestResult> Results, IngestFinish? Finish)
{
    /// <summary>Ids queued for workers (<c>ingest --queue</c>) instead of analysed; null when the batch was analysed.</summary>
    public IReadOnlyList<long>? Queued { get; init; }

    /// <summary>Ids of the documents the inputs gave (new or already stored), in input order.</summary>
    public List<long> DocumentIds => [.. Results.Where(r => r.DocumentId is not null).Select(r => r.DocumentId!.Value).Distinct()];

    /// <summary>Inputs that failed.</summary>
    public int Failed => Results.Count(r => r.Status == IngestStatus.Failed);
}
