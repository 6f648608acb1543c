using System.Collections.Concurrent;

namespace Storyline.Learning;

/// <summary>First-order Viterbi decoding over IOB2 tags laid out as O, B-1, I-1, B-2, I-2, …, with ill-formed transitions
/// (O → I-X, B-X → I-Y) ruled out.</summary>
internal static class Viterbi
{
    private static readonly ConcurrentDictionary<int, bool[]> AllowedTables = new();

    /// <summary>Index of the start row in a transition table of (tags + 1) × tags scores.</summary>
    public static int StartRow(int tags) => tags;

    /// <summary>Is <paramref name="tag"/> an I- tag?</summary>
    public static bool IsInside(int tag) => tag > 0 && tag % 2 == 0;

    /// <summary>Type index of a tag, or -1 for O.</summary>
    public static int TypeOf(int tag) => tag == 0 ? -1 : (tag - 1) / 2;

    /// <summary>May <paramref name="tag"/> follow <paramref name="previous"/> (-1 = sentence start) in well-formed IOB2?</summary>
    public static bool Allowed(int previous, int tag) => !IsInside(tag) || (previous > 0 && TypeOf(previous) == TypeOf(tag));

    /// <summary>Best tag sequence for <paramref name="emissions"/> (n × t) and <paramref name="transitions"/> ((t + 1) × t, last row from the start).</summary>
    public static void Decode(ReadOnlySpan<float> emissions, int n, int t, ReadOnlySpan<float> transitions, Span<int> tags)
    {
        if (n == 0) return;
        var allowed = AllowedTables.GetOrAdd(t, BuildAllowed);
        var predecessors = PredecessorTables.GetOrAdd(t, BuildPredecessors);
        int start = StartRow(t);
        var score = new float[n * t];
        var back = new int[n * t];
        for (int y = 0; y < t; y++)
            score[y] = allowed[start * t + y] ? transitions[start * t + y] + emissions[y] : float.NegativeInfinity;
        for (int i = 1; i < n; i++)
        {
            var previous = score.AsSpan((i - 1) * t, t);
            for (int y = 0; y < t; y++)
            {
                float best = float.NegativeInfinity;
                int arg = 0;
                // Only the tags that may precede y, in ascending order as before, so ties go the same way.
                foreach (int p in predecessors[y])
                {
                    float s = previous[p] + transitions[p * t + y];
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

    private static readonly ConcurrentDictionary<int, int[][]> PredecessorTables = new();

    // For each tag, the tags that may precede it, ascending (an I- tag has two: B and I of its type; any tag may precede O or B-).
    private static int[][] BuildPredecessors(int t)
    {
        var predecessors = new int[t][];
        for (int y = 0; y < t; y++) predecessors[y] = [.. Enumerable.Range(0, t).Where(p => Allowed(p, y))];
        return predecessors;
    }

    private static bool[] BuildAllowed(int t)
    {
        var allowed = new bool[(t + 1) * t];
        for (int p = 0; p <= t; p++)
            for (int y = 0; y < t; y++) allowed[p * t + y] = Allowed(p == t ? -1 : p, y);
        return allowed;
    }
}
