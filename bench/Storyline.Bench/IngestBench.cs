using System.CommandLine;
using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using Storyline.Decoding;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Pipeline;
using Storyline.Storage.Sqlite;

namespace Storyline.Bench;

/// <summary><c>ingest --data PATH</c>: whole-corpus ingest throughput (documents per second, MB per second, peak memory) into a fresh SQLite store, with a read+hash+decode baseline measured in the same run.</summary>
public static class IngestBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "A folder of .txt/.md/.html/.html.gz files (recursive)", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Passes over the corpus (each into a fresh store); the best is reported", DefaultValueFactory = _ => 3 };
        var command = new Command("ingest", "Ingest throughput on a folder of articles") { data, rounds };
        command.SetAction(async (parse, ct) =>
        {
            var inputs = Load(parse.GetValue(data)!);
            if (inputs.Count == 0) { Console.Error.WriteLine("error: no inputs found"); return 1; }
            long bytes = inputs.Sum(i => (long)i.Content.Length);
            double baselineBest = double.MaxValue, ingestBest = double.MaxValue;
            int stored = 0, failed = 0;
            for (int r = 0; r < Math.Max(1, parse.GetValue(rounds)); r++)
            {
                baselineBest = Math.Min(baselineBest, Baseline(inputs));
                (var seconds, stored, failed) = await IngestAsync(inputs, ct);
                ingestBest = Math.Min(ingestBest, seconds);
                Console.WriteLine($"round {r + 1}: baseline {baselineBest:0.000}s, ingest {seconds:0.000}s");
            }
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            BenchOutput.Write(new
            {
                bench = "ingest",
                data = parse.GetValue(data),
                documents = inputs.Count,
                stored,
                failed,
                megabytes = BenchOutput.R(bytes / 1e6, 3),
                docs_per_second = BenchOutput.R(inputs.Count / ingestBest, 1),
                megabytes_per_second = BenchOutput.R(bytes / 1e6 / ingestBest, 2),
                baseline_docs_per_second = BenchOutput.R(inputs.Count / baselineBest, 1),
                ingest_vs_baseline_time_ratio = BenchOutput.R(ingestBest / baselineBest, 2),
                peak_working_set_mb = BenchOutput.R(process.PeakWorkingSet64 / 1e6, 1),
            });
            return 0;
        });
        return command;
    }

    internal static List<RawInput> Load(string path)
    {
        var files = Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : (IEnumerable<string>)[path];
        var inputs = new List<RawInput>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            byte[] content;
            if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                using var gz = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
                using var ms = new MemoryStream();
                gz.CopyTo(ms);
                content = ms.ToArray();
                name = name[..^3];
            }
            else content = File.ReadAllBytes(file);
            var ext = Path.GetExtension(name).ToLowerInvariant();
            string? type = ext switch { ".html" or ".htm" => "text/html", ".txt" or ".md" => "text/plain", _ => null };
            if (type is null) continue;
            inputs.Add(new RawInput(file, null, type, content, DateTimeOffset.UnixEpoch, InputHints.None));
        }
        return inputs;
    }

    // The floor any ingest pays: hashing and decoding every input.
    private static double Baseline(List<RawInput> inputs)
    {
        var sw = Stopwatch.StartNew();
        long sink = 0;
        foreach (var input in inputs)
        {
            sink += SHA256.HashData(input.Content)[0];
            sink += EncodingDetector.Decode(input.Content, null, input.IsHtml).Text.Length;
        }
        sw.Stop();
        GC.KeepAlive(sink);
        return sw.Elapsed.TotalSeconds;
    }

    private static async Task<(double Seconds, int Stored, int Failed)> IngestAsync(List<RawInput> inputs, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("storyline-bench-");
        try
        {
            await using var store = await SqliteDocumentStore.OpenAsync(Path.Combine(dir.FullName, "bench.db"), cancellationToken: ct);
            var ingestor = new Ingestor(DocumentPipeline.CreateDefault(), store);
            int stored = 0, failed = 0;
            var sw = Stopwatch.StartNew();
            foreach (var input in inputs)
            {
                var result = await ingestor.IngestAsync(new InputItem(input), ct);
                if (result.Status == IngestStatus.Failed) failed++; else stored++;
            }
            sw.Stop();
            return (sw.Elapsed.TotalSeconds, stored, failed);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(true);
        }
    }
}
