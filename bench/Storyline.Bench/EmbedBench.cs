using System.CommandLine;
using System.Diagnostics;
using Storyline.Bench.Fnc;
using Storyline.Language.Embeddings;
using Storyline.Pipeline.Analysis;
using Storyline.Text;

namespace Storyline.Bench;

/// <summary><c>embed</c>: sentence-embedding throughput (sentences per CPU-second and per wall second) of ways to run the model, on the
/// sentences the vector stage picks from real news bodies, paired in one run; and the largest difference in the vectors they give.</summary>
public static class EmbedBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "FNC-1 train_bodies.csv", DefaultValueFactory = _ => "../shared/eval/fnc1/train_bodies.csv" };
        var limit = new Option<int>("--limit") { Description = "Documents whose sentences are embedded", DefaultValueFactory = _ => 40 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds; variants alternate within each", DefaultValueFactory = _ => 2 };
        var command = new Command("embed", "Sentence-embedding throughput of model settings, paired in one run") { data, limit, rounds };
        command.SetAction((parse, ct) =>
        {
            var textStage = new TextAnalysisStage();
            var vectorStage = new SentenceEmbeddingStage();
            // Per document, the sentences the vector stage embeds (a document is one call, as at ingest).
            var documents = new List<string[]>();
            foreach (var document in FncData.Documents(parse.GetValue(data)!, parse.GetValue(limit), ct))
            {
                var context = new AnalysisContext(document);
                textStage.Analyze(context, ct);
                var text = context.RequireText();
                documents.Add([.. vectorStage.Choose(text).Select(i => text.Sentences[i].Span.Slice(context.Text))]);
            }
            int sentences = documents.Sum(d => d.Length);
            // The first variant is the baseline the others are compared with: the float model as the package ships it.
            var variants = new (string Name, MiniLmEmbedder Embedder)[]
            {
                ("float, length batches of 4 (before)", new MiniLmEmbedder(new MiniLmOptions(BatchSize: 4, Quantized: false))),
                ("float, one text a call", new MiniLmEmbedder(new MiniLmOptions(Quantized: false))),
                ("int8, length batches of 4", new MiniLmEmbedder(new MiniLmOptions(BatchSize: 4))),
                ("int8, one text a call (default)", new MiniLmEmbedder(new MiniLmOptions())),
                ("float, one thread, batches of 4", new MiniLmEmbedder(new MiniLmOptions(IntraOpThreads: 1, BatchSize: 4, Quantized: false))),
                ("int8, one thread", new MiniLmEmbedder(new MiniLmOptions(IntraOpThreads: 1))),
            };
            foreach (var (_, embedder) in variants) embedder.Embed(["warm up the model"], ct);
            var cpu = new double[variants.Length];
            var wall = new double[variants.Length];
            var vectors = new float[variants.Length][][];
            using var process = Process.GetCurrentProcess();
            for (int r = 0; r < Math.Max(1, parse.GetValue(rounds)); r++)
            {
                for (int v = 0; v < variants.Length; v++)
                {
                    process.Refresh();
                    var cpuBefore = process.TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    var all = new List<float[]>();
                    foreach (var doc in documents) all.AddRange(variants[v].Embedder.Embed(doc, ct));
                    wall[v] += clock.Elapsed.TotalSeconds;
                    process.Refresh();
                    cpu[v] += (process.TotalProcessorTime - cpuBefore).TotalSeconds;
                    vectors[v] = [.. all];
                }
            }
            int n = Math.Max(1, parse.GetValue(rounds));
            var results = new List<object>();
            for (int v = 0; v < variants.Length; v++)
            {
                double minCosine = 1, sumCosine = 0;
                for (int i = 0; i < sentences; i++)
                {
                    double cosine = Vectors.Dot(vectors[0][i], vectors[v][i]);
                    minCosine = Math.Min(minCosine, cosine);
                    sumCosine += cosine;
                }
                var perCpu = sentences * n / cpu[v];
                var perWall = sentences * n / wall[v];
                Console.WriteLine($"{variants[v].Name,-38} {perCpu,7:0.0} sentences/CPU-s ({perCpu / (sentences * n / cpu[0]):0.00}x)  {perWall,7:0.0} sentences/s ({perWall / (sentences * n / wall[0]):0.00}x)  cosine to before: min {minCosine:0.0000}, mean {sumCosine / Math.Max(1, sentences):0.0000}");
                results.Add(new
                {
                    variant = variants[v].Name,
                    sentences_per_cpu_second = BenchOutput.R(perCpu, 1),
                    sentences_per_second = BenchOutput.R(perWall, 1),
                    cpu_ratio_to_before = BenchOutput.R(perCpu / (sentences * n / cpu[0]), 2),
                    wall_ratio_to_before = BenchOutput.R(perWall / (sentences * n / wall[0]), 2),
                    min_cosine_to_before = BenchOutput.R(minCosine, 5),
                    mean_cosine_to_before = BenchOutput.R(sumCosine / Math.Max(1, sentences), 5),
                });
            }
            BenchOutput.Write(new { bench = "embed", documents = documents.Count, sentences, rounds = n, variants = results });
            return Task.FromResult(0);
        });
        return command;
    }
}
