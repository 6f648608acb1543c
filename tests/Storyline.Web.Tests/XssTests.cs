using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Storyline.Web.Tests;

/// <summary>Article text and metadata are untrusted: whatever markup they carry must reach every page as text, never as markup.</summary>
public class XssTests : IDisposable
{
    public const string Breakout = "\"><img src=x onerror=alert(1)>";

    private readonly WebHost _host = new();

    public static string HostileText =>
        $"Cotton talks <script>alert('title')</script> collapse {Breakout}\n\n" +
        $"Officials discussed cotton sanctions at length <script>alert(document.cookie)</script> on Tuesday, according to people present {Breakout} at the meeting.\n\n" +
        "Read <a href=\"javascript:alert(1)\">the full cotton report</a> and <img src=x onerror=alert(2)> the <svg onload=alert(3)> annex <iframe src=\"javascript:alert(4)\"></iframe> today.\n\n" +
        "A third paragraph about cotton with a <div onmouseover=\"alert(5)\">hover trap</div> and ' onfocus='alert(6)' autofocus=' quotes.";

    public static string HostileHtml =>
        "<html><head><title>Cotton &lt;script&gt;alert(7)&lt;/script&gt; " + System.Net.WebUtility.HtmlEncode(Breakout) + "</title>" +
        "<meta name=\"author\" content=\"" + System.Net.WebUtility.HtmlEncode(Breakout) + "\"><script>alert(8)</script></head><body><article><h1>Cotton " +
        System.Net.WebUtility.HtmlEncode(Breakout) + "</h1>" +
        string.Concat(Enumerable.Range(1, 6).Select(i => $"<p onclick=\"alert(9)\">In session {i}, the council debated cotton &lt;script&gt;alert({i})&lt;/script&gt; rules for hours, and <a href=\"javascript:alert(10)\">member {i}</a> argued that costs {System.Net.WebUtility.HtmlEncode(Breakout)} were underestimated by the planning office.</p>")) +
        "<figure><img src=x onerror=alert(11)><figcaption>Caption " + System.Net.WebUtility.HtmlEncode(Breakout) + "</figcaption></figure></article></body></html>";

    [Fact]
    public async Task HostileArticle_EveryPage_ShowsPayloadAsTextOnly()
    {
        var api = _host.KeyedClient();
        var pasted = await _host.AddTextAsync(HostileText, title: "Cotton " + Breakout + "<script>alert(12)</script>", source: "<b onmouseover=alert(13)>Wire</b>" + Breakout, published: "2020-07-10");
        var response = await api.PostAsJsonAsync("/api/ingest", new { records = new object[] { new { html = HostileHtml, url = "javascript:alert(14)//", source = Breakout } } });
        var fromHtml = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("results")[0];
        fromHtml.GetProperty("status").GetString().ShouldBe("ingested", fromHtml.ToString());

        var client = _host.CreateClient();
        var pages = new Dictionary<string, IDocument>
        {
            ["documents"] = await Forms.Page(client, "/documents"),
            ["pasted document"] = await Forms.Page(client, $"/documents/{pasted}"),
            ["html document"] = await Forms.Page(client, $"/documents/{fromHtml.GetProperty("document_id").GetInt64()}"),
            ["search"] = await Forms.Page(client, "/search?q=cotton"),
            ["search for the payload"] = await Forms.Page(client, "/search?q=" + Uri.EscapeDataString(Breakout + "<script>alert(15)</script>")),
        };
        foreach (var (where, page) in pages) Markup.ShouldHaveNoInjectedMarkup(page, where);

        // Not vacuous: the payloads are on the pages, as text.
        pages["pasted document"].QuerySelector("div.body")!.TextContent.ShouldContain("<script>alert(document.cookie)</script>");
        pages["pasted document"].QuerySelector("aside.metadata")!.TextContent.ShouldContain(Breakout);
        pages["html document"].QuerySelector("div.body")!.TextContent.ShouldContain("<script>alert(1)</script>");
        pages["html document"].QuerySelector("aside.metadata")!.TextContent.ShouldContain("javascript:alert(14)//");
        pages["documents"].QuerySelector("table.documents")!.TextContent.ShouldContain(Breakout);
        pages["search"].QuerySelectorAll("ol.hits li").Length.ShouldBe(2);
        pages["search"].QuerySelectorAll("mark").Length.ShouldBeGreaterThan(0);
        pages["search for the payload"].QuerySelector("input[name=q]")!.GetAttribute("value").ShouldBe(Breakout + "<script>alert(15)</script>");
    }

    /// <summary>An article whose quotes, speaker roles, title and source carry payloads, so they reach the story, person and statement views.</summary>
    public static string HostileQuotes =>
        "Cotton sanctions <script>alert(20)</script> divide ministers\n\n" +
        $"\"The cotton sanctions <script>alert(21)</script> will ruin exporters {Breakout},\" said Maria Lopez, a spokeswoman for the <b onmouseover=alert(22)>Cotton Growers Association</b>, on 3 March 2021.\n\n" +
        $"Trade minister John Baker said on 4 March 2021 that the government would keep the cotton sanctions <a href=\"javascript:alert(23)\">in place</a> {Breakout} this season.\n\n" +
        "\"We will not <img src=x onerror=alert(24)> back down on cotton,\" Baker told reporters in the capital on Friday, according to people present.";

