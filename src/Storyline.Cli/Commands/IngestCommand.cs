using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Pipeline;
using Storyline.Storage;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline ingest INPUT...</c>: files, folders, URLs, feeds and JSON Lines into the store.</summary>
internal static class IngestCommand
{
    public static readonly Option<string?> Published = new("--published") { Description = "Publication date for every input of this batch (overrides what the input says), e.g. 2020-07-10" };
    public static readonly Option<bool> AllowPrivate = new("--allow-private") { Description = "Allow fetching URLs on loopback, link-local and private addresses" };
    public static readonly Option<long> MaxBytes = new("--max-bytes") { Description = "Refuse inputs larger than this many bytes", DefaultValueFactory = _ => 20_000_000 };
    public static readonly Option<double> Timeout = new("--timeout") { Description = "URL fetch timeout in seconds", DefaultValueFactory = _ => 30 };
    public static readonly Option<double> InputTimeout = new("--input-timeout") { Description = "Seconds one input may take to process (decode, extract, clean); an input over it fails and the batch goes on", DefaultValueFactory = _ => Ingestor.DefaultInputTimeout.TotalSeconds };

    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Files, folders (recursive), http(s) URLs, RSS/Atom feeds or .jsonl files", Arity = ArgumentArity.OneOrMore };
        var command = new Command("ingest", "Ingest news articles into the store") { inputs, Published, AllowPrivate, MaxBytes, Timeout, InputTimeout };
        command.SetAction((parse, ct) => RunAsync(context, parse, parse.GetValue(inputs)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, string[] inputs, CancellationToken ct)
    {
        var json = parse.GetValue(CommonOptions.Json);
        DateTimeOffset? published = null;
        if (parse.GetValue(Published) is { } p)
        {
            if (!DateTimeOffset.TryParse(p, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                context.WriteError("--published", $"not a date: {p}");
                return 2;
            }
            published = parsed;
        }
        var maxBytes = parse.GetValue(MaxBytes);
        var inputTimeout = parse.GetValue(InputTimeout);
        if (!(inputTimeout > 0) || inputTimeout > int.MaxValue / 1000)
        {
            context.WriteError("--input-timeout", $"not a number of seconds above zero: {inputTimeout}");
            return 2;
        }
        await using var store = await context.OpenStoreAsync(parse.GetValue(CommonOptions.Store)!, ct, create: true).ConfigureAwait(false);
        using var fetcher = new UrlFetcher(FetchOptions.Default with
        {
            Timeout = TimeSpan.FromSeconds(parse.GetValue(Timeout)),
            MaxBytes = maxBytes,
            AllowPrivate = parse.GetValue(AllowPrivate),
        }, context.Time);
        var resolver = new InputResolver(fetcher, context.Time, maxBytes);
        var pipeline = new DocumentPipelineBuilder().UseDefaults(new IngestOptions(maxBytes)).Build(context.Time);
        var ingestor = new Ingestor(pipeline, store) { InputTimeout = TimeSpan.FromSeconds(inputTimeout) };
        var results = new List<IngestResult>();

        async Task RunBatch(Action<IngestResult>? onResult)
        {
            await foreach (var item in resolver.ResolveAsync(inputs, ct).ConfigureAwait(false))
            {
                var current = item;
                if (published is { } date && current is InputItem input)
                    current = new InputItem(input.Input with { Hints = input.Input.Hints with { Published = date } });
                var result = await ingestor.IngestAsync(current, ct).ConfigureAwait(false);
                results.Add(result);
                if (result.Status == IngestStatus.Failed) context.WriteError(result.Name, result.Error!);
                onResult?.Invoke(result);
            }
        }

        if (!json && context.Console.Profile.Capabilities.Interactive)
        {
            await context.Console.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("Ingesting", maxValue: double.NaN);
                task.IsIndeterminate = true;
                await RunBatch(r => task.Description = $"Ingesting ({results.Count} done) {Markup.Escape(Path.GetFileName(r.Name))}").ConfigureAwait(false);
                task.IsIndeterminate = false;
                task.MaxValue = Math.Max(1, results.Count);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        }
        else await RunBatch(null).ConfigureAwait(false);

        await IngestFinisher.For(store).FinishAsync(cancellationToken: ct).ConfigureAwait(false);
        var summary = IngestSummary.Of(results);
        if (json)
        {
            context.WriteJson(new { results, summary });
        }
        else
        {
            var documents = new List<StoredDocument>();
            foreach (var id in results.Where(r => r.DocumentId is not null).Select(r => r.DocumentId!.Value).Distinct())
                if (await store.GetAsync(id, ct).ConfigureAwait(false) is { } doc) documents.Add(doc);
            DocumentTable.Write(context.Console, documents.Select(d => Summaries.Of(d)));
            context.Console.WriteLine($"ingested {summary.Ingested}, duplicates {summary.Duplicates}, near-duplicates {summary.NearDuplicates}, failed {summary.Failed}");
        }
        return summary.Failed > 0 ? 1 : 0;
    }
}
