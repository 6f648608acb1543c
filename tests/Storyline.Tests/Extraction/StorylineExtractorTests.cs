using System.Diagnostics;
using System.Text;
using Storyline.Documents;
using Storyline.Extraction;
using Storyline.Pipeline;

namespace Storyline.Tests.Extraction;

public class StorylineExtractorTests
{
    private static readonly StorylineExtractor Extractor = new();

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Extraction", "Fixtures", name));

    private static ExtractedArticle Extract(string html) => Extractor.Extract(html, "https://example.com/story", CancellationToken.None);

    private static string BodyText(ExtractedArticle article) => string.Join("\n", article.Blocks.Select(b => b.Text));

    [Fact]
    public void Extract_NewsPage_DropsNavAdsCommentsAndRelated()
    {
        var text = BodyText(Extract(Fixture("news-article.html")));

        text.ShouldContain("The harbour bridge reopened to traffic on Tuesday morning");
        text.ShouldContain("The mayor thanked residents");
        foreach (var furniture in new[] { "Weather", "Advertisement", "umbrellas", "Share on Facebook", "Related stories", "Council approves", "Reader comment", "Copyright", "Tracking script", "Hidden teaser" })
            text.ShouldNotContain(furniture);
    }

    [Fact]
    public void Extract_NewsPage_KeepsHeadingsAndListsInOrder()
    {
        var blocks = Extract(Fixture("news-article.html")).Blocks;

        var heading = blocks.Single(b => b.Kind == BlockKind.Heading);
        heading.Text.ShouldBe("What changed for drivers");
        var items = blocks.Where(b => b.Kind == BlockKind.ListItem).Select(b => b.Text).ToList();
        items.Count.ShouldBe(2);
        items[0].ShouldStartWith("The speed limit is now");
        var order = blocks.Select(b => b.Text).ToList();
        order.FindIndex(t => t.StartsWith("Engineers replaced", StringComparison.Ordinal)).ShouldBeLessThan(order.IndexOf(heading.Text));
        order.IndexOf(heading.Text).ShouldBeLessThan(order.IndexOf(items[0]));
        order.IndexOf(items[1]).ShouldBeLessThan(order.FindIndex(t => t.StartsWith("The mayor", StringComparison.Ordinal)));
        blocks.ShouldNotContain(b => b.Text == "Harbour bridge reopens after repairs");
    }

    [Fact]
    public void Extract_MetaTags_ReadsTitleAuthorsDatePublisherLanguage()
    {
        var article = Extract(Fixture("news-article.html"));

        article.Title.ShouldBe("Harbour bridge reopens after repairs");
        article.Authors.ShouldBe(["Jane Fixture"]);
        article.Published.ShouldBe(new DateTimeOffset(2024, 3, 5, 9, 30, 0, TimeSpan.Zero));
        article.PublishedEvidence.ShouldNotBeNull();
        article.Publisher.ShouldBe("The Daily Example");
        article.Language.ShouldBe("en");
    }

    [Fact]
    public void Extract_JsonLd_ReadsTitleAuthorsDatePublisher()
    {
        var article = Extract(Fixture("jsonld-article.html"));

        article.Title.ShouldBe("Neue Bibliothek eröffnet im Stadtzentrum");
        article.Authors.ShouldBe(["Anna Beispiel", "Max Muster"]);
        article.Published.ShouldBe(new DateTimeOffset(2023, 11, 20, 14, 0, 0, TimeSpan.FromHours(1)));
        article.Publisher.ShouldBe("Beispiel Zeitung");
        article.Language.ShouldBe("de");
        article.Blocks.Count.ShouldBe(3);
        BodyText(article).ShouldNotContain("Kultur");
    }

