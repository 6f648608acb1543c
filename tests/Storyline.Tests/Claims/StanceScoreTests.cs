using Storyline.Claims;

namespace Storyline.Tests.Claims;

public class StanceScoreTests
{
    [Fact]
    public void Compute_OfficialWeights_MatchScorer()
    {
        // Exact related label 1.0, related but wrong related label 0.25, correct unrelated 0.25, related called unrelated 0, unrelated called related 0.
        var score = StanceScore.Compute([("agree", "agree"), ("agree", "discuss"), ("unrelated", "unrelated"), ("disagree", "unrelated"), ("unrelated", "discuss")]);
        score.Score.ShouldBe(1.5);
        score.MaxScore.ShouldBe(3.5);
        score.Accuracy.ShouldBe(0.4);
    }

    [Fact]
    public void Compute_PerfectPredictions_FullScoreAndF1()
    {
        var gold = new[] { "agree", "disagree", "discuss", "unrelated", "unrelated" };
        var score = StanceScore.Compute([.. gold.Select(g => (g, g))]);
        score.Relative.ShouldBe(1);
        score.MacroF1.ShouldBe(1);
    }

    [Fact]
    public void Compute_AllUnrelated_NullBaselineAndZeroRelatedF1()
    {
        var score = StanceScore.Compute([("agree", "unrelated"), ("discuss", "unrelated"), ("unrelated", "unrelated"), ("unrelated", "unrelated")]);
        score.Relative.ShouldBe(0.5 / 2.5, 1e-12);
        score.F1["agree"].ShouldBe(0);
        score.F1["unrelated"].ShouldBe(2.0 * 2 / (2 * 2 + 2), 1e-12);
    }

    [Theory]
    [InlineData(Stance.Asserts, "agree")]
    [InlineData(Stance.Denies, "disagree")]
    [InlineData(Stance.Reports, "discuss")]
    [InlineData(Stance.Questions, "discuss")]
    [InlineData(Stance.Unrelated, "unrelated")]
    public void ToFnc_EachStance_OfficialLabel(Stance stance, string label) => StancePrediction.ToFnc(stance).ShouldBe(label);

    [Fact]
    public void FromFnc_UnknownLabel_Null()
    {
        StancePrediction.FromFnc("Disagree ").ShouldBe(Stance.Denies);
        StancePrediction.FromFnc("maybe").ShouldBeNull();
    }
}