    [Fact]
    public async Task HostileArticle_StoryPersonPeopleSearchAndQuotedDocument_PayloadAsTextOnly()
    {
        var id = await _host.AddTextAsync(HostileQuotes, title: "Cotton " + Breakout + "<script>alert(25)</script>", source: "<i onclick=alert(26)>Wire</i>" + Breakout, published: "2021-03-05");
        await _host.AddTextAsync(HostileText, title: "Cotton talks " + Breakout, source: Breakout, published: "2021-03-06");
        var client = _host.CreateClient();
        var api = await client.GetStringAsync("/api/stories");
        var story = JsonDocument.Parse(api).RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).First();
        var speakers = JsonDocument.Parse(await client.GetStringAsync("/api/speakers")).RootElement;
        speakers.GetArrayLength().ShouldBeGreaterThan(0, "the hostile article must yield statements for this test to mean anything");
        var speaker = speakers[0].GetProperty("speaker").GetString()!;
        var camp = speakers[0].GetProperty("camp").GetString()!;
        var payload = Uri.EscapeDataString(Breakout + "<script>alert(27)</script>");
        var text = JsonDocument.Parse(await client.GetStringAsync($"/api/documents/{id}")).RootElement.GetProperty("text").GetString()!;
        var at = text.IndexOf("<img src=x onerror=alert(24)>", StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0);

        var pages = new Dictionary<string, IDocument>
        {
            ["stories"] = await Forms.Page(client, "/"),
            ["story"] = await Forms.Page(client, $"/stories/{story}"),
            ["people"] = await Forms.Page(client, "/people"),
            ["person"] = await Forms.Page(client, "/person?name=" + Uri.EscapeDataString(speaker)),
            ["person named by the payload"] = await Forms.Page(client, "/person?name=" + payload),
            ["statement search"] = await Forms.Page(client, "/search?q=cotton&camp=" + Uri.EscapeDataString(camp)),
            ["speaker search"] = await Forms.Page(client, "/search?speaker=" + Uri.EscapeDataString(speaker)),
            ["search with payload filters"] = await Forms.Page(client, $"/search?speaker={payload}&camp={payload}&q={payload}"),
            ["quoted document"] = await Forms.Page(client, $"/documents/{id}"),
            ["quoted document at a citation"] = await Forms.Page(client, $"/documents/{id}?start={at - 8}&end={at + 40}#cite"),
        };
        foreach (var (where, page) in pages) Markup.ShouldHaveNoInjectedMarkup(page, where);

        // Not vacuous: the payloads are on the pages, as text, inside the app's own marks.
        // Which payload lands inside a statement depends on where attribution ends the contents (the breakout's stray quotation
        // mark misleads it); one of them does, and so is quoted on the pages as text.
        var quotes = pages["quoted document"].QuerySelectorAll("div.body q.quote").Select(q => q.TextContent).ToList();
        quotes.ShouldContain(t => t.Contains("<img src=x onerror=alert(24)>") || t.Contains("javascript:alert(23)"), string.Join(" | ", quotes));
        pages["quoted document"].QuerySelector("div.body")!.TextContent.ShouldContain("<a href=\"javascript:alert(23)\">");
        pages["quoted document at a citation"].QuerySelector("mark#cite")!.TextContent.ShouldContain("<img src=x onerror=alert(24)>");
        pages["story"].QuerySelector("article.story")!.TextContent.ShouldContain(Breakout);
        pages["story"].QuerySelector("table.who")!.TextContent.ShouldMatch(@"<img src=x onerror=alert\(24\)>|javascript:alert\(23\)");
        pages["stories"].QuerySelector("table.stories")!.TextContent.ShouldContain("Cotton");
        pages["person"].QuerySelector("ol.person-statements")!.TextContent.ShouldMatch(@"<img src=x onerror=alert\(24\)>|javascript:alert\(23\)");
        pages["person named by the payload"].QuerySelector("p.empty")!.TextContent.ShouldContain("<script>alert(27)</script>");
        pages["statement search"].QuerySelector("section.statement-hits")!.TextContent.ShouldMatch(@"<img src=x onerror=alert\(24\)>|javascript:alert\(23\)");
        pages["search with payload filters"].QuerySelector("input[name=speaker]")!.GetAttribute("value").ShouldBe(Breakout + "<script>alert(27)</script>");
        // The strict policy is unchanged on the new pages.
        foreach (var path in new[] { "/", $"/stories/{story}", "/people", "/person?name=x", "/search?speaker=x" })
        {
            var csp = (await client.GetAsync(path)).Headers.GetValues("Content-Security-Policy").Single();
            csp.ShouldContain("script-src 'self'");
            csp.ShouldNotContain("unsafe-inline");
        }
    }

    [Fact]
    public void Pages_HtmlRaw_OnlyOnEncodedSnippets()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "src", "Storyline.Web", "Pages"))) dir = dir.Parent;
        dir.ShouldNotBeNull("src/Storyline.Web/Pages not found above the test output");
        var pages = Directory.EnumerateFiles(Path.Combine(dir.FullName, "src", "Storyline.Web", "Pages"), "*.cshtml", SearchOption.AllDirectories).ToList();
        pages.Count.ShouldBeGreaterThan(8);
        foreach (var page in pages)
        {
            foreach (var line in File.ReadLines(page).Where(l => l.Contains("Html.Raw(", StringComparison.Ordinal)))
                // Snippets.ToHtml encodes every character of the article before adding its own <mark>; nothing else may bypass encoding.
                line.ShouldContain("Html.Raw(Snippets.ToHtml(", customMessage: $"{Path.GetFileName(page)}: {line.Trim()}");
        }
    }

    [Fact]
    public async Task HostilePaste_AddResultsPage_ShowsPayloadAsTextOnly()
    {
        var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await Forms.SignIn(client, WebHost.Key);
        var response = await Forms.Paste(client, HostileText, title: Breakout, source: Breakout, published: "2020-07-10");
        var page = await Forms.Parse(response);
        Markup.ShouldHaveNoInjectedMarkup(page, "add results");
        page.QuerySelector("section.results")!.TextContent.ShouldContain("added");
    }

    public void Dispose() => _host.Dispose();
}
