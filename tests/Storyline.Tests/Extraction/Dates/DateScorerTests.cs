using Storyline.Extraction.Dates;
using Storyline.Time;

namespace Storyline.Tests.Extraction.Dates;

public class DateScorerTests
{
    private static readonly DateScorer Scorer = new(new DateScorerOptions());
    private static readonly DateOnly Today = new(2024, 1, 1);

    private static DateCandidate C(int month, int day, DateOrigin origin, DateRole role, DatePlace place = DatePlace.Main, TimeGranularity granularity = TimeGranularity.Day) =>
        new(new DateOnly(2020, month, day), new DateTimeOffset(2020, month, day, 0, 0, 0, TimeSpan.Zero), origin, role, place, "test", 0, granularity);

    [Fact]
    public void Choose_PublishedLaterThanStatedUpdate_PrefersTheBylineBeforeIt() =>
        Scorer.Choose([C(6, 10, DateOrigin.Meta, DateRole.Published), C(5, 2, DateOrigin.JsonLd, DateRole.Modified), C(5, 1, DateOrigin.Markup, DateRole.Published)], Today)!
            .Candidate.Day.ShouldBe(new DateOnly(2020, 5, 1));

    [Fact]
    public void Choose_AgreeingWeakSources_OutweighOneStrongerSource() =>
        Scorer.Choose([C(3, 1, DateOrigin.TimeElement, DateRole.Unknown), C(3, 2, DateOrigin.Url, DateRole.Published), C(3, 2, DateOrigin.Markup, DateRole.Published)], Today)!
            .Candidate.Day.ShouldBe(new DateOnly(2020, 3, 2));

    [Fact]
    public void Choose_CopyrightYearBeforeTheDate_DiscountsTheDate() =>
        Scorer.Choose([C(7, 1, DateOrigin.TimeElement, DateRole.Published), C(1, 1, DateOrigin.PageText, DateRole.Unknown, DatePlace.Footer, TimeGranularity.Year) with { Day = new DateOnly(2019, 1, 1) },
            new DateCandidate(new DateOnly(2019, 12, 30), DateTimeOffset.MinValue, DateOrigin.NearTitle, DateRole.Unknown, DatePlace.Main, "test")], Today)!
            .Candidate.Day.ShouldBe(new DateOnly(2019, 12, 30));

    [Fact]
    public void Choose_OnlyUpdateDates_StillGivesADay() =>
        Scorer.Choose([C(4, 9, DateOrigin.Meta, DateRole.Modified)], Today)!.Candidate.Day.ShouldBe(new DateOnly(2020, 4, 9));

    [Fact]
    public void Choose_CommentDatesOnly_RankBelowOneDatelineInTheArticle() =>
        Scorer.Choose([C(8, 3, DateOrigin.Markup, DateRole.Unknown, DatePlace.Comment), C(8, 3, DateOrigin.TimeElement, DateRole.Unknown, DatePlace.Comment), C(8, 1, DateOrigin.NearTitle, DateRole.Unknown)], Today)!
            .Candidate.Day.ShouldBe(new DateOnly(2020, 8, 1));
}