    [Fact]
    public void Extract_Figure_CaptionKeptOutOfBody()
    {
        var article = Extract(Fixture("news-article.html"));

        BodyText(article).ShouldNotContain("Workers remove the last barriers");
        article.Captions.ShouldContain(c => c.StartsWith("Workers remove the last barriers", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_PageWithoutArticle_ReturnsNoBlocks()
    {
        Extract(Fixture("no-article.html")).Blocks.ShouldBeEmpty();
    }

    [Fact]
    public void Process_PageWithoutArticle_RejectsInput()
    {
        var html = Fixture("no-article.html");
        var input = new RawInput("no-article.html", null, "text/html", Encoding.UTF8.GetBytes(html), DateTimeOffset.UnixEpoch, InputHints.None);
        var context = new DocumentContext(input, TimeProvider.System) { DecodedText = html };

        Should.Throw<InputRejectedException>(() => new HtmlExtractionStage(new HtmlExtractionOptions()).Process(context, CancellationToken.None));
    }

    [Fact]
    public void Process_NewsPage_FillsContextWithBodyAndCaptions()
    {
        var html = Fixture("news-article.html");
        var input = new RawInput("news-article.html", null, "text/html", Encoding.UTF8.GetBytes(html), DateTimeOffset.UnixEpoch, InputHints.None);
        var context = new DocumentContext(input, TimeProvider.System) { DecodedText = html };

        new HtmlExtractionStage(new HtmlExtractionOptions()).Process(context, CancellationToken.None);

        context.Blocks.ShouldNotBeEmpty();
        context.Captions.ShouldNotBeEmpty();
        context.Title.ShouldBe("Harbour bridge reopens after repairs");
    }

    [Theory]
    [InlineData("<html><body><div><p>Unclosed paragraph <b>bold <i>both</b> text<div></span></p></table>")]
    [InlineData("<p>Text without any html or body element at all, which browsers accept.")]
    [InlineData("</div></div><script>unterminated")]
    [InlineData("")]
    [InlineData("<html><head><script type=\"application/ld+json\">{ \"@type\": \"NewsArticle\", \"author\": [ broken json </script></head><body><p>x</p></body></html>")]
    public void Extract_MalformedHtml_DoesNotThrow(string html)
    {
        Should.NotThrow(() => Extract(html));
    }

    [Fact]
    public void Extract_RandomGarbage_NeverThrowsOrHangs()
    {
        var random = new Random(20240305);
        string[] pieces = ["<div>", "</div>", "<p class=\"article-body\">", "</p>", "<a href=x>", "</a>", "<script>", "</script>", "<!--", "-->", "<br>",
            "<table><tr><td>", "&amp;", "&#x0;", "<figure>", "<h2>", "<li>", "<nav>", "\"", "<", ">", "=", " words and more words, ", "\uD800", "\u0000", "é", "\n"];
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < 300; i++)
        {
            var sb = new StringBuilder();
            int length = random.Next(0, 400);
            for (int j = 0; j < length; j++)
            {
                if (random.Next(3) == 0) sb.Append((char)random.Next(0, 0x3000));
                else sb.Append(pieces[random.Next(pieces.Length)]);
            }
            var html = sb.ToString();
            Should.NotThrow(() => Extract(html), $"input #{i}");
        }
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    private static string Prose(string topic, int count) => string.Concat(Enumerable.Range(1, count).Select(i =>
        $"<p>Paragraph {i} about {topic} goes on for a while, with enough plain words in it to read like the body of a real news story.</p>\n"));

    [Fact]
    public void Extract_PaywallWrapperHoldingProse_KeepsTheRestOfTheArticle()
    {
        var html = "<html><body><nav><a href=/>Home</a></nav><article><h1>Store results</h1>"
            + "<p>Shares of the retailer fell on Tuesday after the company cut its sales forecast for the full year, analysts said.</p>"
            + "<div class=\"paywall\">" + Prose("the quarter", 4) + "</div></article>"
            + "<div class=\"paywall-prompt\"><p>Subscribe now to keep reading.</p></div></body></html>";

        var text = BodyText(Extract(html));

        text.ShouldContain("Shares of the retailer fell");
        text.ShouldContain("Paragraph 4 about the quarter");
        text.ShouldNotContain("Subscribe now");
    }

    [Fact]
    public void Extract_PaywallWrapperHoldingPrompt_IsDropped()
    {
        var html = "<html><body><article>" + Prose("the harbour", 5)
            + "<div class=\"paywall\"><p>Already a subscriber? Sign in to read this article.</p><p><a href=/subscribe>Subscribe for one dollar a week and read everything we publish today.</a></p></div>"
            + "</article></body></html>";

        var text = BodyText(Extract(html));

        text.ShouldContain("Paragraph 5 about the harbour");
        text.ShouldNotContain("Already a subscriber");
    }

    [Fact]
    public void Extract_SectionAfterBodyOpeningWithRule_IsLeftOut()
    {
        var html = "<html><body><div class=\"release\">"
            + "<div class=\"text part\"><div>" + Prose("the partnership", 6) + "</div></div>"
            + "<div class=\"text part\"><div><hr><p>Example Corp is a global provider of widgets, founded in 1901, with offices in twelve countries and three thousand staff.</p>"
            + "<p>Example Corp shares are listed on the stock exchange, and the company reports its results every quarter of the year.</p></div></div>"
            + "</div></body></html>";

        var text = BodyText(Extract(html));

        text.ShouldContain("Paragraph 6 about the partnership");
        text.ShouldNotContain("Example Corp is a global provider");
    }

    [Fact]
    public void Extract_SplitBodyWithRuleInside_KeepsBothParts()
    {
        var html = "<html><body><div class=\"story\">"
            + "<div class=\"text part\">" + Prose("the first half", 5) + "</div>"
            + "<div class=\"text part\"><p>The second half of the story starts here with a full sentence of its own for the reader.</p><hr>" + Prose("the second half", 4) + "</div>"
            + "</div></body></html>";

        var text = BodyText(Extract(html));

        text.ShouldContain("Paragraph 5 about the first half");
        text.ShouldContain("Paragraph 4 about the second half");
    }

    [Theory]
    [InlineData("<p>a</p><script>var x = '<p>not text</p>';</script><p>b</p>", "<p>a</p><p>b</p>")]
    [InlineData("<p>a</p><SCRIPT type=\"text/javascript\">x()</Script ><p>b</p>", "<p>a</p><p>b</p>")]
    [InlineData("<style>p { color: red }</style><svg viewBox=\"0 0 1 1\"><path d=\"M0\"/></svg><p>a</p>", "<p>a</p>")]
    [InlineData("<p>a</p><script>never closed <p>b</p>", "<p>a</p>")]
    [InlineData("<p>a</p><section>s</section><span>t</span><scripts>u</scripts>", "<p>a</p><section>s</section><span>t</span><scripts>u</scripts>")]
    [InlineData("<p>a</p><s>struck</s><strong>b</strong>", "<p>a</p><s>struck</s><strong>b</strong>")]
    public void StripUnreadElements_CutsScriptsStylesAndSvgOnly(string html, string expected)
    {
        StorylineExtractor.StripUnreadElements(html).ShouldBe(expected);
    }

    [Fact]
    public void Extract_JsonLdStillReadAfterScriptsAreCut()
    {
        var html = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Stated headline\",\"author\":{\"name\":\"Ann Writer\"}}</script></head>"
            + "<body><article>" + Prose("the council", 4) + "</article></body></html>";

        var article = Extract(html);

        article.Authors.ShouldBe(["Ann Writer"]);
        BodyText(article).ShouldContain("Paragraph 4 about the council");
    }

    [Fact]
    public void Extract_RunOfOneParagraphSiblingsBeforeBody_IsKept()
    {
        var html = "<html><body><section class=\"body-text\"><div class=\"container\">"
            + "<div class=\"lead\"><p>The first paragraph of the story sits in its own wrapper, a sentence long enough to count.</p></div>"
            + "<div class=\"para\">You should not just believe them.</div>"
            + "<div class=\"para\">Which is not to say that the news was not routine, only that nobody explained it at the time.</div>"
            + "<div class=\"read-all\">" + Prose("the rest", 8) + "</div>"
            + "</div></section></body></html>";

        var text = BodyText(Extract(html));

        text.ShouldContain("The first paragraph of the story");
        text.ShouldContain("You should not just believe them.");
        text.ShouldContain("Paragraph 8 about the rest");
    }

    [Fact]
    public void Extract_LoneOneParagraphSiblingBeforeBody_IsLeftOut()
    {
        var html = "<html><body><div class=\"container\">"
            + "<div class=\"intro\">An artist's illustration of a plume of water vapour rising from the moon.</div>"
            + "<div class=\"article-body\">" + Prose("the moon", 8) + "</div>"
            + "</div></body></html>";

        var text = BodyText(Extract(html));

        text.ShouldContain("Paragraph 8 about the moon");
        text.ShouldNotContain("An artist's illustration");
    }

    [Fact]
    public void Extract_DeeplyNested_DoesNotOverflow()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 20000)) + "<p>Deep text, far down the tree, is still a paragraph of some length to read.</p>";

        Should.NotThrow(() => Extract(html));
    }

    // Furniture is marked, not removed: the parsed page stays whole, and the readers skip what was pruned.
    [Fact]
    public void BodyExtract_FurnitureAndHiddenTable_LeavesTheDocumentWholeAndSkipsThem()
    {
        var prose = string.Concat(Enumerable.Range(1, 4).Select(i => $"<p>Paragraph {i} of the report says the council agreed on the budget after a long debate on Tuesday.</p>"));
        var html = $"<html><body><nav><a href='/'>Home</a></nav><div class='story'>{prose}<table><tr><td hidden>x</td><td>a</td></tr></table></div><aside class='related'>Related stories</aside></body></html>";
        var document = new AngleSharp.Html.Parser.HtmlParser(StorylineExtractor.ParserOptions).ParseDocument(html);
        int before = document.All.Length;

        var text = string.Join("\n", BodyExtractor.Extract(document, useClassHints: true, CancellationToken.None).Blocks.Select(b => b.Text));

        document.All.Length.ShouldBe(before);
        text.ShouldContain("Paragraph 4 of the report");
        text.ShouldNotContain("Home");
        text.ShouldNotContain("Related stories");
    }
}
