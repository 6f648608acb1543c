using System.Text;
using Storyline.Documents;
using Storyline.Metadata;
using Storyline.Pipeline;
using Storyline.Time;

namespace Storyline.Tests.Metadata;

public class PublicationEstimateTests
{
    private static PublicationDate? Estimate(string text) =>
        DocumentPipeline.CreateDefault().Process(new RawInput("undated.txt", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, InputHints.None)).Metadata.Published;

    [Theory]
    [InlineData("in 2019", 2019, 1, 1, TimeGranularity.Year)]
    [InlineData("since mid-2018", 2018, 1, 1, TimeGranularity.Year)]
    [InlineData("In July 2020 the", 2020, 7, 1, TimeGranularity.Month)]
    [InlineData("in March of 2019", 2019, 3, 1, TimeGranularity.Month)]
    [InlineData("on July 9, 2020,", 2020, 7, 9, TimeGranularity.Day)]
    public void FindPeriods_WrittenPeriod_FirstDayAndPrecision(string text, int y, int m, int d, TimeGranularity granularity)
    {
        var found = DateFinder.FindPeriods(text).OrderBy(p => p.Granularity).First();
        found.Start.ShouldBe(new DateOnly(y, m, d));
        found.Granularity.ShouldBe(granularity);
    }

    [Theory]
    [InlineData("some 2019 people")]
    [InlineData("a rise of 2019 per cent")]
    [InlineData("they may 2020 be")]
    public void FindPeriods_NumberNotATime_FindsNothing(string text) => DateFinder.FindPeriods(text).ShouldBeEmpty();

    [Fact]
    public void Process_UndatedArticleMentioningYears_EstimatesLatestYear()
    {
        var published = Estimate("Sanctions widen\n\nThe camps were first reported in 2017 and expanded in 2018.\n\nIn 2021 more companies were added to the list, officials said.")!;
        published.IsEstimate.ShouldBeTrue();
        published.Granularity.ShouldBe(TimeGranularity.Year);
        published.Value.ShouldBe(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));
        published.Label.ShouldBe("2021 (estimated)");
    }

    [Fact]
    public void Process_UndatedArticleMentioningDayAndLaterMonth_EstimatesTheMonth()
    {
        var published = Estimate("Report\n\nThe report was announced on March 3, 2022, and released in August 2022 after delays.")!;
        published.Granularity.ShouldBe(TimeGranularity.Month);
        published.Label.ShouldBe("2022-08 (estimated)");
    }

    [Fact]
    public void Process_DayAndItsMonth_DayWins()
    {
        var published = Estimate("Report\n\nIt appeared in August 2022, on August 1, 2022 to be exact, officials said.")!;
        published.Granularity.ShouldBe(TimeGranularity.Day);
        published.Label.ShouldBe("2022-08-01 (estimated)");
    }

    [Fact]
    public void ReferenceDate_YearEstimate_AnchorsNothing()
    {
        var estimate = new PublicationDate(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), DateSource.TextEstimate, "in 2021", TimeGranularity.Year);
        TimeExpressionRecognizer.ReferenceDate(estimate).ShouldBeNull();
        TimeExpressionRecognizer.ReferenceDate(estimate with { Granularity = TimeGranularity.Day }).ShouldBe(new DateOnly(2021, 1, 1));
    }
}
