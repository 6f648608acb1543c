using System.Diagnostics;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Storyline.Extraction;

namespace Storyline.Tests.Extraction;

public class NestingLimiterTests
{
    private static readonly string Article = string.Concat(Enumerable.Range(1, 6).Select(i =>
        $"<p>In session {i}, the council debated the housing plan for hours, and member {i} argued that the costs had been underestimated.</p>"));

    private static int Depth(INode root)
    {
        // Iterative: the point is that the tree may be deep.
        int max = 0;
        var stack = new Stack<(INode Node, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            max = Math.Max(max, depth);
            foreach (var child in node.ChildNodes) if (child is IElement) stack.Push((child, depth + 1));
        }
        return max;
    }

    [Fact]
    public void Limit_OrdinaryPage_ReturnsTheSameString()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div class=\"x\"><p>Some <b>bold</b> text.</p></div>", 400)) + "</body></html>";
        NestingLimiter.Limit(html, default).ShouldBeSameAs(html);
    }

    [Theory]
    [InlineData("<p>Paragraph without an end tag ")]
    [InlineData("<ul><li>item without an end tag </ul>")]
    [InlineData("<table><tr><td>cell <td>cell </table>")]
    [InlineData("<dl><dt>term <dd>definition </dl>")]
    [InlineData("<div>block <br> line <img src=x> <input value='a>b'> </div>")]
    [InlineData("<!-- <div><div><div> --><script>if (a <b) {}</script><title><div></title>")]
    public void Limit_ManyElementsImplicitlyClosedOrVoid_Unchanged(string unit)
    {
        var html = "<body>" + string.Concat(Enumerable.Repeat(unit, 2000)) + "</body>";
        NestingLimiter.Limit(html, default).ShouldBeSameAs(html);
    }

    [Theory]
    [InlineData("<div>", "</div>")]
    [InlineData("<div><span><b>", "")]
    [InlineData("<blockquote><p>", "")]
    public void Limit_HundredThousandDeep_DepthCappedAndTextKept(string open, string close)
    {
        const int n = 100_000;
        var html = "<html><body>" + string.Concat(Enumerable.Repeat(open, n)) + "<p>The deepest sentence survives.</p>"
            + string.Concat(Enumerable.Repeat(close, n)) + "<p>After the nest.</p></body></html>";
        var limited = NestingLimiter.Limit(html, default);
        var document = new HtmlParser().ParseDocument(limited);
        Depth(document).ShouldBeLessThanOrEqualTo(NestingLimiter.MaxDepth + 4);
        document.Body!.TextContent.ShouldContain("The deepest sentence survives.");
        document.Body.TextContent.ShouldContain("After the nest.");
    }

    [Fact]
    public void Limit_DeepAttributeWithQuotedBracket_TagNotSplit()
    {
        var html = string.Concat(Enumerable.Repeat("<div title=\"a > b\">", 1000)) + "text";
        // A tag split at the quoted '>' would leave ' b">' in the text.
        new HtmlParser().ParseDocument(NestingLimiter.Limit(html, default)).Body!.TextContent.ShouldBe("text");
    }

    [Fact]
    public void Extract_TwentyThousandDeepUnclosedTagsBeforeArticle_FastAndFindsArticle()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div><span><b>", 20_000)) + Article + "</body></html>";
        var stopwatch = Stopwatch.StartNew();
        var article = new StorylineExtractor().Extract(html, null, default);
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        string.Join("\n", article.Blocks.Select(b => b.Text)).ShouldContain("member 6 argued");
    }

    [Fact]
    public void Extract_CancelledToken_Throws()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div><span><b>", 20_000)) + Article + "</body></html>";
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Should.Throw<OperationCanceledException>(() => new StorylineExtractor().Extract(html, null, cancelled.Token));
    }

    [Fact]
    public void Extract_ManyJsonLdMarkersWithoutTags_Fast()
    {
        var html = "<html><body>" + Article + "<p>" + new StringBuilder().Insert(0, "ld+json ", 200_000) + "</p></body></html>";
        var stopwatch = Stopwatch.StartNew();
        new StorylineExtractor().Extract(html, null, default).Blocks.ShouldNotBeEmpty();
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }
}
