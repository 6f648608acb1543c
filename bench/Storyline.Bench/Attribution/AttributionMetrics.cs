namespace Storyline.Bench.Attribution;

/// <summary>Micro-averaged precision, recall and F1 from matched counts.</summary>
public sealed class Prf
{
    public int MatchedPredicted { get; private set; }
    public int MatchedGold { get; private set; }
    public int Predicted { get; private set; }
    public int Gold { get; private set; }

    public void Add(int matched, int predicted, int gold)
    {
        MatchedPredicted += matched;
        MatchedGold += matched;
        Predicted += predicted;
        Gold += gold;
    }

    public double Precision => Predicted == 0 ? 0 : (double)MatchedPredicted / Predicted;
    public double Recall => Gold == 0 ? 0 : (double)MatchedGold / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public object ToJson() => new { precision = BenchOutput.R(Precision), recall = BenchOutput.R(Recall), f1 = BenchOutput.R(F1), predicted = Predicted, gold = Gold };
}

/// <summary>PARC-style attribution scores: span P/R/F1 for content, source and cue (exact and overlap), and whole-triple F1.</summary>
public sealed class AttributionMetrics
{
    public Prf ContentExact { get; } = new();
    public Prf ContentOverlap { get; } = new();
    public Prf SourceExact { get; } = new();
    public Prf SourceOverlap { get; } = new();
    public Prf CueOverlap { get; } = new();
    public Prf TripleOverlap { get; } = new();

    /// <summary>Scores one document's predictions against its gold attributions.</summary>
    public void Add(string text, IReadOnlyList<AttributionTriple> gold, IReadOnlyList<AttributionTriple> predicted)
    {
        AddSpans(ContentExact, text, gold.Select(g => g.Content), predicted.Select(p => p.Content), exact: true);
        AddSpans(ContentOverlap, text, gold.Select(g => g.Content), predicted.Select(p => p.Content), exact: false);
        AddSpans(SourceExact, text, gold.Select(g => g.Source).OfType<Fragments>(), predicted.Select(p => p.Source).OfType<Fragments>(), exact: true);
        AddSpans(SourceOverlap, text, gold.Select(g => g.Source).OfType<Fragments>(), predicted.Select(p => p.Source).OfType<Fragments>(), exact: false);
        AddSpans(CueOverlap, text, gold.Select(g => g.Cue).OfType<Fragments>(), predicted.Select(p => p.Cue).OfType<Fragments>(), exact: false);

        // A triple matches when its content overlaps a gold content (one-to-one) and its source and cue overlap that gold's (or both are absent).
        var pairs = Match(gold.Select(g => g.Content).ToList(), predicted.Select(p => p.Content).ToList(), text, exact: false);
        int triples = pairs.Count(pair => Agrees(gold[pair.Gold].Source, predicted[pair.Predicted].Source) && Agrees(gold[pair.Gold].Cue, predicted[pair.Predicted].Cue));
        TripleOverlap.Add(triples, predicted.Count, gold.Count);
    }

    private static bool Agrees(Fragments? gold, Fragments? predicted) =>
        (gold is null && predicted is null) || (gold is not null && predicted is not null && gold.OverlapWith(predicted) > 0);

    private static void AddSpans(Prf prf, string text, IEnumerable<Fragments> gold, IEnumerable<Fragments> predicted, bool exact)
    {
        var g = gold.ToList();
        var p = predicted.ToList();
        prf.Add(Match(g, p, text, exact).Count, p.Count, g.Count);
    }

    /// <summary>One-to-one matching, largest overlaps first; exact mode also requires identical trimmed fragments.</summary>
    public static List<(int Gold, int Predicted)> Match(List<Fragments> gold, List<Fragments> predicted, string text, bool exact)
    {
        var candidates = new List<(int Overlap, int Gold, int Predicted)>();
        for (int i = 0; i < gold.Count; i++)
            for (int j = 0; j < predicted.Count; j++)
            {
                var overlap = gold[i].OverlapWith(predicted[j]);
                if (overlap == 0) continue;
                if (exact && !gold[i].Trimmed(text).SameAs(predicted[j].Trimmed(text))) continue;
                candidates.Add((overlap, i, j));
            }
        var usedGold = new HashSet<int>();
        var usedPredicted = new HashSet<int>();
        var pairs = new List<(int, int)>();
        foreach (var c in candidates.OrderByDescending(c => c.Overlap))
        {
            if (usedGold.Contains(c.Gold) || usedPredicted.Contains(c.Predicted)) continue;
            usedGold.Add(c.Gold);
            usedPredicted.Add(c.Predicted);
            pairs.Add((c.Gold, c.Predicted));
        }
        return pairs;
    }

    public object ToJson() => new
    {
        content_exact = ContentExact.ToJson(),
        content_overlap = ContentOverlap.ToJson(),
        source_exact = SourceExact.ToJson(),
        source_overlap = SourceOverlap.ToJson(),
        cue_overlap = CueOverlap.ToJson(),
        triple_overlap = TripleOverlap.ToJson(),
    };
}
