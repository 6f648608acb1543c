using Storyline.Documents;
using Storyline.Stories;
using Storyline.Time;

namespace Storyline.Tests.Stories;

public class PublicationIntervalTests
{
    private static readonly DateTimeOffset July10 = new(2020, 7, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_StatedDay_CoversThatDay() =>
        PublicationInterval.Of(new PublicationDate(July10, DateSource.Given, null)).ShouldBe(new PublicationInterval(July10, July10.AddDays(1)));

    [Fact]
    public void Of_StatedYear_CoversTheYear() =>
        PublicationInterval.Of(new PublicationDate(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), DateSource.Metadata, null, TimeGranularity.Year))
            .To.ShouldBe(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Of_Estimate_IsOnlyALowerBound() =>
        PublicationInterval.Of(new PublicationDate(July10, DateSource.TextEstimate, "2020", TimeGranularity.Year)).ShouldBe(new PublicationInterval(July10, null));

    [Fact]
    public void Admits_DocumentTwoYearsAfterSpan_IsFalse()
    {
        var span = default(DevelopmentSpan).With(new PublicationInterval(July10, July10.AddDays(1)));
        span.Admits(new PublicationInterval(July10.AddYears(2), July10.AddYears(2).AddDays(1)), TimeSpan.FromDays(21)).ShouldBeFalse();
    }

    [Fact]
    public void Admits_DocumentBeforeSpanWithinGap_IsTrue()
    {
        var span = default(DevelopmentSpan).With(new PublicationInterval(July10, July10.AddDays(1)));
        span.Admits(new PublicationInterval(July10.AddDays(-10), July10.AddDays(-9)), TimeSpan.FromDays(21)).ShouldBeTrue();
    }

    [Fact]
    public void Admits_UndatedDocument_IsTrue()
    {
        var span = default(DevelopmentSpan).With(new PublicationInterval(July10, July10.AddDays(1)));
        span.Admits(PublicationInterval.Unknown, TimeSpan.Zero).ShouldBeTrue();
    }

    [Fact]
    public void Admits_StatedDateBeforeAnEstimatedMembersLowerBound_IsFalse()
    {
        // A member that mentions 2022 was published in 2022 or later: a 2020 article is not coverage of its event.
        var span = default(DevelopmentSpan).With(new PublicationInterval(new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero), null));
        span.Admits(new PublicationInterval(July10, July10.AddDays(1)), TimeSpan.FromDays(21)).ShouldBeFalse();
    }
}
