using Storyline.Entities;
using Storyline.Text;

namespace Storyline.Tests.Entities;

public class NamedEntityRecognizerTests
{
    private static List<(string Text, string Type)> Recognize(string text)
    {
        var analysis = new TextAnalyzer().Analyze(text);
        return [.. new NamedEntityRecognizer().Recognize(text, analysis).Select(e => (e.Span.Slice(text), e.Type))];
    }

    [Fact]
    public void Recognize_Possessive_SpanExcludesApostropheS()
    {
        var found = Recognize("Beijing’s policy in Xinjiang was criticised by Mike Pompeo on Friday.");
        found.ShouldContain(("Mike Pompeo", "PER"));
        found.ShouldContain(e => e.Text == "Xinjiang");
        found.ShouldNotContain(e => e.Text.EndsWith("’s", StringComparison.Ordinal));
    }

    [Fact]
    public void Recognize_TwoSentences_SpansPointIntoText()
    {
        const string text = "Foreign ministry spokesman Zhao Lijian spoke on Friday. He said China would respond to the United States.";
        var found = Recognize(text);
        found.ShouldContain(("Zhao Lijian", "PER"));
        found.ShouldContain(e => e.Text == "United States");
    }

    [Fact]
    public void Recognize_NameRepeatedAcrossSentences_KeepsOneType()
    {
        const string text = "Shares of Dravonix Corp fell 4 percent on Tuesday. Dravonix said demand had weakened. Analysts said Dravonix would struggle.";
        var found = Recognize(text).Where(e => e.Text.StartsWith("Dravonix", StringComparison.Ordinal)).ToList();
        found.Count.ShouldBe(3);
        found.Select(e => e.Type).Distinct().ShouldBe(["ORG"]);
    }
}
