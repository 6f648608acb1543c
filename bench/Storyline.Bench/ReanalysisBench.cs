using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Pipeline;
using Storyline.Pipeline.Analysis;
using Storyline.Storage.Sqlite;

namespace Storyline.Bench;

/// <summary><c>reanalysis</c>: the cost of re-analysing a store after a model change (issue #14's "re-analysing it after a model change"),
/// against the first analysis of the same documents in the same run. FNC-1 bodies are ingested into a fresh SQLite store and analysed by
/// <see cref="DocumentAnalyzer"/> (the one analysis path), then analysed again by a pipeline whose chosen stages report a new version,
/// as a new attribution or entity model does: those stages and their readers run, the rest is read back, and stored sentence vectors are
/// taken over for sentences whose vector is already known.</summary>
public static class ReanalysisBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "FNC-1 train_bodies.csv", DefaultValueFactory = _ => "../shared/eval/fnc1/train_bodies.csv" };
        var limit = new Option<int>("--limit") { Description = "Bodies to ingest", DefaultValueFactory = _ => 300 };
        var changed = new Option<string>("--changed")
        {
            Description = "Comma-separated stages whose version changes (statements: a new attribution model; entities: a new NER model)",
            DefaultValueFactory = _ => "statements",
        };
        var atOnce = new Option<int>("--documents-at-once") { Description = "Documents analysed at once (0: one per core)", DefaultValueFactory = _ => 1 };
        var command = new Command("reanalysis", "Re-analysis after a model change against the first analysis, in one run") { data, limit, changed, atOnce };
        command.SetAction(async (parse, ct) =>
        {
            var bumped = parse.GetValue(changed)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var pipeline = AnalysisPipeline.CreateDefault();
            if (bumped.FirstOrDefault(name => pipeline.Find(name) is null) is { } unknown)
            {
                Console.Error.WriteLine($"error: --changed: no analysis stage is named '{unknown}' ({string.Join(", ", pipeline.Stages.Select(s => s.Name))})");
                return 2;
            }
            if (bumped.FirstOrDefault(name => pipeline.Find(name) is IResumableAnalysisStage) is { } resumable)
            {
                Console.Error.WriteLine($"error: --changed: '{resumable}' takes over its own earlier results; a new version of it is not a model change this bench measures");
                return 2;
            }
            var changedPipeline = new AnalysisPipelineBuilder();
            foreach (var stage in pipeline.Stages)
                changedPipeline.Use(!bumped.Contains(stage.Name) ? stage
                    : stage is IEncodedAnalysisStage encoded ? new NextVersionEncoded(encoded) : new NextVersion(stage));
            var options = new DocumentAnalyzerOptions(DocumentsAtOnce: parse.GetValue(atOnce));

            var dir = Directory.CreateTempSubdirectory("storyline-bench-reanalysis-");
            try
            {
                await using var store = await SqliteDocumentStore.OpenAsync(Path.Combine(dir.FullName, "bench.db"), cancellationToken: ct);
                var ingestor = new Ingestor(DocumentPipeline.CreateDefault(), store);
                int stored = 0;
                foreach (var (id, body) in Fnc.FncData.Bodies(parse.GetValue(data)!).OrderBy(p => p.Key))
                {
                    if (stored == parse.GetValue(limit)) break;
                    var input = new RawInput($"fnc-{id}.txt", null, "text/plain", Encoding.UTF8.GetBytes(body), DateTimeOffset.UnixEpoch, InputHints.None);
                    if ((await ingestor.IngestAsync(new InputItem(input), ct)).Status is IngestStatus.Ingested or IngestStatus.NearDuplicate) stored++;
                }
                // The models load on first use, which a long-running worker pays once: one document analysed untimed by each pipeline.
                var ids = (await store.ListIdsAsync(ct)).Order().ToList();
                var analyzer = DocumentAnalyzer.For(store, pipeline, options);
                await analyzer.AnalyzePendingAsync([ids[0]], null, ct);

                var (first, firstRuns) = await TimedAsync(analyzer, ct);
                var changedAnalyzer = DocumentAnalyzer.For(store, changedPipeline.Build(), options);
                await changedAnalyzer.AnalyzePendingAsync([ids[0]], null, ct);
                var (again, againRuns) = await TimedAsync(changedAnalyzer, ct);
                int documents = ids.Count - 1;
                Console.WriteLine($"first analysis  {documents / first,8:0.0} documents per CPU-s ({Runs(firstRuns)})");
                Console.WriteLine($"re-analysis     {documents / again,8:0.0} documents per CPU-s ({Runs(againRuns)})");
                BenchOutput.Write(new
                {
                    bench = "reanalysis",
                    documents,
                    changed = bumped.Order(StringComparer.Ordinal).ToArray(),
                    first_docs_per_cpu_second = BenchOutput.R(documents / first, 1),
                    reanalysis_docs_per_cpu_second = BenchOutput.R(documents / again, 1),
                    reanalysis_vs_first_speed_ratio = BenchOutput.R(first / again, 2),
                    first_stage_runs = firstRuns,
                    reanalysis_stage_runs = againRuns,
                });
                return 0;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                dir.Delete(true);
            }
        });
        return command;
    }

    private static string Runs(IReadOnlyDictionary<string, int> runs) => string.Join(", ", runs.Select(r => $"{r.Key} {r.Value}"));

    /// <summary>Analyses every pending document; returns the process CPU seconds it took (reads and writes of the store included) and the stage runs.</summary>
    private static async Task<(double CpuSeconds, IReadOnlyDictionary<string, int> Runs)> TimedAsync(DocumentAnalyzer analyzer, CancellationToken ct)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        var summary = await analyzer.AnalyzePendingAsync(null, null, ct);
        process.Refresh();
        if (summary.Failed.Count > 0) throw new InvalidOperationException($"{summary.Failed.Count} documents failed: {summary.Failed[0].Reason}");
        return ((process.TotalProcessorTime - before).TotalSeconds, summary.StageRuns);
    }

    /// <summary>A stage as a new model of it: the same work under the next version number.</summary>
    private class NextVersion(IAnalysisStage stage) : IAnalysisStage
    {
        public string Name => stage.Name;
        public int Version => stage.Version + 1;
        public IReadOnlyList<string> Inputs => stage.Inputs;
        public void Analyze(AnalysisContext context, CancellationToken cancellationToken) => stage.Analyze(context, cancellationToken);
    }

    private sealed class NextVersionEncoded(IEncodedAnalysisStage stage) : NextVersion(stage), IEncodedAnalysisStage
    {
        public byte[] Encode(AnalysisContext context) => stage.Encode(context);
        public void Decode(AnalysisContext context, byte[] data) => stage.Decode(context, data);
    }
}
