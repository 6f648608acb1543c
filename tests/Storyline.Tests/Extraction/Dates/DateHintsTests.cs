using Storyline.Extraction.Dates;

namespace Storyline.Tests.Extraction.Dates;

public class DateHintsTests
{
    [Theory]
    [InlineData("post-date", true)]
    [InlineData("entry-meta clearfix", true)]
    [InlineData("ArticleByline", false)]
    [InlineData("update-time", true)]
    [InlineData("entry-content", false)]
    [InlineData("sidebar widget", false)]
    [InlineData("validate", false)]
    [InlineData(null, false)]
    public void IsDateElement_ClassNames_AgreeWithTheDateElementRegex(string? name, bool expected)
    {
        DateHints.IsDateElement(name).ShouldBe(expected);
        if (name is not null) DateHints.DateElement().IsMatch(name).ShouldBe(expected);
    }

    // The regex folds case beyond ASCII (the Kelvin sign is a K); the word prefilter must not rule such names out.
    [Fact]
    public void IsDateElement_KelvinSignForK_StillMatchesAsTheRegexDoes()
    {
        DateHints.DateElement().IsMatch("\u212Aicker").ShouldBeTrue();
        DateHints.IsDateElement("\u212Aicker").ShouldBeTrue();
    }
}
