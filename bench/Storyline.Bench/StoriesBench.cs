using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Storyline.Documents;
using Storyline.Time;
using Storyline.Stories;
using Storyline.Training;

namespace Storyline.Bench;

/// <summary><c>stories --data FNC1_FOLDER</c>: B-cubed quality of incremental story clustering on FNC-1 bodies, where bodies linked
/// (agree/disagree/discuss) to the same headline, transitively, form one gold story.</summary>
public static class StoriesBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "FNC-1 folder (train_bodies.csv, train_stances*.csv, splits/)", Required = true };
        var split = new Option<string>("--split") { Description = "training | hold_out | all (body-id split from splits/)", DefaultValueFactory = _ => "hold_out" };
        var development = new Option<float>("--development-threshold") { DefaultValueFactory = _ => StoryAssignerOptions.Default.Development.JoinThreshold };
        var storyThresholds = new Option<string?>("--story-thresholds") { Description = "Comma-separated story-level thresholds to sweep (tuning); default: the assigner's default" };
        var maxTerms = new Option<int>("--max-terms") { DefaultValueFactory = _ => new TermVectorizerOptions().MaxTerms };
        var cw = new Option<float>("--story-centroid-weight") { Description = "Story-level weight of the centroid against the nearest member (tuning)", DefaultValueFactory = _ => StoryAssignerOptions.Default.Story.CentroidWeight };
        var samples = new Option<string?>("--samples") { Description = "`storyline export` output (JSON Lines with dates): prints where each document lands, as document:story/development@similarity" };
        var smt = new Option<int?>("--story-max-terms") { Description = "Strongest terms per document kept at the story level (tuning)", DefaultValueFactory = _ => StoryAssignerOptions.Default.Story.MaxTerms };
        var command = new Command("stories", "Story clustering B-cubed on FNC-1, at the development and the story level") { data, split, development, storyThresholds, maxTerms, cw, samples, smt };
        command.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(data)!;
            var (bodies, gold) = Load(folder, parse.GetValue(split)!);
            Console.WriteLine($"{bodies.Count} bodies, {gold.Values.Distinct().Count()} gold stories");
            var sweep = parse.GetValue(storyThresholds) is { } t
                ? t.Split(',').Select(x => float.Parse(x, CultureInfo.InvariantCulture)).ToArray()
                : [StoryAssignerOptions.Default.Story.JoinThreshold];
            object? last = null;
            foreach (var threshold in sweep)
            {
                var options = new StoryAssignerOptions(
                    StoryAssignerOptions.Default.Development with { JoinThreshold = parse.GetValue(development) },
                    StoryAssignerOptions.Default.Story with { JoinThreshold = threshold, CentroidWeight = parse.GetValue(cw), MaxTerms = parse.GetValue(smt) });
                if (parse.GetValue(samples) is { } exported) Console.WriteLine("samples: " + await PlaceSamplesAsync(exported, options, parse.GetValue(maxTerms), ct));
                var clusterer = new TwoLevelClusterer(options, new TermVectorizer(new TermVectorizerOptions(MaxTerms: parse.GetValue(maxTerms)), BackgroundFrequencies.Default));
                var stories = new Dictionary<int, long>();
                var developments = new Dictionary<int, long>();
                var sw = Stopwatch.StartNew();
                foreach (var (id, text) in bodies)
                {
                    var placed = await clusterer.PlaceAsync(id, null, text, PublicationInterval.Unknown, null, ct);
                    stories[id] = placed.Story;
                    developments[id] = placed.Development;
                }
                sw.Stop();
                var s = BCubed.Score(gold, stories.ToDictionary(kv => kv.Key, kv => (int)kv.Value));
                var d = BCubed.Score(gold, developments.ToDictionary(kv => kv.Key, kv => (int)kv.Value));
                Console.WriteLine($"story threshold {threshold:0.00}: stories B3 P {s.Precision:0.000} R {s.Recall:0.000} F1 {s.F1:0.000} ({stories.Values.Distinct().Count()}); developments B3 F1 {d.F1:0.000} ({developments.Values.Distinct().Count()}); {bodies.Count / sw.Elapsed.TotalSeconds:0} docs/s");
                var singletons = BCubed.Score(gold, bodies.ToDictionary(b => b.Id, b => b.Id));
                var allInOne = BCubed.Score(gold, bodies.ToDictionary(b => b.Id, _ => 0));
                last = new
                {
                    bench = "stories",
                    split = parse.GetValue(split),
                    documents = bodies.Count,
                    gold_stories = gold.Values.Distinct().Count(),
                    development_threshold = options.Development.JoinThreshold,
                    story_threshold = threshold,
                    developments = new { count = developments.Values.Distinct().Count(), precision = BenchOutput.R(d.Precision), recall = BenchOutput.R(d.Recall), f1 = BenchOutput.R(d.F1) },
                    stories = new { count = stories.Values.Distinct().Count(), precision = BenchOutput.R(s.Precision), recall = BenchOutput.R(s.Recall), f1 = BenchOutput.R(s.F1) },
                    baseline_singletons_f1 = BenchOutput.R(singletons.F1),
                    baseline_one_story_f1 = BenchOutput.R(allInOne.F1),
                    docs_per_second = BenchOutput.R(bodies.Count / sw.Elapsed.TotalSeconds, 0),
                };
            }
            BenchOutput.Write(last!);
            return 0;
        });
        return command;
    }

    /// <summary>Places the exported documents in order, with their publication dates, and says where each landed.</summary>
    private static async Task<string> PlaceSamplesAsync(string exported, StoryAssignerOptions options, int maxTerms, CancellationToken ct)
    {
        var clusterer = new TwoLevelClusterer(options, new TermVectorizer(new TermVectorizerOptions(MaxTerms: maxTerms), BackgroundFrequencies.Default));
        var placements = new List<string>();
        foreach (var line in File.ReadLines(exported))
        {
            var record = JsonDocument.Parse(line).RootElement;
            var id = record.GetProperty("id").GetInt64();
            var metadata = record.GetProperty("metadata");
            var title = metadata.TryGetProperty("title", out var t) ? t.GetString() : null;
            PublicationDate? published = metadata.TryGetProperty("published", out var p)
                ? new PublicationDate(p.GetProperty("value").GetDateTimeOffset(), p.GetProperty("is_estimate").GetBoolean() ? DateSource.TextEstimate : DateSource.Given, null,
                    Enum.Parse<TimeGranularity>(p.GetProperty("granularity").GetString()!, ignoreCase: true))
                : null;
            var placed = await clusterer.PlaceAsync(id, title, record.GetProperty("text").GetString()!, PublicationInterval.Of(published), null, ct);
            placements.Add(string.Create(CultureInfo.InvariantCulture, $"{id}:s{placed.Story}/d{placed.Development}@{placed.Similarity:0.000}"));
        }
        return string.Join(' ', placements);
    }

    /// <summary>Bodies of the split in Body ID order, and their gold story: connected components of the headline–body graph over related stances.</summary>
    internal static (List<(int Id, string Text)> Bodies, Dictionary<int, int> Gold) Load(string folder, string split)
    {
        var bodies = ReadCsv(Path.Combine(folder, "train_bodies.csv")).Skip(1).ToDictionary(r => int.Parse(r[0], CultureInfo.InvariantCulture), r => r[1]);
        var stancesFile = Directory.EnumerateFiles(folder, "train_stances*.csv").Order(StringComparer.Ordinal).First();
        var parent = new Dictionary<string, string>();
        string Find(string x)
        {
            parent.TryAdd(x, x);
            while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
            return x;
        }
        foreach (var row in ReadCsv(stancesFile).Skip(1))
        {
            if (row.Count < 3 || row[2] == "unrelated") continue;
            parent[Find("h:" + row[0])] = Find("b:" + row[1]);
        }
        HashSet<int>? keep = split == "all" ? null
            : [.. File.ReadAllLines(Path.Combine(folder, "splits", split + "_ids.txt")).Where(l => l.Trim().Length > 0).Select(l => int.Parse(l.Trim(), CultureInfo.InvariantCulture))];
        var selected = bodies.Where(b => keep is null || keep.Contains(b.Key)).OrderBy(b => b.Key).Select(b => (b.Key, b.Value)).ToList();
        var labels = new Dictionary<string, int>();
        var gold = selected.ToDictionary(b => b.Key, b =>
        {
            var root = Find("b:" + b.Key);
            if (!labels.TryGetValue(root, out var label)) labels[root] = label = labels.Count;
            return label;
        });
        return (selected, gold);
    }

    /// <summary>RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines.</summary>
    internal static IEnumerable<List<string>> ReadCsv(string path)
    {
        var text = File.ReadAllText(path);
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString()); field.Clear();
                yield return row;
                row = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); yield return row; }
    }
}
