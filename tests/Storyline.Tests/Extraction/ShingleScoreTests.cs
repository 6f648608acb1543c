using Storyline.Extraction;

namespace Storyline.Tests.Extraction;

public class ShingleScoreTests
{
    [Fact]
    public void Tokenize_UnicodeText_FollowsPythonWordRule()
    {
        ShingleScore.Tokenize("naïve café_1, x-y 42").ShouldBe(["naïve", "café_1", "x", "y", "42"]);
        // Python's \w excludes combining marks, so a decomposed accent splits the word.
        ShingleScore.Tokenize("cafe\u0301 ok").ShouldBe(["cafe", "ok"]);
        ShingleScore.Tokenize("日本語 テキスト").ShouldBe(["日本語", "テキスト"]);
    }

    [Fact]
    public void Score_OneWordDiffers_ThirdEach()
    {
        // Truth shingles {abcd, bcde}, prediction {abcd, bcdx}: tp 1, fp 1, fn 1.
        var s = ShingleScore.Score("a b c d e", "a b c d x");

        s.TruePositive.ShouldBe(1 / 3.0, 1e-12);
        s.FalsePositive.ShouldBe(1 / 3.0, 1e-12);
        s.FalseNegative.ShouldBe(1 / 3.0, 1e-12);
        ShingleScore.Precision(s).ShouldBe(0.5, 1e-12);
        ShingleScore.Recall(s).ShouldBe(0.5, 1e-12);
        s.Exact.ShouldBeFalse();
    }

    [Fact]
    public void Score_RepeatedShingles_MatchedAsMultiset()
    {
        // Truth: abcd twice plus bcda, cdab, dabc; prediction: abcd once. tp 1, fp 0, fn 4.
        var s = ShingleScore.Score("a b c d a b c d", "a b c d");

        ShingleScore.Precision(s).ShouldBe(1.0);
        ShingleScore.Recall(s).ShouldBe(0.2, 1e-12);
    }

    [Fact]
    public void Score_ShortTexts_UseOneShorterShingle()
    {
        // Tokens are case-sensitive: {ab} against {Aab}.
        var cased = ShingleScore.Score("a b", "A: a, b!");
        ShingleScore.Precision(cased).ShouldBe(0.0);
        var equal = ShingleScore.Score("a b", "a b.");
        ShingleScore.Precision(equal).ShouldBe(1.0);
        ShingleScore.Recall(equal).ShouldBe(1.0);
        equal.Exact.ShouldBeTrue();
        // {ab} against {abc}: nothing matches.
        var longer = ShingleScore.Score("a b", "a b c");
        ShingleScore.Precision(longer).ShouldBe(0.0);
        ShingleScore.Recall(longer).ShouldBe(0.0);
    }

    [Fact]
    public void Aggregate_EmptyPrediction_SkippedForPrecisionCountedForRecall()
    {
        var perfect = ShingleScore.Score("one two three four five", "one two three four five");
        var half = ShingleScore.Score("a b c d e", "a b c d x");
        var empty = ShingleScore.Score("a b c d", "");
        empty.ShouldBe(new PageScore(0, 0, 1, false));

        var corpus = ShingleScore.Aggregate([perfect, half, empty]);

        corpus.Precision.ShouldBe(0.75, 1e-12);            // (1 + 0.5) / 2: the empty page has no predicted shingles
        corpus.Recall.ShouldBe(0.5, 1e-12);                // (1 + 0.5 + 0) / 3
        corpus.F1.ShouldBe(2 * 0.75 * 0.5 / 1.25, 1e-12);  // F1 of the means
        corpus.Accuracy.ShouldBe(1 / 3.0, 1e-12);
    }

    [Fact]
    public void Score_BothEmpty_AllZeroAndExact()
    {
        var s = ShingleScore.Score("", "  ... ");

        s.ShouldBe(new PageScore(0, 0, 0, true));
        ShingleScore.Aggregate([s, ShingleScore.Score("a b c d", "a b c d")]).Precision.ShouldBe(1.0);
    }
}
