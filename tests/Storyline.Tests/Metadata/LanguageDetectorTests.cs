using Storyline.Metadata;

namespace Storyline.Tests.Metadata;

public class LanguageDetectorTests
{
    [Theory]
    [InlineData("The spokesman said that the sanctions were in line with the law and that he was not aware of the details.", "en")]
    [InlineData("Le porte-parole a dit que les sanctions sont contraires au droit international et qu'il ne les accepte pas.", "fr")]
    [InlineData("Der Sprecher sagte, dass die Sanktionen nicht mit dem Völkerrecht vereinbar sind und auch nicht hilfreich.", "de")]
    [InlineData("新疆维吾尔自治区政府新闻办公室举行新闻发布会，介绍了经济发展的情况。", "zh")]
    public void Detect_Sentence_ReturnsLanguage(string text, string expected) => LanguageDetector.Detect(text).ShouldBe(expected);

    [Fact]
    public void Detect_TooShort_ReturnsNull() => LanguageDetector.Detect("Hi").ShouldBeNull();
}
