using System.CommandLine;
using System.Diagnostics;
using Storyline.Entities;
using Storyline.Training;

namespace Storyline.Bench;

/// <summary><c>ner-train --data TRAIN --dev DEV --out MODEL</c>: trains the NER tagger (fixed seed, early stopping on dev F1) and writes the compressed model.</summary>
public static class NerTrainBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "CoNLL training file", Required = true };
        var dev = new Option<string?>("--dev") { Description = "CoNLL dev file for early stopping" };
        var output = new Option<string>("--out") { Description = "Model file to write", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Most epochs", DefaultValueFactory = _ => new NerTrainingOptions().MaxEpochs };
        var seed = new Option<int>("--seed") { Description = "Shuffle and clustering seed", DefaultValueFactory = _ => new NerTrainingOptions().Seed };
        var clusters = new Option<int>("--clusters") { Description = "Distributional clusters (0 = none)", DefaultValueFactory = _ => new NerTrainingOptions().Clusters };
        var prune = new Option<float>("--prune") { Description = "Drop averaged weights below this magnitude", DefaultValueFactory = _ => new NerTrainingOptions().PruneBelow };
        var documentFolds = new Option<int>("--document-folds") { Description = "Folds for the document pass's training input (below 2: no document pass)", DefaultValueFactory = _ => new NerTrainingOptions().DocumentFolds };
        var documentScale = new Option<float>("--document-scale") { Description = "Factor on first-pass scores under the document pass", DefaultValueFactory = _ => new NerTrainingOptions().DocumentFirstPassScale };
        var command = new Command("ner-train", "Train the named-entity tagger") { data, dev, output, epochs, seed, clusters, prune, documentFolds, documentScale };
        command.SetAction(parse =>
        {
            var ct = CancellationToken.None;
            var clock = Stopwatch.StartNew();
            var train = ConllCorpus.Read(parse.GetValue(data)!);
            var devSentences = parse.GetValue(dev) is { } devPath ? ConllCorpus.Read(devPath) : null;
            var options = new NerTrainingOptions
            {
                MaxEpochs = parse.GetValue(epochs),
                Seed = parse.GetValue(seed),
                Clusters = parse.GetValue(clusters),
                PruneBelow = parse.GetValue(prune),
                DocumentFolds = parse.GetValue(documentFolds),
                DocumentFirstPassScale = parse.GetValue(documentScale),
            };
            var epochsRun = new List<NerEpoch>();
            var tagger = NerTrainer.Train(train, devSentences, options, e =>
            {
                epochsRun.Add(e);
                Console.WriteLine($"{e.Pass} epoch {e.Epoch}: {e.Mistakes} token mistakes, dev F1 {e.DevF1:0.0000} ({e.Seconds:0.0}s)");
            }, ct);
            double trainSeconds = clock.Elapsed.TotalSeconds;
            var path = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using (var file = File.Create(path)) tagger.Save(file);

            // Score the model as saved (half-precision weights), not the in-memory one.
            NerTagger saved;
            using (var file = File.OpenRead(path)) saved = NerTagger.Load(file);
            var eval = devSentences is null ? null : NerTrainer.Evaluate(saved, devSentences, ct);
            BenchOutput.Write(new
            {
                bench = "ner-train",
                train_sentences = train.Count,
                epochs_run = epochsRun.Count,
                best_epoch = epochsRun.Where(e => e.Pass == "sentence").MaxBy(e => e.DevF1)?.Epoch,
                best_document_epoch = epochsRun.Where(e => e.Pass == "document").MaxBy(e => e.DevF1)?.Epoch,
                train_seconds = BenchOutput.R(trainSeconds, 1),
                features = saved.FeatureCount,
                model_bytes = new FileInfo(path).Length,
                dev_f1_saved_model = eval is null ? (double?)null : BenchOutput.R(eval.Overall.F1),
            });
            return 0;
        });
        return command;
    }
}
