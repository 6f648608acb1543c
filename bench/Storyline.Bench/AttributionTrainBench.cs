using System.CommandLine;
using System.Diagnostics;
using Storyline.Attribution;
using Storyline.Attribution.Transformer;
using Storyline.Bench.Attribution;
using Storyline.Bench.Fnc;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Text;
using Storyline.Training;

namespace Storyline.Bench;

/// <summary><c>attribution-train --data TRAIN --out MODEL</c>: trains the attribution tagger on a PolNeAR split (every tenth article held out
/// for early stopping; fixed seed) and writes the compressed model.</summary>
public static class AttributionTrainBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "A PolNeAR split folder to train on, e.g. ../shared/eval/polnear/data/train", Required = true };
        var output = new Option<string>("--out") { Description = "Model file to write", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Most epochs", DefaultValueFactory = _ => new AttributionTrainingOptions().MaxEpochs };
        var seed = new Option<int>("--seed") { Description = "Shuffle seed", DefaultValueFactory = _ => new AttributionTrainingOptions().Seed };
        var prune = new Option<float>("--prune") { Description = "Drop averaged weights below this magnitude", DefaultValueFactory = _ => new AttributionTrainingOptions().PruneBelow };
        var minCount = new Option<int>("--min-count") { Description = "Leave out features seen on fewer training tokens", DefaultValueFactory = _ => new AttributionTrainingOptions().MinFeatureCount };
        var stack = new Option<int>("--stack-folds") { Description = "Folds for the second pass's jack-knifed first-pass tags (0 = one pass)", DefaultValueFactory = _ => new AttributionTrainingOptions().StackFolds };
        var clusters = new Option<int>("--clusters") { Description = "Word clusters to learn from unlabelled text as features (0 = none)", DefaultValueFactory = _ => 0 };
        var clusterText = new Option<string[]>("--cluster-text")
        {
            Description = "Unlabelled text for the word clusters: folders of .txt files or FNC-1 bodies CSV files (default: the training split's texts)",
            AllowMultipleArgumentsPerToken = true,
        };
        var silver = new Option<string[]>("--silver")
        {
            Description = "Unlabelled news to learn from as well, labelled by the transformer hybrid (the teacher): folders of .txt files or FNC-1 bodies CSV files",
            AllowMultipleArgumentsPerToken = true,
        };
        var silverTagger = new Option<string?>("--silver-tagger") { Description = "With --silver: the teacher's transformer tagger file (default: the embedded one)" };
        var silverLimit = new Option<int>("--silver-limit") { Description = "With --silver: most unlabelled texts (0 = all)", DefaultValueFactory = _ => 0 };
        var command = new Command("attribution-train", "Train the attribution tagger on PolNeAR") { data, output, epochs, seed, prune, minCount, stack, clusters, clusterText, silver, silverTagger, silverLimit };
        command.SetAction(parse =>
        {
            var ct = CancellationToken.None;
            var clock = Stopwatch.StartNew();
            var docs = PolnearCorpus.Load(parse.GetValue(data)!);
            if (docs.Count == 0) { Console.Error.WriteLine($"error: {parse.GetValue(data)}: no annotated PolNeAR documents (text/*.txt with attributions/*.ann) found"); return 1; }
            var examples = ToExamples(docs, ct);
            // Every tenth article (in name order) is held out to choose the epoch; dev and test stay unseen.
            var train = examples.Where((_, i) => i % 10 != 9).ToList();
            var heldOut = examples.Where((_, i) => i % 10 == 9).ToList();
            int silverCount = 0;
            if (parse.GetValue(silver) is { Length: > 0 } silverPaths)
            {
                var texts = silverPaths.SelectMany(UnlabelledTexts).ToList();
                if (parse.GetValue(silverLimit) is > 0 and var most) texts = [.. texts.Take(most)];
                var teacherClock = Stopwatch.StartNew();
                var silverExamples = SilverExamples(texts, parse.GetValue(silverTagger), ct);
                silverCount = silverExamples.Count;
                train.AddRange(silverExamples);
                Console.WriteLine($"{silverCount} texts labelled by the teacher ({silverExamples.Sum(e => e.Gold.Count)} attributions, {teacherClock.Elapsed.TotalSeconds:0.0}s)");
            }
            Dictionary<ulong, ushort>? wordClusters = null;
            if (parse.GetValue(clusters) > 0)
            {
                var sources = parse.GetValue(clusterText) is { Length: > 0 } paths ? paths : [Path.Combine(parse.GetValue(data)!, "text")];
                var texts = sources.SelectMany(UnlabelledTexts).ToList();
                wordClusters = AttributionTaggerTrainer.BuildClusters(texts, parse.GetValue(clusters), parse.GetValue(seed), ct);
                Console.WriteLine($"{wordClusters.Count} words in {parse.GetValue(clusters)} clusters from {texts.Count} texts ({clock.Elapsed.TotalSeconds:0.0}s)");
            }
            var options = new AttributionTrainingOptions
            {
                MaxEpochs = parse.GetValue(epochs), Seed = parse.GetValue(seed), PruneBelow = parse.GetValue(prune), MinFeatureCount = parse.GetValue(minCount),
                StackFolds = parse.GetValue(stack), Clusters = wordClusters,
            };
            var epochsRun = new List<AttributionEpoch>();
            var tagger = AttributionTaggerTrainer.Train(train, heldOut, options, e =>
            {
                epochsRun.Add(e);
                Console.WriteLine($"pass {e.Pass} epoch {e.Epoch}: {e.Mistakes} token mistakes, held-out role F1 {e.HeldOutF1:0.0000} ({e.Seconds:0.0}s)");
            }, ct);
            var path = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using (var file = File.Create(path)) tagger.Save(file);
            AttributionTagger saved;
            using (var file = File.OpenRead(path)) saved = AttributionTagger.Load(file);
            var best = epochsRun.GroupBy(e => e.Pass).Select(g => g.MaxBy(e => e.HeldOutF1)!.Epoch).ToList();
            BenchOutput.Write(new
            {
                bench = "attribution-train",
                train_documents = train.Count - silverCount,
                silver_documents = silverCount,
                held_out_documents = heldOut.Count,
                epochs_run = epochsRun.GroupBy(e => e.Pass).Select(g => g.Count()).ToList(),
                best_epoch = best,
                train_seconds = BenchOutput.R(clock.Elapsed.TotalSeconds, 1),
                features = saved.FeatureCount,
                model_bytes = new FileInfo(path).Length,
                held_out_f1_saved_model = BenchOutput.R(AttributionTaggerTrainer.Evaluate(saved, heldOut, ct)),
            });
            return 0;
        });
        return command;
    }

    // A folder gives its .txt files; a CSV file gives FNC-1 article bodies.
    private static IEnumerable<string> UnlabelledTexts(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText)
            : FncData.Bodies(path).OrderBy(b => b.Key).Select(b => b.Value);

    /// <summary>Knowledge distillation: each unlabelled text with the top-level attributions the transformer hybrid finds in it as its
    /// gold, so that the linear tagger learns from far more (if noisier) examples than PolNeAR's 840 articles.</summary>
    public static List<AttributionExample> SilverExamples(IReadOnlyList<string> texts, string? taggerPath, CancellationToken ct)
    {
        var analyzer = new TextAnalyzer();
        var ner = new NamedEntityRecognizer();
        var teacher = TaggedAttributionExtractor.Create(AttributionTaggerKind.Transformer, TransformerTaggerOptions.Default with { ModelPath = taggerPath });
        var result = new AttributionExample[texts.Count];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var text = texts[i];
            var analysis = analyzer.Analyze(text, ct);
            var entities = ner.Recognize(text, analysis, ct);
            var found = teacher.Extract(text, analysis, entities, ct);
            var gold = found.Where(a => a.Parent is null && !a.IsQuestion && a.Cue is not null)
                .Select(a => new GoldAttribution(a.Source is { } s ? [s] : [], [a.Cue!.Value], a.Content.Parts)).ToList();
            result[i] = new AttributionExample(text, analysis, entities, gold);
        });
        return [.. result];
    }

    /// <summary>Analyses each article and turns its gold fragments into training spans.</summary>
    public static List<AttributionExample> ToExamples(IReadOnlyList<PolnearDocument> docs, CancellationToken ct)
    {
        var analyzer = new TextAnalyzer();
        var ner = new NamedEntityRecognizer();
        static IReadOnlyList<TextSpan> Spans(Fragments? f) => f is null ? [] : [.. f.Parts.Select(p => TextSpan.FromBounds(p.Start, p.End))];
        return [.. docs.Select(d =>
        {
            var analysis = analyzer.Analyze(d.Text, ct);
            var gold = d.Gold.Select(g => new GoldAttribution(Spans(g.Source), Spans(g.Cue), Spans(g.Content))).ToList();
            return new AttributionExample(d.Text, analysis, ner.Recognize(d.Text, analysis, ct), gold);
        })];
    }
}
