using System.Text;
using Storyline.Documents;
using Storyline.Metadata;
using Storyline.Pipeline;
using Storyline.Tests.TestSupport;

namespace Storyline.Tests.Metadata;

public class GivenTitleStageTests
{
    private const string Body =
        "Council agrees budget\n\n" +
        "The city council agreed the budget on Tuesday after a long debate about the cost of the new transport plan and its schools.\n\n" +
        "Members who opposed the plan said the costs of the transport measures had been underestimated by the planning office.\n\n" +
        "The mayor said the budget would be reviewed in the spring, when the first figures from the new plan are known.";

    private static ProcessedDocument Process(string text, string? title, string type = "text/plain") =>
        DocumentPipeline.CreateDefault().Process(new RawInput("given", null, type, Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch,
            InputHints.None with { Title = title }));

    [Theory]
    [InlineData("<b>Council</b> agrees <i>budget</i>", "Council agrees budget")]
    [InlineData("Council agrees budget<script>alert(1)</script>", "Council agrees budget")]
    [InlineData("AT&amp;T  &  partners\n", "AT&T & partners")]
    [InlineData("x < y and y > z", "x < y and y > z")]
    [InlineData("<img src=x onerror=alert(1)>", null)]
    [InlineData("   ", null)]
    public void PlainTitle_GivenTitle_TextWithoutMarkup(string given, string? expected) =>
        GivenTitleStage.PlainTitle(given).ShouldBe(expected);

    [Fact]
    public void Process_TitleWithMarkupMatchingFirstLine_GivenTitleKeptAndBodyWhole()
    {
        var doc = Process(Body, "<b>Council</b> agrees budget");
        doc.Metadata.Title.ShouldBe("Council agrees budget");
        var paragraphs = doc.BlockTexts(BlockKind.Paragraph);
        paragraphs.Count.ShouldBe(3);
        paragraphs[0].ShouldStartWith("The city council agreed");
    }

    [Fact]
    public void Process_GivenTitleOtherThanFirstLine_GivenTitleWins()
    {
        var doc = Process(Body, "Budget passes after debate");
        doc.Metadata.Title.ShouldBe("Budget passes after debate");
        doc.BlockTexts(BlockKind.Paragraph).ShouldContain(p => p.StartsWith("Members who opposed", StringComparison.Ordinal));
    }

    [Fact]
    public void Process_HtmlPageWithGivenTitle_GivenTitleWinsOverPageTitle()
    {
        var html = "<html><head><title>Page title | Site</title></head><body><article><h1>Page headline here</h1>" +
            string.Concat(Body.Split("\n\n").Skip(1).Select(p => $"<p>{p}</p>")) + "</article></body></html>";
        Process(html, "Given <em>record</em> title", "text/html").Metadata.Title.ShouldBe("Given record title");
    }

    [Fact]
    public void Process_NoGivenTitle_HeadlineReadFromText()
    {
        var doc = Process(Body, null);
        doc.Metadata.Title.ShouldBe("Council agrees budget");
        doc.BlockTexts(BlockKind.Paragraph).Count.ShouldBe(3);
    }
}
