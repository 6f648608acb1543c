using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Storyline.Bench.Fnc;
using Storyline.Claims;

namespace Storyline.Bench;

/// <summary><c>stance --bodies FILE --stances FILE [--split hold_out] [--out predictions.csv]</c>: scores the embedded stance model on FNC-1 (score as % of max, accuracy, per-class and macro F1).</summary>
public static class StanceBench
{
    public static Command Create()
    {
        var bodies = new Option<string>("--bodies") { Description = "FNC-1 bodies CSV", Required = true };
        var stances = new Option<string>("--stances") { Description = "FNC-1 stances CSV (Headline,Body ID[,Stance])", Required = true };
        var split = new Option<string?>("--split") { Description = "Score only the bodies of this split (hold_out, training; read from splits/ beside the stances file) or an ids file" };
        var output = new Option<string?>("--out") { Description = "Write predictions as Headline,Body ID,Stance" };
        var model = new Option<string?>("--model") { Description = "Score this model file instead of the embedded one" };
        var cachePath = new Option<string?>("--cache") { Description = "Embedding cache file (default: storyline-stance-embeddings[-int8].bin in the temp folder)" };
        var vectors = StanceWarm.VectorsOption();
        var noRules = new Option<bool>("--no-rules") { Description = "Turn the doubt and short-denial rules off (questions count as discuss either way)" };
        var command = new Command("stance", "Score the stance model on FNC-1") { bodies, stances, split, output, model, cachePath, vectors, noRules };
        command.SetAction(parse =>
        {
            var loadClock = Stopwatch.StartNew();
            StanceClassifier classifier;
            if (parse.GetValue(model) is { } modelPath) using (var file = File.OpenRead(modelPath)) classifier = StanceClassifier.Load(file);
            else classifier = StanceClassifier.LoadEmbedded();
            double loadSeconds = loadClock.Elapsed.TotalSeconds;
            if (parse.GetValue(noRules)) classifier = classifier.WithRules(false, false);

            var stancesPath = parse.GetValue(stances)!;
            var bodyTexts = FncData.Bodies(parse.GetValue(bodies)!);
            var pairs = FncData.Stances(stancesPath);
            if (parse.GetValue(split) is { } splitName)
            {
                var ids = File.Exists(splitName) ? FncData.SplitIds(splitName, "")
                    : FncData.SplitIds(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(stancesPath))!, "splits"), splitName);
                pairs = [.. pairs.Where(p => ids.Contains(p.BodyId))];
            }
            var missing = pairs.Count(p => !bodyTexts.ContainsKey(p.BodyId));
            if (missing > 0) Console.Error.WriteLine($"{missing} pairs name a body the bodies file lacks: predicted unrelated");

            var embedClock = Stopwatch.StartNew();
            var cache = StanceWarm.Open(parse.GetValue(cachePath), parse.GetValue(vectors)!);
            var (bodyDocs, headlineDocs) = StanceData.Prepare(bodyTexts, pairs, cache);
            double prepareSeconds = embedClock.Elapsed.TotalSeconds;

            var clock = Stopwatch.StartNew();
            var predictions = pairs.Select(p => bodyDocs.TryGetValue(p.BodyId, out var body) ? classifier.Classify(headlineDocs[p.Headline], body).Stance : Stance.Unrelated).ToList();
            double classifySeconds = clock.Elapsed.TotalSeconds;

            if (parse.GetValue(output) is { } outPath)
            {
                var csv = new StringBuilder("Headline,Body ID,Stance\n");
                for (int i = 0; i < pairs.Count; i++)
                    csv.Append(Quote(pairs[i].Headline)).Append(',').Append(pairs[i].BodyId).Append(',').Append(StancePrediction.ToFnc(predictions[i])).Append('\n');
                File.WriteAllText(outPath, csv.ToString());
            }

            var labelled = Enumerable.Range(0, pairs.Count).Where(i => StancePrediction.FromFnc(pairs[i].Stance) is not null).ToList();
            var score = StanceScore.Compute([.. labelled.Select(i => (pairs[i].Stance.ToLowerInvariant(), StancePrediction.ToFnc(predictions[i])))]);
            var confusion = StanceScore.Labels.ToDictionary(g => g, g => StanceScore.Labels.ToDictionary(p => p,
                p => labelled.Count(i => pairs[i].Stance == g && StancePrediction.ToFnc(predictions[i]) == p)));
            Console.WriteLine("gold \\ predicted  " + string.Join(" ", StanceScore.Labels.Select(l => l.PadLeft(9))));
            foreach (var g in StanceScore.Labels) Console.WriteLine(g.PadRight(18) + string.Join(" ", StanceScore.Labels.Select(p => confusion[g][p].ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(9))));
            BenchOutput.Write(new
            {
                bench = "stance",
                pairs = pairs.Count,
                labelled = labelled.Count,
                fnc_score = score.Score,
                fnc_max = score.MaxScore,
                fnc_relative = BenchOutput.R(score.Relative),
                accuracy = BenchOutput.R(score.Accuracy),
                f1 = score.F1.ToDictionary(kv => kv.Key, kv => BenchOutput.R(kv.Value)),
                macro_f1 = BenchOutput.R(score.MacroF1),
                questions = predictions.Count(p => p == Stance.Questions),
                model_load_seconds = BenchOutput.R(loadSeconds, 2),
                prepare_seconds = BenchOutput.R(prepareSeconds, 1),
                bodies = bodyDocs.Count,
                classify_microseconds_per_pair = BenchOutput.R(classifySeconds * 1e6 / Math.Max(1, pairs.Count), 0),
            });
            return 0;
        });
        return command;
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
