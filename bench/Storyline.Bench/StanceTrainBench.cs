using System.CommandLine;
using System.Diagnostics;
using Storyline.Bench.Fnc;
using Storyline.Claims;
using Storyline.Training;

namespace Storyline.Bench;

/// <summary><c>stance-train --bodies FILE --stances FILE --split DIR --out MODEL</c>: trains the stance model on the training ids (a dev slice of them chooses the epochs) and writes it.</summary>
public static class StanceTrainBench
{
    public static Command Create()
    {
        var bodies = new Option<string>("--bodies") { Description = "FNC-1 bodies CSV", Required = true };
        var stances = new Option<string>("--stances") { Description = "FNC-1 stances CSV", Required = true };
        var split = new Option<string>("--split") { Description = "Folder with training_ids.txt (or the ids file itself)", Required = true };
        var output = new Option<string?>("--out") { Description = "Model file to write" };
        var cachePath = new Option<string?>("--cache") { Description = "Embedding cache file (default: storyline-stance-embeddings[-int8].bin in the temp folder)" };
        var vectors = StanceWarm.VectorsOption();
        var warmOnly = new Option<bool>("--embed-only") { Description = "Only fill the embedding cache (all bodies of the file)" };
        var defaults = new StanceTrainingOptions();
        var hidden = new Option<int>("--hidden") { Description = "Hidden units of the stance network", DefaultValueFactory = _ => defaults.StanceHidden };
        var rate = new Option<float>("--rate") { Description = "First learning rate", DefaultValueFactory = _ => defaults.LearningRate };
        var dropout = new Option<float>("--dropout") { Description = "Hidden-layer dropout", DefaultValueFactory = _ => defaults.Dropout };
        var decay = new Option<float>("--decay") { Description = "L2 weight decay", DefaultValueFactory = _ => defaults.WeightDecay };
        var weights = new Option<string>("--weights") { Description = "Loss weights of asserts,denies,reports", DefaultValueFactory = _ => string.Join(',', defaults.StanceClassWeights) };
        var seed = new Option<int>("--seed") { Description = "Seed", DefaultValueFactory = _ => defaults.Seed };
        var devBy = new Option<string>("--dev-by") { Description = "Dev slice: 'body' (every eighth training body, as the hold-out split) or 'claim' (every eighth claim with all its headlines and bodies: new claims, as in the competition test)", DefaultValueFactory = _ => "claim" };
        var command = new Command("stance-train", "Train the stance model on FNC-1 training ids")
            { bodies, stances, split, output, cachePath, vectors, warmOnly, hidden, rate, dropout, decay, weights, seed, devBy };
        command.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            var bodyTexts = FncData.Bodies(parse.GetValue(bodies)!);
            var pairs = FncData.Stances(parse.GetValue(stances)!);
            var cache = StanceWarm.Open(parse.GetValue(cachePath), parse.GetValue(vectors)!);
            if (parse.GetValue(warmOnly))
            {
                StanceWarm.Fill(cache, bodyTexts.Values, pairs.Select(p => p.Headline));
                return 0;
            }
            var trainIds = FncData.SplitIds(parse.GetValue(split)!, "training");
            var used = pairs.Where(p => trainIds.Contains(p.BodyId) && bodyTexts.ContainsKey(p.BodyId)).ToList();
            var devIds = StanceData.DevIds(trainIds);
            if (parse.GetValue(devBy) == "claim")
            {
                var claimOf = StanceData.Claims(used);
                var devClaims = claimOf.Values.Distinct().Order().Where((_, i) => i % 8 == 3).ToHashSet();
                devIds = [.. trainIds.Where(id => devClaims.Contains(claimOf.GetValueOrDefault("b:" + id, -1)))];
                // A headline of a dev claim paired (unrelated) with a training body would leak the claim's wording into training: such pairs are left out.
                used = [.. used.Where(p => devIds.Contains(p.BodyId) || !devClaims.Contains(claimOf.GetValueOrDefault("h:" + p.Headline, -1)))];
            }
            var (bodyDocs, headlineDocs) = StanceData.Prepare(bodyTexts, used, cache);
            var training = used.Select(p => new StanceTrainingPair(headlineDocs[p.Headline], bodyDocs[p.BodyId],
                StancePrediction.FromFnc(p.Stance) ?? throw new InvalidDataException($"unknown stance '{p.Stance}'"), devIds.Contains(p.BodyId))).ToList();
            Console.WriteLine($"{training.Count(p => !p.Dev)} training pairs, {training.Count(p => p.Dev)} dev pairs ({devIds.Count} dev bodies); prepared in {clock.Elapsed.TotalSeconds:0}s");
            var options = new StanceTrainingOptions
            {
                StanceHidden = parse.GetValue(hidden),
                LearningRate = parse.GetValue(rate),
                Dropout = parse.GetValue(dropout),
                WeightDecay = parse.GetValue(decay),
                StanceClassWeights = [.. parse.GetValue(weights)!.Split(',').Select(w => float.Parse(w, System.Globalization.CultureInfo.InvariantCulture))],
                Seed = parse.GetValue(seed),
            };
            var trainClock = Stopwatch.StartNew();
            var model = StanceTrainer.Train(training, options, e =>
                Console.WriteLine($"{e.Stage} epoch {e.Epoch}: loss {e.Loss:0.0000}, dev {(e.Stage == "stance" ? "macro-F1" : "accuracy")} {e.DevScore:0.0000} ({e.Seconds:0.0}s)"));
            double trainSeconds = trainClock.Elapsed.TotalSeconds;

            // Score the model as saved (half-precision weights) on the dev slice.
            if (parse.GetValue(output) is { } path)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                using (var file = File.Create(path)) model.Save(file);
                using var read = File.OpenRead(path);
                model = StanceClassifier.Load(read);
            }
            var devPairs = training.Where(p => p.Dev).ToList();
            var fnc = new StanceClassifier[] { model, model.WithRules(false, false) }.Select(m => StanceScore.Compute(
                [.. devPairs.Select(p => (StancePrediction.ToFnc(p.Gold), StancePrediction.ToFnc(m.Classify(p.Claim, p.Body).Stance)))])).ToArray();
            // FNC-1 splits by body, so most dev headlines also head training pairs; the competition test's headlines are new. Scored apart, dev pairs whose
            // headline no training pair has show what carries to unseen claims.
            var trainHeadlines = training.Where(p => !p.Dev).Select(p => p.Claim).ToHashSet();
            var unseen = StanceScore.Compute([.. devPairs.Where(p => !trainHeadlines.Contains(p.Claim)).Select(p => (StancePrediction.ToFnc(p.Gold), StancePrediction.ToFnc(model.Classify(p.Claim, p.Body).Stance)))]);
            BenchOutput.Write(new
            {
                bench = "stance-train",
                dev_unseen_headline_pairs = unseen.Count,
                dev_unseen_fnc_relative = BenchOutput.R(unseen.Relative),
                dev_unseen_macro_f1 = BenchOutput.R(unseen.MacroF1),
                dev_unseen_f1 = unseen.F1.ToDictionary(kv => kv.Key, kv => BenchOutput.R(kv.Value)),
                train_pairs = training.Count(p => !p.Dev),
                dev_pairs = devPairs.Count,
                train_seconds = BenchOutput.R(trainSeconds, 1),
                model_bytes = parse.GetValue(output) is { } o ? new FileInfo(o).Length : (long?)null,
                dev_fnc_relative = BenchOutput.R(fnc[0].Relative),
                dev_macro_f1 = BenchOutput.R(fnc[0].MacroF1),
                dev_f1 = fnc[0].F1.ToDictionary(kv => kv.Key, kv => BenchOutput.R(kv.Value)),
                dev_fnc_relative_no_rules = BenchOutput.R(fnc[1].Relative),
                dev_macro_f1_no_rules = BenchOutput.R(fnc[1].MacroF1),
            });
            return 0;
        });
        return command;
    }
}
