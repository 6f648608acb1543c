using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Storyline.Attribution;
using Storyline.Attribution.Transformer;
using Storyline.Bench.Attribution;
using Storyline.Bench.Fnc;
using Storyline.Entities;
using Storyline.Text;

namespace Storyline.Bench;

/// <summary><c>attribution-cost --transformer FILE</c>: CPU per document and per sentence of the transformer tagger against the linear
/// one, in one run on the same documents (PolNeAR dev and FNC-1 bodies): the tagging alone and the whole hybrid extractor, for each
/// ONNX Runtime thread count and batch size asked for.</summary>
public static class AttributionCostBench
{
    public static Command Create()
    {
        var transformer = new Option<string>("--transformer") { Description = "A transformer tagger file (bench/Storyline.Bench.FineTune export)", Required = true };
        var polnear = new Option<string>("--polnear") { Description = "A PolNeAR split folder", DefaultValueFactory = _ => "../shared/eval/polnear/data/dev" };
        var fnc = new Option<string>("--fnc") { Description = "FNC-1 train_bodies.csv", DefaultValueFactory = _ => "../shared/eval/fnc1/train_bodies.csv" };
        var bodies = new Option<int>("--bodies") { Description = "FNC-1 bodies (the first by id that cleaning keeps)", DefaultValueFactory = _ => 200 };
        var batches = new Option<string>("--batch") { Description = "Batch sizes to time, comma-separated", DefaultValueFactory = _ => "1,4,8" };
        var threads = new Option<string>("--threads") { Description = "ONNX Runtime intra-op thread counts to time, comma-separated", DefaultValueFactory = _ => "1,2" };
        var rounds = new Option<int>("--rounds") { Description = "Timed passes of each measurement (the least CPU counts: other processes only ever add)", DefaultValueFactory = _ => 3 };
        var command = new Command("attribution-cost", "CPU per document and sentence: transformer attribution tagger against the linear one") { transformer, polnear, fnc, bodies, batches, threads, rounds };
        command.SetAction((parse, ct) =>
        {
            var analyzer = new TextAnalyzer();
            var ner = new NamedEntityRecognizer();
            var sets = new List<(string Name, List<Input> Docs)>();
            if (parse.GetValue(polnear) is { Length: > 0 } folder && Directory.Exists(folder))
                sets.Add(("polnear-dev", [.. PolnearCorpus.Load(folder).Select(d => Prepare(d.Text, analyzer.Analyze(d.Text, ct), ner, ct))]));
            if (parse.GetValue(fnc) is { Length: > 0 } csv && File.Exists(csv))
                sets.Add(("fnc1", [.. FncData.Documents(csv, parse.GetValue(bodies), ct).Select(d => Prepare(d.Content.Text, analyzer.Analyze(d.Content.Text, d.Content.Blocks, ct), ner, ct))]));
            var linear = AttributionTagger.Default ?? throw new InvalidOperationException("no linear attribution model is embedded");
            var configs = new List<(string Name, IAttributionTagger Tagger, IAttributionExtractor Extractor)>
            {
                ("linear", linear, new TaggedAttributionExtractor(new AttributionExtractor(), linear) { TaggerFirst = true }),
            };
            foreach (var t in Ints(parse.GetValue(threads)!))
                foreach (var b in Ints(parse.GetValue(batches)!))
                {
                    var load = Stopwatch.StartNew();
                    var tagger = TransformerAttributionTagger.Load(new TransformerTaggerOptions(parse.GetValue(transformer), t, b));
                    // The first load quantizes the model and caches it; later ones read the cache.
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"transformer threads {t} batch {b}: loaded in {load.Elapsed.TotalSeconds:0.00} s"));
                    configs.Add(($"transformer threads {t} batch {b}", tagger, new TaggedAttributionExtractor(new AttributionExtractor(), tagger) { TaggerFirst = true }));
                }
            var results = new List<object>();
            foreach (var (set, docs) in sets)
            {
                int sentences = docs.Sum(d => d.Analysis.Sentences.Count);
                Console.WriteLine($"{set}: {docs.Count} documents, {sentences} sentences, {docs.Sum(d => d.Analysis.Tokens.Count)} tokens");
                foreach (var (name, tagger, extractor) in configs)
                {
                    // Warm-up: JIT and the first ONNX Runtime calls.
                    foreach (var d in docs.Take(5)) extractor.Extract(d.Text, d.Analysis, d.Entities, ct);
                    int passes = Math.Max(1, parse.GetValue(rounds));
                    var (tagCpu, tagWall) = Best(passes, () => { foreach (var d in docs) tagger.Extract(d.Tokens, ct); });
                    var (allCpu, allWall) = Best(passes, () => { foreach (var d in docs) extractor.Extract(d.Text, d.Analysis, d.Entities, ct); });
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {name,-32} tagging {tagCpu / docs.Count,7:0.00} CPU-ms/doc {tagCpu / sentences,6:0.000} CPU-ms/sentence (wall {tagWall / docs.Count:0.00} ms/doc) | whole extractor {allCpu / docs.Count,7:0.00} CPU-ms/doc {allCpu / sentences,6:0.000} CPU-ms/sentence (wall {allWall / docs.Count:0.00} ms/doc)"));
                    results.Add(new { set, tagger = name, documents = docs.Count, sentences, tagging_cpu_ms_per_doc = BenchOutput.R(tagCpu / docs.Count, 3), tagging_cpu_ms_per_sentence = BenchOutput.R(tagCpu / sentences, 4), extractor_cpu_ms_per_doc = BenchOutput.R(allCpu / docs.Count, 3), extractor_cpu_ms_per_sentence = BenchOutput.R(allCpu / sentences, 4), tagging_wall_ms_per_doc = BenchOutput.R(tagWall / docs.Count, 3) });
                }
            }
            BenchOutput.Write(new { bench = "attribution-cost", transformer = parse.GetValue(transformer), results });
            return Task.FromResult(0);
        });
        return command;
    }

    private sealed record Input(string Text, TextAnalysis Analysis, IReadOnlyList<NamedEntity> Entities, AttributionTokens Tokens);

    private static Input Prepare(string text, TextAnalysis analysis, NamedEntityRecognizer ner, CancellationToken ct)
    {
        var entities = ner.Recognize(text, analysis, ct);
        return new Input(text, analysis, entities, new AttributionTokens(text, analysis, entities));
    }

    private static int[] Ints(string list) => [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture))];

    private static (double Cpu, double Wall) Best(int passes, Action action)
    {
        var times = Enumerable.Range(0, passes).Select(_ => Time(action)).ToList();
        return (times.Min(t => t.Cpu), times.Min(t => t.Wall));
    }

    // Process CPU time (every thread: ONNX Runtime's included) and wall time, in milliseconds.
    private static (double Cpu, double Wall) Time(Action action)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        action();
        process.Refresh();
        return ((process.TotalProcessorTime - cpu).TotalMilliseconds, wall.Elapsed.TotalMilliseconds);
    }
}
