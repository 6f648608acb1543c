using Storyline.Claims;

namespace Storyline.Tests.Claims;

public class StanceTextTests
{
    [Fact]
    public void SplitSentences_PunctuationAndLines_SplitsAtBoundaries()
    {
        var sentences = StanceText.SplitSentences("The mayor resigned. He denied it! \"Why?\" she asked.\nA new paragraph 2.5 times longer");
        sentences.ShouldBe(["The mayor resigned.", "He denied it!", "\"Why?\" she asked.", "A new paragraph 2.5 times longer"]);
    }

    [Fact]
    public void SplitSentences_LongText_StopsAtMaximum()
    {
        var text = string.Join(" ", Enumerable.Range(0, 100).Select(i => $"Sentence number {i} is here."));
        StanceText.SplitSentences(text).Count.ShouldBe(StanceText.MaxSentences);
    }

    [Fact]
    public void Words_PossessiveAndCase_LowerCasedWithoutPossessive()
    {
        StanceText.Words("China's camps DON'T close, Pompeo’s aide said.").ShouldBe(["china", "camps", "don't", "close", "pompeo", "aide", "said"]);
    }

    [Theory]
    [InlineData("denies", "deny")]
    [InlineData("denied", "deny")]
    [InlineData("camps", "camp")]
    [InlineData("detained", "detain")]
    [InlineData("glass", "glass")]
    [InlineData("2020s", "2020s")]
    public void Stem_InflectedWord_StripsSuffix(string word, string stem) => StanceText.Stem(word).ShouldBe(stem);

    [Fact]
    public void ContentStems_StopWords_LeftOut()
    {
        StanceText.ContentStems(StanceText.Words("The workers were not forced to work in the camps")).ShouldBe(["worker", "forc", "work", "camp"]);
    }
}
