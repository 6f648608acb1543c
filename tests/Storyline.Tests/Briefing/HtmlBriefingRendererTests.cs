using System.Text;
using AngleSharp.Html.Parser;
using Storyline.Briefing;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Tests.Briefing;

public class HtmlBriefingRendererTests
{
    private static readonly string Golden = Path.Combine(AppContext.BaseDirectory, "Briefing", "Golden");

    // The elements and attributes the renderer itself writes: anything else in a page came from an article.
    private static readonly HashSet<string> OwnElements = ["html", "head", "meta", "title", "style", "body", "article", "h1", "h2", "p", "section", "ul", "ol", "li", "sup", "a", "cite", "span", "blockquote"];
    private static readonly HashSet<string> OwnAttributes = ["lang", "charset", "http-equiv", "content", "name", "class", "href", "id", "rel"];

    private static StoryBriefing Small()
    {
        const string one = "The United States imposed sanctions on four officials in Xinjiang on Thursday, the Treasury said. Analysts said it would strain ties.";
        const string two = "China said on Friday it would take reciprocal action against American institutions & companies.";
        static Citation C(long doc, string text, string sentence) => new(doc, new TextSpan(text.IndexOf(sentence, StringComparison.Ordinal), sentence.Length));
        var first = C(1, one, "The United States imposed sanctions on four officials in Xinjiang on Thursday, the Treasury said.");
        var strain = C(1, one, "Analysts said it would strain ties.");
        var reply = C(2, two, two);
        return new StoryBriefing(7, "China vows \"reciprocal\" action",
            new BriefingSentence("China said on Friday it would take reciprocal action against American institutions & companies.", [reply]),
            [
                new(SectionTitles.ExecutiveSummary, [new("China said on Friday it would take reciprocal action against American institutions & companies.", [reply])], Bulleted: true),
                new(SectionTitles.StorySoFar, [new("The United States imposed sanctions on four officials in Xinjiang on Thursday, the Treasury said.", [first])], Bulleted: true),
                new(SectionTitles.WhyThisMatters, [new("Analysts said it would strain ties.", [strain, first])], Bulleted: false),
                new(SectionTitles.WhoThinksWhat, [], Bulleted: true),
            ],
            new Dictionary<long, SourceInfo>
            {
                [1] = new(1, "Washington sanctions Xinjiang officials", "Reuters", new DateTimeOffset(2020, 7, 10, 0, 0, 0, TimeSpan.Zero), false, "https://example.com/a?x=1&y=2", one),
                [2] = new(2, "China vows reciprocal action", null, new DateTimeOffset(2020, 7, 1, 0, 0, 0, TimeSpan.Zero), true, null, two),
            });
    }

    [Fact]
    public void Render_SmallBriefing_MatchesGoldenFile()
    {
        var html = HtmlBriefingRenderer.Render(Small());
        var path = Path.Combine(Golden, "small-briefing.expected.html");
        if (Environment.GetEnvironmentVariable("STORYLINE_UPDATE_GOLDEN") == "1")
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Briefing", "Golden", "small-briefing.expected.html"), html);
        html.ReplaceLineEndings("\n").ShouldBe(File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Render_SmallBriefing_EveryCitationLinksToAQuotedSource()
    {
        var document = new HtmlParser().ParseDocument(HtmlBriefingRenderer.Render(Small()));
        var links = document.QuerySelectorAll("sup a").Select(a => a.GetAttribute("href")!).ToList();
        links.ShouldNotBeEmpty();
        foreach (var link in links)
        {
            var note = document.GetElementById(link.TrimStart('#'));
            note.ShouldNotBeNull();
            note.QuerySelector("blockquote").ShouldNotBeNull();
        }
        document.QuerySelectorAll("h2").Select(h => h.TextContent).ShouldBe([SectionTitles.ExecutiveSummary, SectionTitles.StorySoFar, SectionTitles.WhyThisMatters, SectionTitles.WhoThinksWhat, "Sources"]);
        document.QuerySelectorAll("script").ShouldBeEmpty();
        document.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content")!.ShouldStartWith("default-src 'none'");
    }

    private const string Hostile = "<script>alert(1)</script><img src=x onerror=\"alert(2)\"><a href=\"javascript:alert(3)\">click</a>";

    [Fact]
    public void Render_HostileArticle_NoElementOrAttributeFromItSurvives()
    {
        var text = $"Officials in Xinjiang {Hostile} were sanctioned on Thursday, the Treasury Department said in a statement.\n\n" +
                   $"Analysts said the move {Hostile} was likely to strain relations between Washington and Beijing further.";
        var input = new RawInput("javascript:alert(4)", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch,
            new InputHints(Title: "Sanctions " + Hostile, Source: "<svg onload=alert(5)>Publisher</svg>", Published: new DateTimeOffset(2020, 7, 10, 0, 0, 0, TimeSpan.Zero)));
        var stored = new StoredDocument(1, input.Name, "javascript:alert(6)", DocumentPipeline.CreateDefault().Process(input), null, DateTimeOffset.UnixEpoch);
        var briefing = new ExtractiveBriefingWriter().Write(1, [AnalysedDocument.Analyse(stored, 1)], []);
        // Whatever the pipeline kept or cleaned away, the renderer also gets hostile strings in every field directly.
        briefing = briefing with
        {
            Headline = Hostile,
            Sources = briefing.Sources.ToDictionary(kv => kv.Key, kv => kv.Value with { Title = Hostile, Publisher = "<b onmouseover=alert(7)>x</b>", Url = "javascript:alert(8)", Text = kv.Value.Text }),
        };

        var html = HtmlBriefingRenderer.Render(briefing);
        var document = new HtmlParser().ParseDocument(html);
        var elements = document.All.ToList();
        elements.Select(e => e.LocalName).Distinct().Where(n => !OwnElements.Contains(n)).ShouldBeEmpty();
        elements.SelectMany(e => e.Attributes).Select(a => a.Name).Distinct().Where(n => !OwnAttributes.Contains(n)).ShouldBeEmpty();
        elements.SelectMany(e => e.Attributes).Where(a => a.Name == "href")
            .ShouldAllBe(a => a.Value.StartsWith('#') || a.Value.StartsWith("https://", StringComparison.Ordinal) || a.Value.StartsWith("http://", StringComparison.Ordinal));
        document.QuerySelectorAll("script, img, svg, b").ShouldBeEmpty();
        // The hostile markup is shown as text, not dropped.
        document.QuerySelector("h1")!.TextContent.ShouldBe(Hostile);
        document.Title.ShouldBe(Hostile);
    }

    [Theory]
    [InlineData("javascript:alert(1)", null)]
    [InlineData(" JaVaScRiPt:alert(1)", null)]
    [InlineData("data:text/html,<script>alert(1)</script>", null)]
    [InlineData("/relative/path", null)]
    [InlineData("https://example.com/a?b=1", "https://example.com/a?b=1")]
    public void SafeLink_Address_OnlyHttpAndHttpsLinked(string url, string? expected) =>
        HtmlBriefingRenderer.SafeLink(url).ShouldBe(expected);
}
