namespace Storyline.Training;

/// <summary>B-cubed precision, recall and F1 of a clustering against gold classes (Bagga and Baldwin, 1998).</summary>
public static class BCubed
{
    /// <summary>Scores <paramref name="predicted"/> against <paramref name="gold"/>; both map each item to a cluster label.</summary>
    public static (double Precision, double Recall, double F1) Score<TItem>(IReadOnlyDictionary<TItem, int> gold, IReadOnlyDictionary<TItem, int> predicted)
        where TItem : notnull
    {
        var items = gold.Keys.Where(predicted.ContainsKey).ToList();
        if (items.Count == 0) return (0, 0, 0);
        var goldSize = items.GroupBy(i => gold[i]).ToDictionary(g => g.Key, g => g.Count());
        var predSize = items.GroupBy(i => predicted[i]).ToDictionary(g => g.Key, g => g.Count());
        var both = items.GroupBy(i => (gold[i], predicted[i])).ToDictionary(g => g.Key, g => g.Count());
        double p = 0, r = 0;
        foreach (var item in items)
        {
            var shared = both[(gold[item], predicted[item])];
            p += (double)shared / predSize[predicted[item]];
            r += (double)shared / goldSize[gold[item]];
        }
        p /= items.Count;
        r /= items.Count;
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }
}
