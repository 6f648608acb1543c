using AngleSharp.Html.Parser;
using Storyline.Extraction;

namespace Storyline.Tests.Extraction;

public class PageMetadataTests
{
    private static PageMetadata Read(string head, string body)
    {
        var html = $"<html><head>{head}</head><body>{body}</body></html>";
        return PageMetadata.Read(html, new HtmlParser(StorylineExtractor.ParserOptions).ParseDocument(StorylineExtractor.StripUnreadElements(html)));
    }

    [Fact]
    public void Read_JsonLdGraphWithSeveralPersons_ReadsEveryAuthor()
    {
        var head = """
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"Bridge"},
            {"@type":"NewsArticle","headline":"Bridge reopens","author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"By John Smith"}]}]}</script>
            """;
        Read(head, "<h1>Bridge reopens</h1>").Authors.ShouldBe(["Jane Doe", "John Smith"]);
    }

    [Fact]
    public void Read_CmsBylineWithRolesAndDate_KeepsOnlyTheNames() =>
        Read("", "<h1>Bridge reopens after repairs</h1><div class=\"byline\">By <a href=\"/a/jd\">Jane Doe</a> and <a href=\"/a/js\">John Smith</a>, Staff Writers | Updated May 5, 2020</div>")
            .Authors.ShouldBe(["Jane Doe", "John Smith"]);

    [Theory]
    [InlineData("Von Anna Beispiel und Max Muster", new[] { "Anna Beispiel", "Max Muster" })]
    [InlineData("Par Marie Dupont et Luc Martin", new[] { "Marie Dupont", "Luc Martin" })]
    [InlineData("Por Ana García y Luis Pérez", new[] { "Ana García", "Luis Pérez" })]
    [InlineData("Jane Doe (Senior Correspondent)", new[] { "Jane Doe" })]
    [InlineData("Jane Doe, Political Editor", new[] { "Jane Doe" })]
    [InlineData("Written by: Jane Doe", new[] { "Jane Doe" })]
    [InlineData("admin", new string[0])]
    [InlineData("https://www.facebook.com/janedoe", new string[0])]
    public void Read_MetaAuthor_SplitsAuthorsWithoutPrefixOrRole(string content, string[] expected) =>
        Read($"<meta name=\"author\" content=\"{content}\">", "<h1>Bridge reopens after repairs</h1>").Authors.ShouldBe(expected);

    [Fact]
    public void Read_DeclaredAuthor_IgnoresCmsByline() =>
        Read("<meta name=\"author\" content=\"Jane Doe\">", "<span class=\"author\">Posted by Webmaster Team</span>").Authors.ShouldBe(["Jane Doe"]);

    [Theory]
    [InlineData("Bridge reopens after repairs | Local News | The Daily Example", "Bridge reopens after repairs")]
    [InlineData("The Daily Example: Bridge reopens after repairs", "Bridge reopens after repairs")]
    [InlineData("Local | Bridge reopens after repairs | The Daily Example", "Bridge reopens after repairs")]
    public void Read_TitleWithSiteSegmentsAndMatchingH1_TakesTheHeadline(string title, string expected) =>
        Read($"<title>{title}</title>", "<h1>Bridge reopens after repairs</h1>").Title.ShouldBe(expected);

    [Fact]
    public void Read_TitleWithSeveralSuffixesAndNoH1_StripsEachShortSuffix() =>
        Read("<title>Council agrees new budget for the harbour - Local - Daily Example</title>", "<p>Text</p>").Title.ShouldBe("Council agrees new budget for the harbour");

    [Fact]
    public void Read_HeadlineWithDash_KeepsIt() =>
        Read("<title>Bridge reopens - and the city celebrates with a parade</title>", "<p>Text</p>").Title.ShouldBe("Bridge reopens - and the city celebrates with a parade");
}
