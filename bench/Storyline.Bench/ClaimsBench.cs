using System.CommandLine;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Storyline.Bench.Fnc;
using Storyline.Claims;
using Storyline.Entities;

namespace Storyline.Bench;

/// <summary><c>claims --data FNC1_FOLDER</c>: scores claim grouping (pairwise P/R/F1) on FNC-1 headlines grouped by the claim they state, against lexical-only and embeddings-only baselines.</summary>
public static partial class ClaimsBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "FNC-1 folder (train_bodies.csv, train_stances*.csv, splits/)", Required = true };
        var cachePath = new Option<string?>("--cache") { Description = "Embedding cache file (default: storyline-stance-embeddings[-int8].bin in the temp folder)" };
        var vectorsOption = StanceWarm.VectorsOption();
        var command = new Command("claims", "Score claim grouping on FNC-1 headlines") { data, cachePath, vectorsOption };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(data)!;
            var stancesFile = Directory.EnumerateFiles(folder, "train_stances*.csv").Order(StringComparer.Ordinal).First();
            var pairs = FncData.Stances(stancesFile);
            var holdOut = FncData.SplitIds(Path.Combine(folder, "splits"), "hold_out");

            // Gold: FNC-1 headlines come from Emergent claims; a headline related (agree, disagree, discuss) to a body shares that body's claim,
            // so the connected components of the headline–body graph over related pairs are the claims.
            var parent = new Dictionary<string, string>(StringComparer.Ordinal);
            string Find(string x)
            {
                parent.TryAdd(x, x);
                while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
                return x;
            }
            var related = pairs.Where(p => p.Stance != "unrelated").ToList();
            foreach (var p in related) parent[Find("h:" + p.Headline)] = Find("b:" + p.BodyId);
            var headlines = related.GroupBy(p => p.Headline, StringComparer.Ordinal)
                .Select(g => (Headline: g.Key, Gold: Find("h:" + g.Key), HoldOut: g.Any(p => holdOut.Contains(p.BodyId))))
                .OrderBy(h => h.Headline, StringComparer.Ordinal).ToList();

            var clock = Stopwatch.StartNew();
            var cache = StanceWarm.Open(parse.GetValue(cachePath), parse.GetValue(vectorsOption)!);
            var vectors = cache.Embed([.. headlines.Select(h => h.Headline)]);
            var candidates = headlines.Select((h, i) => new ClaimCandidate(i, h.Headline, vectors[i], "", null, KeyTerms(h.Headline))).ToList();
            double prepareSeconds = clock.Elapsed.TotalSeconds;

            var tune = Enumerable.Range(0, headlines.Count).Where(i => !headlines[i].HoldOut).ToList();
            var eval = Enumerable.Range(0, headlines.Count).Where(i => headlines[i].HoldOut).ToList();
            object Describe(List<int> set) => new
            {
                headlines = set.Count,
                claims = set.Select(i => headlines[i].Gold).Distinct().Count(),
                largest = set.GroupBy(i => headlines[i].Gold).Max(g => g.Count()),
                gold_pairs = set.GroupBy(i => headlines[i].Gold).Sum(g => (long)g.Count() * (g.Count() - 1) / 2),
            };
            Console.WriteLine("Labelled set: unique FNC-1 training headlines with a related body; gold claim = connected component of the related headline–body graph " +
                "(FNC-1 headlines come from Emergent claims). Thresholds are chosen on headlines of training-id bodies, scores reported on headlines of hold-out bodies.");

            // The combined method's weight is chosen on the tune headlines too; the baselines have only a threshold.
            var methods = new (string Name, float[] Weights)[] { ("lexical", [0f]), ("embeddings", [1f]), ("combined", [0.4f, 0.5f, 0.6f, 0.7f, 0.8f]) };
            var results = new List<object>();
            foreach (var (name, weights) in methods)
            {
                var tuneSet = tune.Select(i => candidates[i]).ToList();
                var (weight, bestThreshold, bestTune) = (0f, 0f, new Prf(0, 0, 0));
                foreach (var w in weights)
                for (float t = 0.15f; t <= 0.951f; t += 0.025f)
                {
                    var s = Score(tuneSet, [.. tune.Select(i => headlines[i].Gold)], new ClaimGroupingOptions { EmbeddingWeight = w, Threshold = t });
                    if (s.F1 > bestTune.F1) (weight, bestThreshold, bestTune) = (w, t, s);
                }
                var runClock = Stopwatch.StartNew();
                var evalScore = Score([.. eval.Select(i => candidates[i])], [.. eval.Select(i => headlines[i].Gold)], new ClaimGroupingOptions { EmbeddingWeight = weight, Threshold = bestThreshold });
                Console.WriteLine($"{name,-11} weight {weight:0.00} threshold {bestThreshold:0.000}: tune F1 {bestTune.F1:0.0000}; hold-out P {evalScore.Precision:0.0000} R {evalScore.Recall:0.0000} F1 {evalScore.F1:0.0000} ({runClock.Elapsed.TotalMilliseconds:0} ms)");
                results.Add(new
                {
                    method = name,
                    embedding_weight = weight,
                    threshold = BenchOutput.R(bestThreshold, 3),
                    tune_f1 = BenchOutput.R(bestTune.F1),
                    precision = BenchOutput.R(evalScore.Precision),
                    recall = BenchOutput.R(evalScore.Recall),
                    f1 = BenchOutput.R(evalScore.F1),
                    cluster_ms = BenchOutput.R(runClock.Elapsed.TotalMilliseconds, 0),
                });
            }
            BenchOutput.Write(new { bench = "claims", tune = Describe(tune), hold_out = Describe(eval), prepare_seconds = BenchOutput.R(prepareSeconds, 1), results });
            return 0;
        });
        return command;
    }

    private readonly record struct Prf(double Precision, double Recall, double F1);

    private static Prf Score(List<ClaimCandidate> set, List<string> gold, ClaimGroupingOptions options)
    {
        var predicted = new int[set.Count];
        var groups = ClaimGrouper.Cluster(set, options);
        for (int g = 0; g < groups.Count; g++) foreach (var i in groups[g]) predicted[i] = g;
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < set.Count; i++)
            for (int j = i + 1; j < set.Count; j++)
            {
                bool p = predicted[i] == predicted[j], g = gold[i] == gold[j];
                if (p && g) tp++; else if (p) fp++; else if (g) fn++;
            }
        double precision = tp + fp == 0 ? 0 : tp / (double)(tp + fp), recall = tp + fn == 0 ? 0 : tp / (double)(tp + fn);
        return new Prf(precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }

    // Key terms as the pipeline would pass them: the entity names the NER model finds in the text.
    private static List<string> KeyTerms(string text)
    {
        var tokens = Token().Matches(text).Select(m => m.Value).ToList();
        return [.. NerTagger.Default.Tag(tokens).Select(span => span.Text(tokens))];
    }

    [GeneratedRegex(@"\w+(?:['’]\w+)*|[^\w\s]")]
    private static partial Regex Token();
}
