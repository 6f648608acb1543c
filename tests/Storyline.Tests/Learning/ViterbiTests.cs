using Storyline.Learning;

namespace Storyline.Tests.Learning;

public class ViterbiTests
{
    // Tags laid out as O, B-1, I-1, B-2, I-2, …
    private const int O = 0, B1 = 1, I1 = 2, B2 = 3, I2 = 4;

    private static int[] Decode(float[] emissions, int n, int t, float[]? transitions = null)
    {
        var tags = new int[n];
        Viterbi.Decode(emissions, n, t, transitions ?? new float[(t + 1) * t], tags);
        return tags;
    }

    private static bool WellFormed(int[] tags)
    {
        for (int i = 0; i < tags.Length; i++)
            if (!Viterbi.Allowed(i == 0 ? -1 : tags[i - 1], tags[i])) return false;
        return true;
    }

    // The score of a path under the emissions and transitions, for checking optimality by brute force.
    private static float Score(int[] tags, float[] emissions, int t, float[] transitions)
    {
        float s = 0;
        for (int i = 0; i < tags.Length; i++)
            s += emissions[i * t + tags[i]] + transitions[(i == 0 ? Viterbi.StartRow(t) : tags[i - 1]) * t + tags[i]];
        return s;
    }

    [Theory]
    [InlineData(-1, O, true)]
    [InlineData(-1, B1, true)]
    [InlineData(-1, I1, false)]
    [InlineData(O, I1, false)]
    [InlineData(B1, I1, true)]
    [InlineData(I1, I1, true)]
    [InlineData(B1, I2, false)]
    [InlineData(I1, I2, false)]
    [InlineData(B2, I2, true)]
    [InlineData(I2, B1, true)]
    public void Allowed_Iob2Pairs_OnlyInsideAfterSameType(int previous, int tag, bool expected)
    {
        Viterbi.Allowed(previous, tag).ShouldBe(expected);
    }

    [Fact]
    public void Decode_ClearEmissions_PicksObviousPath()
    {
        // "the senator said it": O B-1 I-1 B-2 O with each token strongly preferring its tag.
        int[] gold = [O, B1, I1, B2, O];
        const int t = 5;
        var emissions = new float[gold.Length * t];
        for (int i = 0; i < gold.Length; i++) emissions[i * t + gold[i]] = 5;

        Decode(emissions, gold.Length, t).ShouldBe(gold);
    }

    [Fact]
    public void Decode_InsideFavouredAtStart_BeginsInstead()
    {
        const int t = 5;
        // The first token prefers I-1 strongly, B-1 a little: I-1 is not allowed at the start, so B-1 wins.
        float[] emissions = [0, 1, 10, 0, 0, /* second token */ 0, 0, 3, 0, 0];

        Decode(emissions, 2, t).ShouldBe([B1, I1]);
    }

    [Fact]
    public void Decode_InsideOfOtherTypeAfterBegin_NotTaken()
    {
        const int t = 5;
        // B-1 then a token preferring I-2: B-1 → I-2 is ill-formed, so the best well-formed path is taken instead.
        float[] emissions = [0, 10, 0, 0, 0, /* second token */ 1, 0, 0, 0, 10];

        var tags = Decode(emissions, 2, t);

        WellFormed(tags).ShouldBeTrue();
        tags.ShouldNotContain(I2);
    }

    [Fact]
    public void Decode_TransitionOutweighsEmission_FollowsTransition()
    {
        const int t = 3;
        // Emissions alone say O O; a strong B-1 → I-1 transition and a small B-1 preference make B-1 I-1 the best path.
        float[] emissions = [0, -0.5f, 0, /* second */ 1, 0, 0];
        var transitions = new float[(t + 1) * t];
        transitions[B1 * t + I1] = 3;

        Decode(emissions, 2, t, transitions).ShouldBe([B1, I1]);
    }

    [Fact]
    public void Decode_EmptySequence_LeavesTagsUntouched()
    {
        var tags = new[] { 7 };
        Viterbi.Decode([], 0, 5, new float[30], tags.AsSpan(0, 0));
        tags[0].ShouldBe(7);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Decode_RandomEmissionsFavouringInside_AlwaysWellFormed(int t)
    {
        for (int seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            int n = 1 + random.Next(40);
            var emissions = new float[n * t];
            for (int i = 0; i < emissions.Length; i++)
            {
                float e = (float)(random.NextDouble() * 20 - 10);
                // I- tags get a large bonus so an unconstrained decoder would put them anywhere.
                emissions[i] = Viterbi.IsInside(i % t) ? e + 15 : e;
            }
            var transitions = new float[(t + 1) * t];
            for (int i = 0; i < transitions.Length; i++) transitions[i] = (float)(random.NextDouble() * 6 - 3);

            var tags = Decode(emissions, n, t, transitions);

            WellFormed(tags).ShouldBeTrue($"seed {seed}: {string.Join(' ', tags)}");
            tags.ShouldAllBe(y => y >= 0 && y < t);
        }
    }

    [Fact]
    public void Decode_RandomShortSequences_MatchesBruteForceBest()
    {
        const int t = 5;
        for (int seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            int n = 1 + random.Next(4);
            var emissions = new float[n * t];
            for (int i = 0; i < emissions.Length; i++) emissions[i] = (float)(random.NextDouble() * 10 - 5);
            var transitions = new float[(t + 1) * t];
            for (int i = 0; i < transitions.Length; i++) transitions[i] = (float)(random.NextDouble() * 4 - 2);

            var tags = Decode(emissions, n, t, transitions);

            float best = float.NegativeInfinity;
            var path = new int[n];
            for (int code = 0; code < (int)Math.Pow(t, n); code++)
            {
                for (int i = 0, c = code; i < n; i++, c /= t) path[i] = c % t;
                if (WellFormed(path)) best = Math.Max(best, Score(path, emissions, t, transitions));
            }
            Score(tags, emissions, t, transitions).ShouldBe(best, 1e-3f, $"seed {seed}");
        }
    }
}
