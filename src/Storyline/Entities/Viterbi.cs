namespace Storyline.Entities;

/// <summary>First-order Viterbi decoding over the IOB2 tags, with ill-formed transitions (O → I-X, B-X → I-Y) ruled out.</summary>
internal static class Viterbi
{
    private static readonly bool[] AllowedTable = BuildAllowed();

    /// <summary>Index of the start row in a transition table of (tags + 1) × tags scores.</summary>
    public static int StartRow => BioTags.Count;

    /// <summary>Best tag sequence for <paramref name="emissions"/> (n × tags) and <paramref name="transitions"/> ((tags + 1) × tags, last row from the start).</summary>
    public static void Decode(ReadOnlySpan<float> emissions, int n, ReadOnlySpan<float> transitions, Span<int> tags)
    {
        int t = BioTags.Count;
        if (n == 0) return;
        var score = new float[n * t];
        var back = new int[n * t];
        for (int y = 0; y < t; y++)
            score[y] = AllowedTable[StartRow * t + y] ? transitions[StartRow * t + y] + emissions[y] : float.NegativeInfinity;
        for (int i = 1; i < n; i++)
        {
            for (int y = 0; y < t; y++)
            {
                float best = float.NegativeInfinity;
                int arg = 0;
                for (int p = 0; p < t; p++)
                {
                    if (!AllowedTable[p * t + y]) continue;
                    float s = score[(i - 1) * t + p] + transitions[p * t + y];
                    if (s > best) { best = s; arg = p; }
                }
                score[i * t + y] = best + emissions[i * t + y];
                back[i * t + y] = arg;
            }
        }
        int last = 0;
        for (int y = 1; y < t; y++) if (score[(n - 1) * t + y] > score[(n - 1) * t + last]) last = y;
        for (int i = n - 1; i >= 0; i--)
        {
            tags[i] = last;
            last = back[i * t + last];
        }
    }

    private static bool[] BuildAllowed()
    {
        int t = BioTags.Count;
        var allowed = new bool[(t + 1) * t];
        for (int p = 0; p <= t; p++)
            for (int y = 0; y < t; y++) allowed[p * t + y] = BioTags.Allowed(p == t ? -1 : p, y);
        return allowed;
    }
}
