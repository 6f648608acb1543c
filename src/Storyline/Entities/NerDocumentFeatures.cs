using Storyline.Learning;

namespace Storyline.Entities;

/// <summary>
/// Features of the tagger's second, document-level pass: for each capitalised token, how the first pass tagged the other capitalised
/// occurrences of the same word (case-insensitive) in the document — their majority type, its share and count, the fullest name they
/// are part of — and whether the word is also written lower-case there. A name keeps one type through a story ("Washington" the player,
/// "Magna" the company), which a sentence alone often cannot tell.
/// </summary>
internal static class NerDocumentFeatures
{
    // Template ids; changing any of them invalidates trained models.
    private const ulong Vote = 1, VoteClass = 2, VoteOwn = 3, VoteCount = 4, VoteOther = 5, LowerElsewhere = 8,
        BodyVote = 9, SoftVote = 10, SoftVoteClass = 11, SoftVoteOwn = 12, Longest = 13;

    private const int Classes = 5;

    // First-pass tallies of one word's occurrences in a document.
    private sealed class Tally
    {
        public readonly int[] Class = new int[Classes];
        public readonly int[] Body = new int[Classes];
        public readonly float[] Score = new float[Classes];
        public int Lower;
        // The two longest first-pass entities the word is part of (length, class), so that one mention can exclude itself.
        public (int Length, int Class) Longest, SecondLongest;

        public void AddEntity(int length, int cls)
        {
            if (length > Longest.Length) (SecondLongest, Longest) = (Longest, (length, cls));
            else if (length > SecondLongest.Length) SecondLongest = (length, cls);
        }
    }

    /// <summary>Appends the document features of every token of every sentence; sentence s's token i has
    /// features[s][offsets[s][i]..offsets[s][i+1]). <paramref name="tags"/> are the first pass's IOB2 tag indices and
    /// <paramref name="emissions"/> its scores (tokens × tags per sentence).</summary>
    public static void Extract(IReadOnlyList<IReadOnlyList<string>> sentences, IReadOnlyList<int[]> tags, IReadOnlyList<float[]> emissions,
        List<ulong>[] features, int[][] offsets)
    {
        Span<float> own = stackalloc float[Classes];
        var tallies = new Dictionary<ulong, Tally>();
        var keys = new ulong[sentences.Count][];
        var headlines = new bool[sentences.Count];
        for (int s = 0; s < sentences.Count; s++)
        {
            var tokens = sentences[s];
            headlines[s] = NerFeatures.IsHeadline(tokens);
            keys[s] = new ulong[tokens.Count];
            for (int i = 0; i < tokens.Count; i++)
            {
                var t = tokens[i] ?? "";
                if (t.Length == 0 || !char.IsLetter(t[0])) continue;
                var key = keys[s][i] = FeatureHash.OfLower(t);
                if (!tallies.TryGetValue(key, out var tally)) tallies[key] = tally = new Tally();
                if (!char.IsUpper(t[0]))
                {
                    if (i > 0) tally.Lower++;
                    continue;
                }
                int c = ClassOf(tags[s][i]);
                tally.Class[c]++;
                // Capitals mid-sentence in running text are the surest sign of a name; headlines and sentence starts are weaker evidence.
                if (i > 0 && !headlines[s]) tally.Body[c]++;
                ClassScores(emissions[s], i, own);
                for (int k = 0; k < Classes; k++) tally.Score[k] += own[k];
                if (c > 0) tally.AddEntity(EntityLength(tags[s], i), c);
            }
        }
        Span<float> scores = stackalloc float[Classes];

        Span<int> others = stackalloc int[Classes];
        Span<int> body = stackalloc int[Classes];
        for (int s = 0; s < sentences.Count; s++)
        {
            var tokens = sentences[s];
            var list = features[s];
            var off = offsets[s];
            for (int i = 0; i < tokens.Count; i++)
            {
                off[i] = list.Count;
                var t = tokens[i] ?? "";
                if (t.Length == 0 || !char.IsUpper(t[0]) || !tallies.TryGetValue(keys[s][i], out var tally)) continue;
                int ownClass = ClassOf(tags[s][i]);
                var cls = (ulong)NerFeatures.ClassOf(t) * 4 + (headlines[s] ? 2UL : 0) + (i == 0 ? 1UL : 0);
                tally.Class.CopyTo(others);
                others[ownClass]--;
                tally.Body.CopyTo(body);
                if (i > 0 && !headlines[s]) body[ownClass]--;

                if (tally.Lower > 0) Add(list, LowerElsewhere, cls * 4 + (ulong)Math.Min(tally.Lower, 3));
                int total = Sum(others);
                // A word mentioned once has no votes; it gets no features, so a sentence of such words keeps its first-pass tags.
                if (total == 0) continue;
                // The fullest form of a name ("Dravonix Corp", "MaliVai Washington") says most about its type.
                int ownLength = ownClass > 0 ? EntityLength(tags[s], i) : 0;
                var longest = ownClass > 0 && ownLength == tally.Longest.Length && ownClass == tally.Longest.Class ? tally.SecondLongest : tally.Longest;
                if (longest.Length >= 2)
                    Add(list, Longest, (ulong)((Math.Min(longest.Length, 4) * Classes + longest.Class) * Classes + ownClass) * 4 + (ulong)Math.Min(ownLength, 3));
                int majority = ArgMax(others);
                ulong vote = (ulong)(majority * 4 + ShareBucket(others[majority], total));
                Add(list, Vote, vote);
                Add(list, VoteClass, vote * 64 + cls);
                Add(list, VoteOwn, vote * 8 + (ulong)ownClass);
                Add(list, VoteCount, vote * 4 + (ulong)(total switch { 1 => 0, < 4 => 1, < 10 => 2, _ => 3 }));
                for (int k = 0; k < Classes; k++) if (k != majority && others[k] > 0) Add(list, VoteOther, (ulong)(k * 4 + ShareBucket(others[k], total)));
                // Summed first-pass scores weigh each mention by how sure the first pass was, where votes count them alike.
                ClassScores(emissions[s], i, own);
                for (int k = 0; k < Classes; k++) scores[k] = tally.Score[k] - own[k];
                int softBest = ArgMax(scores);
                float second = float.NegativeInfinity;
                for (int k = 0; k < Classes; k++) if (k != softBest) second = Math.Max(second, scores[k]);
                float margin = (scores[softBest] - second) / total;
                ulong soft = (ulong)(softBest * 8 + (margin switch { < 1 => 0, < 3 => 1, < 10 => 2, < 30 => 3, _ => 4 }));
                Add(list, SoftVote, soft);
                Add(list, SoftVoteClass, soft * 64 + cls);
                Add(list, SoftVoteOwn, soft * 8 + (ulong)ownClass);
                int bodyTotal = Sum(body);
                if (bodyTotal > 0)
                {
                    int bodyMajority = ArgMax(body);
                    Add(list, BodyVote, (ulong)(bodyMajority * 4 + ShareBucket(body[bodyMajority], bodyTotal)) * 64 + cls);
                }
            }
            off[tokens.Count] = list.Count;
        }
    }

