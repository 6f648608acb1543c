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
