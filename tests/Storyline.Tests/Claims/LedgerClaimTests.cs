using Storyline.Claims;

namespace Storyline.Tests.Claims;

public class LedgerClaimTests
{
    private static LedgerStatement S(string camp, string stance, string speaker = "A Speaker") =>
        new(1, speaker, null, camp, stance, "text of the statement", 0, 10, null);

    [Fact]
    public void IsContested_OneCampAssertsAnotherDenies_True() =>
        LedgerClaim.IsContested([S("UN", StanceLabels.Asserts), S("China", StanceLabels.Denies)]).ShouldBeTrue();

    [Fact]
    public void IsContested_OnlyAnUnidentifiedSpeakerDenies_False() =>
        LedgerClaim.IsContested([S("UN", StanceLabels.Asserts), S("Other voices", StanceLabels.Denies, LedgerClaim.UnidentifiedSpeaker)]).ShouldBeFalse();

    [Fact]
    public void CampStances_DenialAgainstOneAssertionInACamp_Denies()
    {
        var claim = new LedgerClaim(1, "label", null, true, 1, [S("China", StanceLabels.Asserts), S("China", StanceLabels.Denies), S("China", StanceLabels.Reports)]);
        claim.CampStances().ShouldBe([("China", StanceLabels.Denies, 3)]);
    }
}