    private static void Add(List<ulong> features, ulong template, ulong value) => features.Add(FeatureHash.Combine(template + 0xD0C0_0000, value));

    // 0 for O, else 1 + type index.
    private static int ClassOf(int tag) => Viterbi.TypeOf(tag) + 1;

    // Length of the first-pass entity holding token i.
    private static int EntityLength(int[] tags, int i)
    {
        int start = i, end = i + 1;
        while (start > 0 && Viterbi.IsInside(tags[start])) start--;
        while (end < tags.Length && Viterbi.IsInside(tags[end])) end++;
        return end - start;
    }

    private static int ShareBucket(int count, int total) => count == total ? 0 : count * 4 >= total * 3 ? 1 : count * 2 > total ? 2 : 3;

    private static int Sum(ReadOnlySpan<int> values)
    {
        int sum = 0;
        foreach (var v in values) sum += v;
        return sum;
    }

    // A token's first-pass score per class (O, then each type's better of B and I), relative to its best class.
    private static void ClassScores(float[] emissions, int i, Span<float> scores)
    {
        int t = BioTags.Count;
        scores[0] = emissions[i * t];
        for (int k = 1; k < Classes; k++) scores[k] = Math.Max(emissions[i * t + 2 * k - 1], emissions[i * t + 2 * k]);
        float best = float.NegativeInfinity;
        foreach (var x in scores) best = Math.Max(best, x);
        for (int k = 0; k < Classes; k++) scores[k] -= best;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++) if (values[k] > values[best]) best = k;
        return best;
    }

    private static int ArgMax(ReadOnlySpan<int> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++) if (values[k] > values[best]) best = k;
        return best;
    }
}
