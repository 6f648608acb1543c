using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Storyline.Entities;
using Storyline.Text;

namespace Storyline.Bench;

/// <summary>
/// <c>resolve --data FOLDER</c>: entity resolution speed on every <c>.txt</c> file under a folder (a PolNeAR split, the samples).
/// Text analysis and NER run once and are timed as the same-run baseline; resolution is timed over several rounds (best and median
/// reported, with its ratio to the baseline), and a hash of every entity and mention shows whether a change altered the output.
/// </summary>
public static class ResolveBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Folder with .txt files (searched recursively)", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Timed resolution rounds", DefaultValueFactory = _ => 5 };
        var command = new Command("resolve", "Entity resolution speed and output hash on a folder of texts") { data, rounds };
        command.SetAction(parse =>
        {
            var ct = CancellationToken.None;
            var folder = parse.GetValue(data)!;
            if (!Directory.Exists(folder)) { Console.Error.WriteLine($"error: {folder}: no such folder"); return 1; }
            var texts = Directory.EnumerateFiles(folder, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
            if (texts.Count == 0) { Console.Error.WriteLine($"error: {folder}: no .txt files"); return 1; }

            var analyzer = new TextAnalyzer();
            var recognizer = new NamedEntityRecognizer();
            var clock = Stopwatch.StartNew();
            var inputs = texts.Select(t => { var a = analyzer.Analyze(t, ct); return (Text: t, Analysis: a, Named: recognizer.Recognize(t, a, ct)); }).ToList();
            double baselineMs = clock.Elapsed.TotalMilliseconds;

            var resolver = new EntityResolver();
            string hash = "";
            var times = new List<double>();
            for (int round = 0; round <= parse.GetValue(rounds); round++)
            {
                var sb = new StringBuilder();
                clock.Restart();
                for (int i = 0; i < inputs.Count; i++)
                {
                    var result = resolver.Resolve(inputs[i].Text, inputs[i].Analysis, inputs[i].Named, "doc " + i, ct);
                    if (round == 0) Append(sb, result);
                }
                double ms = clock.Elapsed.TotalMilliseconds;
                if (round == 0) hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
                else times.Add(ms);   // round 0 is the warm-up
            }
            times.Sort();
            double best = times[0], median = times[times.Count / 2];
            Console.WriteLine($"{texts.Count} documents: text analysis + NER {baselineMs:0} ms (baseline, once); resolution best {best:0} ms, median {median:0} ms ({median / baselineMs:0.000}x baseline); output {hash}");
            BenchOutput.Write(new
            {
                documents = texts.Count,
                baseline_ms = BenchOutput.R(baselineMs, 1),
                resolve_best_ms = BenchOutput.R(best, 1),
                resolve_median_ms = BenchOutput.R(median, 1),
                median_vs_baseline = BenchOutput.R(median / baselineMs),
                output_hash = hash,
            });
            return 0;
        });
        return command;
    }

    private static void Append(StringBuilder sb, DocumentEntities result)
    {
        foreach (var e in result.Entities) sb.Append(e.Key).Append('|').Append(e.Name).Append('|').Append(e.Type).Append('|').AppendJoin(';', e.Roles).Append('|').AppendJoin(';', e.Affiliations).Append('\n');
        foreach (var m in result.Mentions) sb.Append(m.Span.Start).Append(',').Append(m.Span.End).Append(',').Append(m.EntityKey).Append(',').Append(m.Kind).Append(',').Append(m.Role).Append('\n');
    }
}
