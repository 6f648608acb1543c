namespace Storyline.Attribution.Transformer;

/// <summary>How a token tagger's per-token scores become BIO tags (O, then B-/I- of source, cue and content, as
/// <see cref="AttributionTagger"/> lays them out).</summary>
internal enum BioDecoding
{
    /// <summary>Each token's best tag.</summary>
    Argmax,

    /// <summary>Argmax, with a B- right after a token of its role read as I- (one span, not two fragments).</summary>
    Merged,

    /// <summary>The best tag sequence in which an I- follows a B- or I- of its role.</summary>
    Viterbi,

    /// <summary>Viterbi, then a B- after its role and one or two O tokens between two tokens of a source or content read as one span:
    /// the fine-tuned tagger otherwise cuts contents into fragments, the commonest exact miss on PolNeAR dev (chosen there: 0.845 / 0.604
    /// content overlap / exact in the hybrid, against 0.843 / 0.602 for Viterbi alone). Cues are not joined across a gap: that merged
    /// two statements' cues ("said, arguing"); keeping them apart gives 0.847 / 0.615 with the shipped file.</summary>
    Joined,
}

/// <summary>The decodings of <see cref="BioDecoding"/> over one sentence's scores (log-probabilities for Viterbi to add them).</summary>
internal static class BioDecoder
{
    /// <summary>One tag per token of <paramref name="scores"/> (a null row scores O 0 and every other tag -100).</summary>
    public static int[] Decode(float[]?[] scores, BioDecoding decoding)
    {
        ArgumentNullException.ThrowIfNull(scores);
        int n = scores.Length;
        var tags = new int[n];
        switch (decoding)
        {
            case BioDecoding.Joined:
                tags = Viterbi(scores);
                Join(tags);
                return tags;
            case BioDecoding.Viterbi:
                return Viterbi(scores);
            default:
                for (int t = 0; t < n; t++) tags[t] = scores[t] is { } row ? Array.IndexOf(row, row.Max()) : 0;
                if (decoding == BioDecoding.Merged)
                    for (int t = 1; t < n; t++)
                        if (IsBegin(tags[t]) && tags[t - 1] > 0 && RoleOf(tags[t - 1]) == RoleOf(tags[t])) tags[t]++;
                return tags;
        }
    }

    private static bool IsBegin(int tag) => tag > 0 && tag % 2 == 1;

    private static int RoleOf(int tag) => Learning.Viterbi.TypeOf(tag);

    // One span per role run: a B- right after its role continues it, and one or two O tokens between two tokens of a source or a
    // content join them.
    private static void Join(int[] tags)
    {
        int n = tags.Length;
        for (int t = 1; t < n; t++)
        {
            if (IsBegin(tags[t]) && tags[t - 1] > 0 && RoleOf(tags[t - 1]) == RoleOf(tags[t])) tags[t]++;
            if (tags[t] != 0 || tags[t - 1] == 0) continue;
            int role = RoleOf(tags[t - 1]), gap = t;
            // Two cues a comma apart are two statements ("… need change," he said, arguing that …), not one cue.
            if (role == (int)AttributionTagger.Role.Cue) continue;
            while (gap < n && gap - t < 3 && tags[gap] == 0) gap++;
            if (gap < n && gap - t <= 2 && tags[gap] > 0 && RoleOf(tags[gap]) == role)
                for (int u = t; u <= gap; u++) tags[u] = 2 + 2 * role;
        }
    }

    // No transitions: the fine-tuned tagger scores each token alone, and the engine's Viterbi only keeps the sequence well formed.
    private static readonly float[] NoTransitions = new float[(AttributionTagger.TagCount + 1) * AttributionTagger.TagCount];

    private static int[] Viterbi(float[]?[] scores)
    {
        int n = scores.Length, k = AttributionTagger.TagCount;
        var emissions = new float[n * k];
        for (int t = 0; t < n; t++)
            for (int j = 0; j < k; j++) emissions[t * k + j] = scores[t]?[j] ?? (j == 0 ? 0 : -100);
        var tags = new int[n];
        Learning.Viterbi.Decode(emissions, n, k, NoTransitions, tags);
        return tags;
    }
}
