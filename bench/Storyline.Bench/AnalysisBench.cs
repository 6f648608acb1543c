using System.CommandLine;
using System.Diagnostics;
using Storyline.Bench.Fnc;
using Storyline.Pipeline.Analysis;

namespace Storyline.Bench;

/// <summary><c>analysis --data FNC_BODIES</c>: CPU cost of each analysis stage per document (process CPU time, so that the embedding
/// model's own threads count), and documents per CPU-second with and without sentence vectors, on real news bodies.</summary>
public static class AnalysisBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "FNC-1 train_bodies.csv", DefaultValueFactory = _ => "../shared/eval/fnc1/train_bodies.csv" };
        var limit = new Option<int>("--limit") { Description = "Documents to analyse", DefaultValueFactory = _ => 200 };
        var vectors = new Option<string>("--vectors") { Description = "on: the default pipeline (statements' sentences embedded); all: every sentence embedded; off: without the sentence-vector stage (to profile the others)", DefaultValueFactory = _ => "on" };
        vectors.AcceptOnlyFromAmong("on", "all", "off");
        var warmup = new Option<int>("--warmup") { Description = "Documents analysed first, untimed, so that the runtime has compiled the stages' hot code (the last ones of the set; every document is then timed)", DefaultValueFactory = _ => 1 };
        var command = new Command("analysis", "CPU cost of each analysis stage per document, and documents per CPU-second") { data, limit, vectors, warmup };
        command.SetAction((parse, ct) =>
        {
            var documents = FncData.Documents(parse.GetValue(data)!, parse.GetValue(limit), ct);
            var embeddings = parse.GetValue(vectors) switch
            {
                "off" => Storyline.Language.Embeddings.SentenceEmbeddingOptions.Default with { Enabled = false },
                "all" => Storyline.Language.Embeddings.SentenceEmbeddingOptions.Default with { Scope = Storyline.Language.Embeddings.EmbeddingScope.All },
                _ => Storyline.Language.Embeddings.SentenceEmbeddingOptions.Default,
            };
            // The attribution tagger as the environment chooses it (STORYLINE_ATTRIBUTION_TAGGER), as every host does.
            var analysis = new AnalysisPipelineBuilder().UseDefaults(AnalysisOptions.FromEnvironment() with { EmbeddingOptions = embeddings }).Build();
            // Warm-up: the models load on first use, which a long-running ingest pays once, and the runtime compiles the hot code in tiers
            // over the first few hundred documents. Every document is timed afterwards, so the timed set is the same for any warm-up.
            foreach (var document in documents.TakeLast(Math.Clamp(parse.GetValue(warmup), 1, documents.Count)))
                AnalysisPipeline.Run(analysis.Stages, new AnalysisContext(document), ct);

            var cpu = analysis.Stages.ToDictionary(s => s.Name, _ => TimeSpan.Zero);
            using var process = Process.GetCurrentProcess();
            long sentences = 0, embedded = 0;
            foreach (var document in documents)
            {
                var context = new AnalysisContext(document);
                foreach (var stage in analysis.Stages)
                {
                    process.Refresh();
                    var before = process.TotalProcessorTime;
                    stage.Analyze(context, ct);
                    process.Refresh();
                    cpu[stage.Name] += process.TotalProcessorTime - before;
                }
                sentences += context.RequireText().Sentences.Count;
                embedded += context.SentenceVectors?.Count(v => v is not null) ?? 0;
            }
            // The per-stage figures above read the process's CPU time (10 ms ticks, through /proc) twice per stage and document, and those
            // reads cost CPU inside the windows. The headline figures come from whole passes timed once at each end instead: the same
            // documents through the same stages (and without the vector stage), so GC and the runtime's other threads count, the reads do not.
            double WholePass(IReadOnlyList<IAnalysisStage> stages)
            {
                process.Refresh();
                var before = process.TotalProcessorTime;
                foreach (var document in documents) AnalysisPipeline.Run(stages, new AnalysisContext(document), ct);
                process.Refresh();
                return (process.TotalProcessorTime - before).TotalSeconds;
            }
            var textStages = analysis.Stages.Where(s => s.Name != Storyline.Language.Embeddings.SentenceEmbeddingStage.StageName).ToList();
            double wholeWithout = WholePass(textStages);
            double? whole = textStages.Count == analysis.Stages.Count ? null : WholePass(analysis.Stages);
            var total = cpu.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b).TotalSeconds;
            var withoutVectors = cpu.Where(p => p.Key != Storyline.Language.Embeddings.SentenceEmbeddingStage.StageName).Sum(p => p.Value.TotalSeconds);
            foreach (var (name, time) in cpu)
                Console.WriteLine($"{name,-12} {time.TotalMilliseconds / documents.Count,8:0.0} ms/doc  {time.TotalSeconds / total,6:P0}");
            BenchOutput.Write(new
            {
                bench = "analysis",
                documents = documents.Count,
                sentences,
                embedded_sentences = embedded,
                cpu_ms_per_document = cpu.ToDictionary(p => p.Key, p => BenchOutput.R(p.Value.TotalMilliseconds / documents.Count, 2)),
                docs_per_cpu_second = BenchOutput.R(documents.Count / (whole ?? wholeWithout), 1),
                docs_per_cpu_second_without_vectors = BenchOutput.R(documents.Count / wholeWithout, 1),
                staged_docs_per_cpu_second = BenchOutput.R(documents.Count / total, 1),
                staged_docs_per_cpu_second_without_vectors = BenchOutput.R(documents.Count / withoutVectors, 1),
                embedded_sentences_per_cpu_second = BenchOutput.R(embedded / Math.Max(1e-9, cpu.GetValueOrDefault(Storyline.Language.Embeddings.SentenceEmbeddingStage.StageName).TotalSeconds), 1),
            });
            return Task.FromResult(0);
        });
        return command;
    }
}
