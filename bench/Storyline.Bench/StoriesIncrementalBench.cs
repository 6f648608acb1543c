using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Pipeline;
using Storyline.Storage.Sqlite;
using Storyline.Stories;

namespace Storyline.Bench;

/// <summary><c>stories-incremental --data FNC1_FOLDER</c>: the cost of assigning one more document to a story in a store that already holds
/// 100 and 3,000 assigned documents (FNC-1 bodies first, then the real articles of <c>--extra</c> folders to reach the larger size), as
/// wall and processor time and as each size's ratio to the smallest, all in one run: incremental assignment keeps the ratio near 1.</summary>
public static class StoriesIncrementalBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "FNC-1 folder (train_bodies.csv)", Required = true };
        var extra = new Option<string[]>("--extra")
        {
            Description = "Folders of .txt articles used after the FNC-1 bodies (default: the PolNeAR, PTC and DUC 2004 texts beside the FNC-1 folder)",
            AllowMultipleArgumentsPerToken = true,
        };
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated store sizes", DefaultValueFactory = _ => "100,3000" };
        var rounds = new Option<int>("--rounds") { Description = "Documents added (and timed) per size; the median is reported", DefaultValueFactory = _ => 7 };
        var command = new Command("stories-incremental", "Cost of assigning one more document to stories, in stores of 100 and 3,000 documents") { data, extra, sizes, rounds };
        command.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(data)!;
            var counts = parse.GetValue(sizes)!.Split(',').Select(s => int.Parse(s.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var r = Math.Max(1, parse.GetValue(rounds));
            var extraFolders = parse.GetValue(extra) is { Length: > 0 } given ? given
                : [Path.Combine(folder, "..", "polnear", "data"), Path.Combine(folder, "..", "ptc-propaganda"), Path.Combine(folder, "..", "duc2004-dev")];
            var texts = StoriesBench.Load(folder, "all").Bodies.Select(b => (Name: $"fnc1-{b.Id}", b.Text))
                .Concat(extraFolders.Where(Directory.Exists)
                    .SelectMany(f => Directory.EnumerateFiles(f, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    .Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f))))
                .Where(t => t.Text.Length > 200)
                .ToList();
            var needed = counts.Max() + r;
            if (texts.Count < needed) { Console.Error.WriteLine($"error: {needed} documents needed, {texts.Count} found"); return 1; }
            var results = new List<(int Size, double WallMs, double CpuMs)>();
            foreach (var size in counts)
            {
                var dir = Directory.CreateTempSubdirectory("storyline-bench-stories-");
                try
                {
                    await using var store = await SqliteDocumentStore.OpenAsync(Path.Combine(dir.FullName, "bench.db"), cancellationToken: ct);
                    var ingestor = new Ingestor(DocumentPipeline.CreateDefault(), store);
                    int next = 0;
                    // Adds the next text that is not an exact copy of one stored (those are not new documents and get no story).
                    async Task AddAsync()
                    {
                        while (true)
                        {
                            if (next >= texts.Count) throw new InvalidOperationException("not enough distinct documents");
                            var (name, text) = texts[next++];
                            var input = new RawInput(name + ".txt", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, InputHints.None);
                            if ((await ingestor.IngestAsync(new InputItem(input), ct)).Status is IngestStatus.Ingested or IngestStatus.NearDuplicate) return;
                        }
                    }
                    var sw = Stopwatch.StartNew();
                    for (int i = 0; i < size; i++) await AddAsync();
                    await new StoryAssigner(store).AssignPendingAsync(ct);
                    Console.WriteLine($"{size,5} documents stored and assigned in {sw.Elapsed.TotalSeconds:0.0} s");
                    var wall = new List<double>();
                    var cpu = new List<double>();
                    // One untimed addition first, so that no size carries the JIT and the first queries.
                    for (int k = -1; k < r; k++)
                    {
                        await AddAsync();
                        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                        var watch = Stopwatch.StartNew();
                        var assigned = await new StoryAssigner(store).AssignPendingAsync(ct);
                        watch.Stop();
                        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
                        if (assigned.Count != 1) throw new InvalidOperationException($"expected one assignment, got {assigned.Count}");
                        if (k < 0) continue;
                        wall.Add(watch.Elapsed.TotalMilliseconds);
                        cpu.Add(cpuMs);
                    }
                    results.Add((size, Median(wall), Median(cpu)));
                    Console.WriteLine($"{size,5} documents: one more assigned in {Median(wall),8:0.0} ms wall, {Median(cpu),8:0.0} ms processor (median of {r})");
                }
                finally
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    dir.Delete(true);
                }
            }
            var baseline = results[0];
            BenchOutput.Write(new
            {
                bench = "stories-incremental",
                rounds = r,
                sizes = results.Select(x => new
                {
                    documents = x.Size,
                    wall_ms = BenchOutput.R(x.WallMs, 2),
                    cpu_ms = BenchOutput.R(x.CpuMs, 1),
                    wall_ratio = BenchOutput.R(x.WallMs / baseline.WallMs, 2),
                    cpu_ratio = BenchOutput.R(x.CpuMs / Math.Max(1, baseline.CpuMs), 2),
                }),
            });
            return 0;
        });
        return command;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
