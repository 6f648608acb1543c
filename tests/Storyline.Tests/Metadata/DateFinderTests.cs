using Storyline.Metadata;

namespace Storyline.Tests.Metadata;

public class DateFinderTests
{
    [Theory]
    [InlineData("On August 27, 2020, the office held", 2020, 8, 27)]
    [InlineData("in a news release on December 9,2019, that all", 2019, 12, 9)]
    [InlineData("Published 2 Sep, 2022 at noon", 2022, 9, 2)]
    [InlineData("Rome, Italy, on March 23, 2019.", 2019, 3, 23)]
    [InlineData("updated 2021-07-09T10:00", 2021, 7, 9)]
    [InlineData("Sept. 14th 2018", 2018, 9, 14)]
    public void FindAll_WrittenDate_FindsIt(string text, int y, int m, int d) =>
        DateFinder.FindAll(text).Single().Date.ShouldBe(new DateOnly(y, m, d));

    [Theory]
    [InlineData("February 30, 2020")]
    [InlineData("May 2020 was warm")]
    [InlineData("in 2019")]
    public void FindAll_PartialOrInvalid_FindsNothing(string text) => DateFinder.FindAll(text).ShouldBeEmpty();

    [Fact]
    public void FromUrl_DatedPath_ReadsDate() =>
        DateFinder.FromUrl("https://example.com/news/2020/07/10/china-vows-action")!.Date.ShouldBe(new DateOnly(2020, 7, 10));
}
