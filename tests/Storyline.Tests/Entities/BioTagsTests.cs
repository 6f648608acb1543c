using Storyline.Entities;

namespace Storyline.Tests.Entities;

public class BioTagsTests
{
    [Fact]
    public void FromSpans_ToSpans_RoundTrips()
    {
        EntitySpan[] spans = [new(0, 2, "PER"), new(2, 3, "PER"), new(4, 7, "MISC")];
        var tags = BioTags.FromSpans(spans, 8);
        tags.Select(t => BioTags.Names[t]).ShouldBe(["B-PER", "I-PER", "B-PER", "O", "B-MISC", "I-MISC", "I-MISC", "O"]);
        BioTags.ToSpans(tags).ShouldBe(spans);
    }

    [Fact]
    public void Allowed_InsideAfterOutsideOrOtherType_IsRuledOut()
    {
        int bPer = BioTags.Begin(0), iPer = BioTags.Inside(0), iOrg = BioTags.Inside(1);
        BioTags.Allowed(-1, iPer).ShouldBeFalse();
        BioTags.Allowed(BioTags.Outside, iPer).ShouldBeFalse();
        BioTags.Allowed(bPer, iOrg).ShouldBeFalse();
        BioTags.Allowed(bPer, iPer).ShouldBeTrue();
        BioTags.Allowed(iPer, bPer).ShouldBeTrue();
    }

    [Fact]
    public void IsHeadline_AllCapitalSentence_IsTrue()
    {
        NerFeatures.IsHeadline(["SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN", "."]).ShouldBeTrue();
        NerFeatures.IsHeadline(["Japan", "won", "."]).ShouldBeFalse();
        NerFeatures.IsHeadline(["1996-08-22"]).ShouldBeFalse();
    }
}
