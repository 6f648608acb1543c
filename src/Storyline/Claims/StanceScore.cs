namespace Storyline.Claims;

/// <summary>FNC-1 scores of predicted against gold labels (agree, disagree, discuss, unrelated): the official weighted score, accuracy and F1 per class.</summary>
public sealed record StanceScore(double Score, double MaxScore, double Accuracy, IReadOnlyDictionary<string, double> F1, int Count)
{
    /// <summary>The four FNC-1 labels in the scorer's order.</summary>
    public static readonly IReadOnlyList<string> Labels = ["agree", "disagree", "discuss", "unrelated"];

    /// <summary>Score as a fraction of the maximum.</summary>
    public double Relative => MaxScore == 0 ? 0 : Score / MaxScore;

    /// <summary>Mean F1 over the four classes (Hanselowski et al. 2018).</summary>
    public double MacroF1 => Labels.Average(l => F1[l]);

    /// <summary>Scores pairs of (gold, predicted) labels as the official scorer.py does: +0.25 for a correct unrelated or a correct related-vs-unrelated call on a related pair, +0.75 more for the exact related label.</summary>
    public static StanceScore Compute(IReadOnlyList<(string Gold, string Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        double score = 0, max = 0;
        int correct = 0;
        foreach (var (gold, predicted) in pairs)
        {
            bool goldRelated = gold != "unrelated", predictedRelated = predicted != "unrelated";
            max += goldRelated ? 1 : 0.25;
            if (gold == predicted)
            {
                correct++;
                score += 0.25;
                if (goldRelated) score += 0.75;
            }
            else if (goldRelated && predictedRelated) score += 0.25;
        }
        var f1 = Labels.ToDictionary(l => l, l =>
        {
            int tp = pairs.Count(p => p.Gold == l && p.Predicted == l);
            int fp = pairs.Count(p => p.Gold != l && p.Predicted == l);
            int fn = pairs.Count(p => p.Gold == l && p.Predicted != l);
            return tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
        });
        return new StanceScore(score, max, pairs.Count == 0 ? 0 : correct / (double)pairs.Count, f1, pairs.Count);
    }
}
