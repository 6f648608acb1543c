using System.Globalization;

namespace Storyline.Bench.Attribution;

/// <summary>A span made of one or more character fragments (brat allows discontinuous spans, e.g. a quote split around its cue).</summary>
public sealed record Fragments(IReadOnlyList<(int Start, int End)> Parts)
{
    /// <summary>Total characters shared with <paramref name="other"/>.</summary>
    public int OverlapWith(Fragments other)
    {
        int total = 0;
        foreach (var (s1, e1) in Parts)
            foreach (var (s2, e2) in other.Parts)
                total += Math.Max(0, Math.Min(e1, e2) - Math.Max(s1, s2));
        return total;
    }

    /// <summary>The fragments with edge white space and punctuation trimmed, for exact comparison.</summary>
    public Fragments Trimmed(string text)
    {
        var parts = new List<(int, int)>();
        foreach (var (s0, e0) in Parts)
        {
            int s = s0, e = Math.Min(e0, text.Length);
            while (s < e && IsEdge(text[s])) s++;
            while (e > s && IsEdge(text[e - 1])) e--;
            if (e > s) parts.Add((s, e));
        }
        return new Fragments(parts);
    }

    private static bool IsEdge(char c) => char.IsWhiteSpace(c) || char.IsPunctuation(c);

    /// <summary>True when both have the same fragments.</summary>
    public bool SameAs(Fragments other) => Parts.SequenceEqual(other.Parts);

    /// <summary>One span.</summary>
    public static Fragments Of(int start, int end) => new([(start, end)]);
}

/// <summary>One gold or predicted attribution: source (optional), cue (optional) and content.</summary>
public sealed record AttributionTriple(Fragments? Source, Fragments? Cue, Fragments Content);

/// <summary>A PolNeAR article with its gold attributions (one annotator's file).</summary>
public sealed record PolnearDocument(string Name, string Text, IReadOnlyList<AttributionTriple> Gold);

/// <summary>Reads a PolNeAR split folder (text/*.txt and attributions/*_ANNOTATOR.ann in brat standoff).</summary>
public static class PolnearCorpus
{
    /// <summary>Loads every article of the split; where several annotators annotated one article, the first file in name order is used.</summary>
    public static List<PolnearDocument> Load(string splitFolder)
    {
        var docs = new List<PolnearDocument>();
        // A split that is not here (the test split is kept apart) gives no documents, which the commands report in one line.
        if (!Directory.Exists(Path.Combine(splitFolder, "attributions")) || !Directory.Exists(Path.Combine(splitFolder, "text"))) return docs;
        var annotations = Directory.EnumerateFiles(Path.Combine(splitFolder, "attributions"), "*.ann").Order(StringComparer.Ordinal).ToList();
        foreach (var textFile in Directory.EnumerateFiles(Path.Combine(splitFolder, "text"), "*.txt").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(textFile);
            var ann = annotations.FirstOrDefault(a => Path.GetFileNameWithoutExtension(a) is var n && n.Length == stem.Length + 5 && n.StartsWith(stem + "_", StringComparison.Ordinal));
            if (ann is null) continue;
            docs.Add(new PolnearDocument(stem, File.ReadAllText(textFile), ReadAnn(File.ReadAllLines(ann))));
        }
        return docs;
    }

    /// <summary>The articles of the split that several annotators annotated, with every annotator's attributions (files in name order).</summary>
    public static List<(string Name, string Text, List<IReadOnlyList<AttributionTriple>> Annotators)> LoadMultiplyAnnotated(string splitFolder)
    {
        var result = new List<(string, string, List<IReadOnlyList<AttributionTriple>>)>();
        if (!Directory.Exists(Path.Combine(splitFolder, "attributions")) || !Directory.Exists(Path.Combine(splitFolder, "text"))) return result;
        var byStem = Directory.EnumerateFiles(Path.Combine(splitFolder, "attributions"), "*.ann").Order(StringComparer.Ordinal)
            .GroupBy(a => Path.GetFileNameWithoutExtension(a)[..^5], StringComparer.Ordinal);
        foreach (var group in byStem)
        {
            var textFile = Path.Combine(splitFolder, "text", group.Key + ".txt");
            if (group.Count() < 2 || !File.Exists(textFile)) continue;
            result.Add((group.Key, File.ReadAllText(textFile), [.. group.Select(a => (IReadOnlyList<AttributionTriple>)ReadAnn(File.ReadAllLines(a)))]));
        }
        return result;
    }

    /// <summary>Parses brat lines into attribution triples (events of type Attribution or Attribution-no-source).</summary>
    public static List<AttributionTriple> ReadAnn(IEnumerable<string> lines)
    {
        var spans = new Dictionary<string, Fragments>();
        var events = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith('T'))
            {
                var cols = line.Split('\t');
                if (cols.Length < 2) continue;
                var typeAndOffsets = cols[1];
                var space = typeAndOffsets.IndexOf(' ', StringComparison.Ordinal);
                if (space < 0) continue;
                var parts = typeAndOffsets[(space + 1)..].Split(';').Select(p =>
                {
                    var se = p.Trim().Split(' ');
                    return (int.Parse(se[0], CultureInfo.InvariantCulture), int.Parse(se[1], CultureInfo.InvariantCulture));
                }).ToList();
                spans[cols[0]] = new Fragments(parts);
            }
            else if (line.StartsWith('E')) events.Add(line.Split('\t')[1]);
        }
        var triples = new List<AttributionTriple>();
        foreach (var e in events)
        {
            var args = e.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(a => a.Split(':')).Where(a => a.Length == 2).ToDictionary(a => a[0], a => a[1]);
            // Brat lets an annotator add a second content span as "Content2" (a quote continued after the cue, 67 events in
            // train and dev); it is part of the content, and some events carry only Content2.
            var contentParts = new List<(int Start, int End)>();
            foreach (var key in new[] { "Content", "Content2" })
                if (args.TryGetValue(key, out var id) && spans.TryGetValue(id, out var part)) contentParts.AddRange(part.Parts);
            if (contentParts.Count == 0) continue;
            var contentSpan = new Fragments(contentParts.OrderBy(p => p.Start).ToList());
            triples.Add(new AttributionTriple(
                args.TryGetValue("Source", out var s) && spans.TryGetValue(s, out var sourceSpan) ? sourceSpan : null,
                args.TryGetValue("Cue", out var c) && spans.TryGetValue(c, out var cueSpan) ? cueSpan : null,
                contentSpan));
        }
        return triples;
    }
}
