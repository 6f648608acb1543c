using Storyline.Entities;
using Storyline.Learning;

namespace Storyline.Training;

/// <summary>
/// Word clusters from unlabelled text: each frequent word is described by the positive PMI of its left and right neighbours (the most
/// frequent words, plus "other" and sentence boundary), and the vectors are grouped by spherical k-means. A cheap stand-in for Brown clusters
/// that groups e.g. first names, months or sports-club names, so rare words share evidence with frequent ones.
/// </summary>
internal static class DistributionalClusters
{
    /// <summary>Normalised word hash (see <see cref="FeatureHash.OfNormalised"/>) → cluster id, for words seen at least <paramref name="minCount"/> times.</summary>
    public static Dictionary<ulong, ushort> Build(IEnumerable<IReadOnlyList<string>> sentences, int clusters = 256, int minCount = 3,
        int contextWords = 500, int iterations = 12, int seed = 1, CancellationToken cancellationToken = default)
    {
        var corpus = sentences.Select(s => s.Select(t => FeatureHash.OfNormalised(t ?? "")).ToArray()).ToList();
        var frequency = new Dictionary<ulong, int>();
        foreach (var s in corpus) foreach (var w in s) frequency[w] = frequency.GetValueOrDefault(w) + 1;
        var byFrequency = frequency.Where(kv => kv.Value >= minCount).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => kv.Key).ToList();
        if (byFrequency.Count < clusters) return [];
        var context = new Dictionary<ulong, int>();
        for (int i = 0; i < Math.Min(contextWords, byFrequency.Count); i++) context[byFrequency[i]] = i;
        int other = contextWords, boundary = contextWords + 1, side = contextWords + 2, dims = 2 * side;
        var vocabulary = new Dictionary<ulong, int>();
        foreach (var w in byFrequency) vocabulary[w] = vocabulary.Count;

        // Co-occurrence counts: word × (left neighbour | right neighbour).
        var counts = new Dictionary<int, float>[vocabulary.Count];
        for (int i = 0; i < counts.Length; i++) counts[i] = [];
        var contextTotals = new double[dims];
        double total = 0;
        foreach (var s in corpus)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (!vocabulary.TryGetValue(s[i], out var v)) continue;
                int left = i == 0 ? boundary : context.GetValueOrDefault(s[i - 1], other);
                int right = side + (i + 1 == s.Length ? boundary : context.GetValueOrDefault(s[i + 1], other));
                foreach (var d in (ReadOnlySpan<int>)[left, right])
                {
                    counts[v][d] = counts[v].GetValueOrDefault(d) + 1;
                    contextTotals[d]++;
                    total++;
                }
            }
        }

        // Positive PMI vectors, L2-normalised.
        var indices = new int[vocabulary.Count][];
        var values = new float[vocabulary.Count][];
        for (int v = 0; v < counts.Length; v++)
        {
            double wordTotal = counts[v].Values.Sum();
            var entries = counts[v].Select(kv => (kv.Key, Value: Math.Log(kv.Value * total / (wordTotal * contextTotals[kv.Key]))))
                .Where(e => e.Value > 0).OrderBy(e => e.Key).ToArray();
            double norm = Math.Sqrt(entries.Sum(e => e.Value * e.Value));
            indices[v] = [.. entries.Select(e => e.Key)];
            values[v] = [.. entries.Select(e => (float)(norm == 0 ? 0 : e.Value / norm))];
        }

        // Spherical k-means from seeded random words.
        var random = new Random(seed);
        var centroids = new float[clusters * dims];
        var starts = Enumerable.Range(0, vocabulary.Count).OrderBy(_ => random.Next()).Take(clusters).ToArray();
        for (int k = 0; k < clusters; k++)
            for (int j = 0; j < indices[starts[k]].Length; j++) centroids[k * dims + indices[starts[k]][j]] = values[starts[k]][j];
        var assignment = new int[vocabulary.Count];
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int v = 0; v < assignment.Length; v++)
            {
                int best = 0;
                float bestScore = float.NegativeInfinity;
                for (int k = 0; k < clusters; k++)
                {
                    float score = 0;
                    int offset = k * dims;
                    for (int j = 0; j < indices[v].Length; j++) score += centroids[offset + indices[v][j]] * values[v][j];
                    if (score > bestScore) { bestScore = score; best = k; }
                }
                assignment[v] = best;
            }
            Array.Clear(centroids);
            for (int v = 0; v < assignment.Length; v++)
                for (int j = 0; j < indices[v].Length; j++) centroids[assignment[v] * dims + indices[v][j]] += values[v][j];
            for (int k = 0; k < clusters; k++)
            {
                var row = centroids.AsSpan(k * dims, dims);
                double norm = 0;
                foreach (var x in row) norm += x * x;
                if (norm > 0) foreach (ref var x in row) x = (float)(x / Math.Sqrt(norm));
            }
        }
        var result = new Dictionary<ulong, ushort>();
        foreach (var (word, v) in vocabulary) result[word] = (ushort)assignment[v];
        return result;
    }
}
