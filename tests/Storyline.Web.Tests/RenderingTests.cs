using Storyline.Documents;
using Storyline.Web.Rendering;

namespace Storyline.Web.Tests;

public class RenderingTests
{
    [Theory]
    [InlineData(Storyline.Time.TimeGranularity.Year, "2021")]
    [InlineData(Storyline.Time.TimeGranularity.Month, "2021-07")]
    [InlineData(Storyline.Time.TimeGranularity.Day, "2021-07-01")]
    public void Date_EstimateFromAMonthOrYear_ShownToItsPrecision(Storyline.Time.TimeGranularity granularity, string expected) =>
        DocumentView.Date(new PublicationDate(new DateTimeOffset(2021, 7, 1, 0, 0, 0, TimeSpan.Zero), DateSource.TextEstimate, "x", granularity)).ShouldBe(expected);

    [Fact]
    public void ToHtml_MarkupInSnippet_EncodedThenMarked()
    {
        var html = Snippets.ToHtml("a <b>\u0002cotton\u0003</b> & \u0002\"><img src=x>\u0003 end");
        html.ShouldBe("a &lt;b&gt;<mark>cotton</mark>&lt;/b&gt; &amp; <mark>&quot;&gt;&lt;img src=x&gt;</mark> end");
    }

    [Fact]
    public void ToHtml_UnbalancedMarkers_NoStrayMarkup()
    {
        Snippets.ToHtml("\u0003start \u0002open").ShouldBe("start open");
        Snippets.ToHtml("x\u0002\u0003y").ShouldBe("xy");
    }

    [Fact]
    public void Parse_Markers_RangesIntoPlainText()
    {
        var (text, ranges) = Snippets.Parse("the \u0002cotton\u0003 and \u0002trade\u0003 talks");
        text.ShouldBe("the cotton and trade talks");
        ranges.Select(r => text[r[0]..r[1]]).ShouldBe(["cotton", "trade"]);
    }

    [Fact]
    public void Body_ConsecutiveListItems_OneList()
    {
        var text = "Intro\nfirst\nsecond\nOutro";
        var content = new ProcessedDocument(text,
            [new Block(BlockKind.Heading, new TextSpan(0, 5)), new Block(BlockKind.ListItem, new TextSpan(6, 5)),
             new Block(BlockKind.ListItem, new TextSpan(12, 6)), new Block(BlockKind.Paragraph, new TextSpan(19, 5))],
            new DocumentMetadata(), 4);
        var parts = DocumentView.Body(content);
        parts.Select(p => p.Kind).ShouldBe([BlockKind.Heading, BlockKind.ListItem, BlockKind.Paragraph]);
        parts[1].Items.ShouldBe(["first", "second"]);
        parts[2].Text.ShouldBe("Outro");
    }

    [Fact]
    public void Body_SpanOutsideText_Skipped()
    {
        var content = new ProcessedDocument("short", [new Block(BlockKind.Paragraph, new TextSpan(0, 5)), new Block(BlockKind.Paragraph, new TextSpan(3, 50))], new DocumentMetadata(), 1);
        DocumentView.Body(content).Select(p => p.Text).ShouldBe(["short"]);
    }

    [Fact]
    public void Evidence_SameAsSource_Hidden()
    {
        DocumentView.Evidence(new PublicationDate(DateTimeOffset.UnixEpoch, DateSource.Given, "given")).ShouldBeNull();
        DocumentView.Evidence(new PublicationDate(DateTimeOffset.UnixEpoch, DateSource.TextEstimate, "latest date mentioned: \"3 March\"")).ShouldBe("latest date mentioned: \"3 March\"");
    }
}
