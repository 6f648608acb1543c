using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Storyline.Attribution;
using Storyline.Briefing;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Language.Embeddings;
using Storyline.Pipeline;
using Storyline.Pipeline.Analysis;
using Storyline.Storage.Sqlite;

namespace Storyline.Bench;

/// <summary><c>brief --data FNC1_FOLDER</c>: time to brief a story of 10, 100 and 1,000 documents (FNC-1 bodies ingested into a temporary
/// SQLite store and put in one story each, a development per ten documents), loading and writing timed apart, with per-phase figures
/// and each size's ratio to the smallest run: a linear pipeline gives ratios near 10 and 100.</summary>
public static class BriefBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "FNC-1 folder (train_bodies.csv)", DefaultValueFactory = _ => "../shared/eval/fnc1" };
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated story sizes", DefaultValueFactory = _ => "10,100,1000" };
        var rounds = new Option<int>("--rounds") { Description = "Timed runs per size; the best is reported", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "Only the JSON line" };
        var embeddings = new Option<string>("--embeddings") { Description = "on | off: store sentence vectors at analysis (the product's default is on)", DefaultValueFactory = _ => "on" };
        embeddings.AcceptOnlyFromAmong("on", "off");
        var vectors = new Option<bool>("--vectors") { Description = "Attach a random unit vector (384 dimensions) to every sentence before writing (with --embeddings off: the selection's cost with vectors, no embedding timed)" };
        var existing = new Option<string?>("--store") { Description = "Time the briefing of --story in this existing SQLite store instead of building stories (nothing is written)" };
        var story = new Option<long?>("--story") { Description = "With --store: the story to brief" };
        var keep = new Option<bool>("--keep") { Description = "Keep the store built (its path and the stories' ids are printed), for --store runs and profiling" };
        var command = new Command("brief", "Briefing time for stories of 10, 100 and 1,000 documents") { data, sizes, rounds, json, embeddings, vectors, existing, story, keep };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(existing) is { } path)
            {
                if (parse.GetValue(story) is not { } id) { Console.Error.WriteLine("error: --store needs --story"); return 2; }
                await using var stored = await SqliteDocumentStore.OpenAsync(path, migrate: false, cancellationToken: ct);
                await TimeOnceAsync(stored, id, parse.GetValue(vectors), ct);
                var fastest = await FastestAsync(stored, id, parse.GetValue(rounds), parse.GetValue(vectors), ct);
                var storedRead = await StoredReadAsync(stored, id, parse.GetValue(rounds), ct);
                BenchOutput.Write(new
                {
                    bench = "brief",
                    store = path,
                    story = id,
                    documents = fastest.Documents,
                    stored_read_ms = storedRead is { } ms ? BenchOutput.R(ms, 1) : (double?)null,
                    load_ms = BenchOutput.R(fastest.LoadMs, 1),
                    read_ms = BenchOutput.R(fastest.ReadMs, 1),
                    write_ms = BenchOutput.R(fastest.WriteMs, 1),
                    total_ms = BenchOutput.R(fastest.TotalMs, 1),
                    load_cpu_ms = BenchOutput.R(fastest.LoadCpuMs, 1),
                    write_cpu_ms = BenchOutput.R(fastest.WriteCpuMs, 1),
                });
                return 0;
            }
            var quiet = parse.GetValue(json);
            var counts = parse.GetValue(sizes)!.Split(',').Select(s => int.Parse(s.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var (bodies, _) = StoriesBench.Load(parse.GetValue(data)!, "all");
            var needed = counts.Sum();
            if (bodies.Count < needed) { Console.Error.WriteLine($"error: {needed} bodies needed, {bodies.Count} found"); return 1; }
            var dir = Directory.CreateTempSubdirectory("storyline-bench-brief-");
            try
            {
                await using var store = await SqliteDocumentStore.OpenAsync(Path.Combine(dir.FullName, "bench.db"), cancellationToken: ct);
                var ingestor = new Ingestor(DocumentPipeline.CreateDefault(), store);
                var sw = Stopwatch.StartNew();
                var stories = new List<(int Size, long StoryId)>();
                int next = 0;
                var start = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);
                foreach (var size in counts)
                {
                    long? storyId = null;
                    long development = 0;
                    for (int i = 0; i < size; i++)
                    {
                        var (id, text) = bodies[next++];
                        // A publication date a day apart keeps the order stable; the first line stands in for a headline.
                        var title = text.Split('\n', 2)[0].Trim();
                        if (title.Length > 90) title = title[..90];
                        var input = new RawInput($"fnc1-{id}.txt", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch,
                            new InputHints(Title: title.Length == 0 ? $"Body {id}" : title, Published: start.AddDays(i)));
                        var result = await ingestor.IngestAsync(new InputItem(input), ct);
                        if (result.DocumentId is not { } docId) continue;
                        if (i % 10 == 0) development = docId;
                        storyId = await store.AssignStoryAsync(docId, storyId, development, 1, $"FNC-1 story of {size}", ct);
                    }
                    if (storyId is { } s)
                    {
                        stories.Add((size, s));
                        if (parse.GetValue(keep)) Console.Error.WriteLine($"story of {size}: {s}");
                    }
                }
                // The product's analysis path; the briefing then reads only what it stored.
                var pipeline = new AnalysisPipelineBuilder().UseDefaults(new AnalysisOptions(EmbeddingOptions: new SentenceEmbeddingOptions(Enabled: parse.GetValue(embeddings) != "off"))).Build();
                var analysis = await DocumentAnalyzer.For(store, pipeline).AnalyzePendingAsync(cancellationToken: ct);
                if (analysis.Failed.Count > 0) Console.Error.WriteLine($"warning: {analysis.Failed.Count} documents failed analysis");
                if (!quiet) Console.WriteLine($"ingested and analysed {needed} bodies in {sw.Elapsed.TotalSeconds:0.0}s");

                // The claims ledger, built at analysis time as IngestFinisher builds it (one story at a time), and read back as `claims` reads it.
                var claimCosts = new Dictionary<long, (double BuildMs, double ReadMs, int Claims)>();
                var claimsAnalyzer = Storyline.Claims.StoryClaimsAnalyzer.For(store, new Storyline.Claims.StanceClaimBuilder());
                foreach (var (_, storyId) in stories)
                {
                    var clock = Stopwatch.StartNew();
                    await claimsAnalyzer.RefreshAsync([storyId], ct);
                    var buildMs = clock.Elapsed.TotalMilliseconds;
                    double readMs = double.MaxValue;
                    int claimCount = 0;
                    for (int r = 0; r < 3; r++)
                    {
                        clock.Restart();
                        var ledger = await store.GetClaimsAsync(storyId, ct);
                        readMs = Math.Min(readMs, clock.Elapsed.TotalMilliseconds);
                        claimCount = ledger?.Claims.Count ?? 0;
                    }
                    claimCosts[storyId] = (buildMs, readMs, claimCount);
                }

                // One more document joins the largest story: its ledger is extended, not built again (a new document costs what its statements cost).
                double joinRefreshMs = double.NaN;
                if (stories.Count > 0 && next < bodies.Count)
                {
                    var (largestSize, largestId) = stories[^1];
                    var (bodyId, text) = bodies[next++];
                    var input = new RawInput($"fnc1-{bodyId}.txt", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch,
                        new InputHints(Title: $"Body {bodyId}", Published: start.AddDays(largestSize)));
                    if ((await ingestor.IngestAsync(new InputItem(input), ct)).DocumentId is { } joinId)
                    {
                        await store.AssignStoryAsync(joinId, largestId, joinId, 1, $"FNC-1 story of {largestSize}", ct);
                        await DocumentAnalyzer.For(store, pipeline).AnalyzePendingAsync([joinId], cancellationToken: ct);
                        var clock = Stopwatch.StartNew();
                        await claimsAnalyzer.RefreshAsync([largestId], ct);
                        joinRefreshMs = clock.Elapsed.TotalMilliseconds;
                        if (!quiet) Console.WriteLine($"one document joining the {largestSize}-document story: claims refreshed in {joinRefreshMs:0.0} ms (full build {claimCosts[largestId].BuildMs:0} ms)");
                    }
                }

                // The briefing written and stored at analysis time, as IngestFinisher does after the claims; then read back as brief reads it.
                var briefingCosts = new Dictionary<long, double>();
                var briefingAnalyzer = StoryBriefingAnalyzer.For(store);
                foreach (var (_, storyId) in stories)
                {
                    var clock = Stopwatch.StartNew();
                    await briefingAnalyzer.RefreshAsync([storyId], ct);
                    briefingCosts[storyId] = clock.Elapsed.TotalMilliseconds;
                }

                // One untimed run of every size first, so that no size's figures carry the JIT, tiering and the first queries.
                var withVectors = parse.GetValue(vectors);
                foreach (var (_, storyId) in stories) await TimeOnceAsync(store, storyId, withVectors, ct);
                var results = new List<Figures>();
                foreach (var (size, storyId) in stories)
                {
                    var best = await FastestAsync(store, storyId, parse.GetValue(rounds), withVectors, ct);
                    results.Add(best with
                    {
                        ClaimsBuildMs = claimCosts[storyId].BuildMs, ClaimsReadMs = claimCosts[storyId].ReadMs, Claims = claimCosts[storyId].Claims,
                        BriefingStoreMs = briefingCosts[storyId],
                        StoredReadMs = await StoredReadAsync(store, storyId, parse.GetValue(rounds), ct) ?? double.NaN,
                    });
                    best = results[^1];
                    if (!quiet)
                        Console.WriteLine($"{size,5} docs: load {best.LoadMs,8:0.0} ms (read+analyse {best.ReadMs:0.0}, statements {best.StatementsMs:0.0}), " +
                                          $"write {best.WriteMs,8:0.0} ms (before issue 12: {best.BeforeWriteMs:0.0}; timeline alone {best.TimelineMs:0.0}), render {best.RenderMs:0.0} ms, total {best.TotalMs:0.0} ms; " +
                                          $"processor time: load {best.LoadCpuMs:0} ms, write {best.WriteCpuMs:0} ms; " +
                                          $"claims: {best.Claims} built at analysis in {best.ClaimsBuildMs:0} ms ({best.ClaimsBuildMs / Math.Max(1, best.Documents):0.0} ms per document), read {best.ClaimsReadMs:0.0} ms; " +
                                          $"briefing written and stored at analysis in {best.BriefingStoreMs:0} ms, stored briefing read and rendered in {best.StoredReadMs:0.0} ms");
                }
                var baseline = results[0];
                BenchOutput.Write(new
                {
                    bench = "brief",
                    vectors = withVectors,
                    claims_join_refresh_ms = double.IsNaN(joinRefreshMs) ? (double?)null : BenchOutput.R(joinRefreshMs, 1),
                    runs = results.Select(f => new
                    {
                        documents = f.Documents,
                        statements = f.Statements,
                        load_ms = BenchOutput.R(f.LoadMs, 1),
                        read_ms = BenchOutput.R(f.ReadMs, 1),
                        statements_ms = BenchOutput.R(f.StatementsMs, 1),
                        write_ms = BenchOutput.R(f.WriteMs, 1),
                        before_write_ms = BenchOutput.R(f.BeforeWriteMs, 1),
                        write_to_before_ratio = BenchOutput.R(f.WriteMs / Math.Max(0.001, f.BeforeWriteMs), 2),
                        before_write_ratio = BenchOutput.R(f.BeforeWriteMs / baseline.BeforeWriteMs, 1),
                        timeline_ms = BenchOutput.R(f.TimelineMs, 1),
                        render_ms = BenchOutput.R(f.RenderMs, 1),
                        load_cpu_ms = BenchOutput.R(f.LoadCpuMs, 1),
                        write_cpu_ms = BenchOutput.R(f.WriteCpuMs, 1),
                        load_cpu_ratio = BenchOutput.R(f.LoadCpuMs / Math.Max(1, baseline.LoadCpuMs), 1),
                        write_cpu_ratio = BenchOutput.R(f.WriteCpuMs / Math.Max(1, baseline.WriteCpuMs), 1),
                        total_ms = BenchOutput.R(f.TotalMs, 1),
                        claims = f.Claims,
                        claims_build_ms = BenchOutput.R(f.ClaimsBuildMs, 1),
                        claims_build_ms_per_document = BenchOutput.R(f.ClaimsBuildMs / Math.Max(1, f.Documents), 2),
                        claims_read_ms = BenchOutput.R(f.ClaimsReadMs, 2),
                        briefing_store_ms = BenchOutput.R(f.BriefingStoreMs, 1),
                        stored_read_ms = BenchOutput.R(f.StoredReadMs, 1),
                        stored_read_to_total_ratio = BenchOutput.R(f.StoredReadMs / f.TotalMs, 3),
                        load_ratio = BenchOutput.R(f.LoadMs / baseline.LoadMs, 1),
                        write_ratio = BenchOutput.R(f.WriteMs / baseline.WriteMs, 1),
                        total_ratio = BenchOutput.R(f.TotalMs / baseline.TotalMs, 1),
                        size_ratio = BenchOutput.R((double)f.Documents / baseline.Documents, 1),
                    }),
                });
                return 0;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (parse.GetValue(keep)) Console.Error.WriteLine($"store kept: {Path.Combine(dir.FullName, "bench.db")}");
                else dir.Delete(true);
            }
        });
        return command;
    }

    private sealed record Figures(int Documents, int Statements, double LoadMs, double ReadMs, double StatementsMs, double WriteMs, double TimelineMs, double RenderMs, double LoadCpuMs, double WriteCpuMs,
        double BeforeWriteMs)
    {
        public double ClaimsBuildMs { get; init; }
        public double ClaimsReadMs { get; init; }
        public int Claims { get; init; }
        public double BriefingStoreMs { get; init; }
        public double StoredReadMs { get; init; }

        public double TotalMs => LoadMs + WriteMs + RenderMs;
    }

    // What `brief --story` costs when the analysis stored the story's briefing: the fastest of one untimed and `rounds` timed reads (stamp
    // check, stored row, the documents) with the Markdown render; null when the store holds no current briefing of the story.
    private static async Task<double?> StoredReadAsync(SqliteDocumentStore store, long storyId, int rounds, CancellationToken ct)
    {
        var reader = StoredBriefingReader.For(store);
        double best = double.MaxValue;
        for (int r = 0; r <= Math.Max(1, rounds); r++)
        {
            var sw = Stopwatch.StartNew();
            BriefingRead? read;
            try { read = await reader.ReadAsync(storyId, ct); }
            catch (Microsoft.Data.Sqlite.SqliteException) { return null; } // a store from before stored briefings
            if (read is null) return null;
            GC.KeepAlive(MarkdownBriefingRenderer.Render(read.Briefing));
            if (r > 0) best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }
        return best;
    }

    // The fastest of the timed runs (the first untimed run is the caller's).
    private static async Task<Figures> FastestAsync(SqliteDocumentStore store, long storyId, int rounds, bool withVectors, CancellationToken ct)
    {
        Figures? best = null;
        for (int r = 0; r < Math.Max(1, rounds); r++)
        {
            var f = await TimeOnceAsync(store, storyId, withVectors, ct);
            if (best is null || f.TotalMs < best.TotalMs) best = f;
        }
        return best!;
    }

    private static async Task<Figures> TimeOnceAsync(SqliteDocumentStore store, long storyId, bool withVectors, CancellationToken ct)
    {
        var loader = StoryEvidenceLoader.For(store);
        var cpu = Cpu();
        var sw = Stopwatch.StartNew();
        var evidence = await loader.LoadAsync(storyId, ct) ?? throw new InvalidOperationException($"story {storyId} has no documents");
        var loadMs = sw.Elapsed.TotalMilliseconds;
        var loadCpuMs = Cpu() - cpu;

        // Reading alone (documents fetched and analysed) beside the whole load, so that statement loading shows as the difference.
        sw.Restart();
        GC.KeepAlive(await new StoryReader(store, store, store).ReadAsync(storyId, ct));
        var readMs = sw.Elapsed.TotalMilliseconds;

        sw.Restart();
        var events = new TimelineBuilder().Build(evidence.Documents, ct);
        var timelineMs = sw.Elapsed.TotalMilliseconds;

        var documents = withVectors ? WithRandomVectors(evidence.Documents) : evidence.Documents;
        cpu = Cpu();
        sw.Restart();
        var briefing = new ExtractiveBriefingWriter().Write(evidence with { Documents = documents }, cancellationToken: ct);
        var writeMs = sw.Elapsed.TotalMilliseconds;
        var writeCpuMs = Cpu() - cpu;

        // The writer before issue 12 on the same evidence, for the before/after ratio of one run.
        sw.Restart();
        GC.KeepAlive(new Baseline.BaselineBriefingWriter().Write(storyId, evidence.Documents, evidence.BriefingStatements(), ct));
        var beforeWriteMs = sw.Elapsed.TotalMilliseconds;

        sw.Restart();
        var html = HtmlBriefingRenderer.Render(briefing);
        var markdown = MarkdownBriefingRenderer.Render(briefing);
        var renderMs = sw.Elapsed.TotalMilliseconds;
        GC.KeepAlive(events);
        GC.KeepAlive(html + markdown);
        return new Figures(evidence.Documents.Count, evidence.Statements.Count, loadMs, readMs, Math.Max(0, loadMs - readMs), writeMs, timelineMs, renderMs, loadCpuMs, writeCpuMs, beforeWriteMs);
    }

    // Stand-in for stored sentence vectors (the product embeds at analysis time): random unit vectors cost the selector what real ones do.
    private static List<AnalysedDocument> WithRandomVectors(IReadOnlyList<AnalysedDocument> documents)
    {
        var random = new Random(12);
        return [.. documents.Select(d => d with
        {
            SentenceVectors = [.. d.Analysis.Sentences.Select(_ =>
            {
                var v = new float[384];
                for (int i = 0; i < v.Length; i++) v[i] = (float)(random.NextDouble() - 0.5);
                Storyline.Language.Embeddings.Vectors.Normalize(v);
                return (float[]?)v;
            })],
        })];
    }

    // Processor time of the process: on a machine shared with other work it moves much less than wall time does.
    private static double Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }
}
