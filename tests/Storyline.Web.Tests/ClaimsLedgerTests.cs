using System.Net;
using System.Text.Json;
using Storyline.Claims;
using Storyline.Storage.Sqlite;

namespace Storyline.Web.Tests;

/// <summary>The claims ledger as the API and the story page read it from the store.</summary>
public sealed class ClaimsLedgerTests : IDisposable
{
    private readonly WebHost _host = new();

    public void Dispose() => _host.Dispose();

    private async Task<(long Story, long Document)> StoryWithLedgerAsync(IReadOnlyList<LedgerClaim>? claims = null)
    {
        var document = await _host.AddTextAsync(WebHost.Article("cotton"), source: "Example Times", published: "2020-07-10");
        await using var store = await SqliteDocumentStore.OpenAsync(_host.Store);
        var story = (await store.ListStoriesAsync()).Single().Id;
        var published = new DateTimeOffset(2020, 7, 10, 0, 0, 0, TimeSpan.Zero);
        claims ??= [
            new LedgerClaim(1, "Cotton workers <script>alert(1)</script> are forced", published, true, 3, [
                new LedgerStatement(document, "Analyst", "researcher", "Independent experts", StanceLabels.Asserts, "workers were coerced", 0, 10, published),
                new LedgerStatement(document, "Zhao Lijian", "spokesman", "Chinese government", StanceLabels.Denies, "they work <b>voluntarily</b>", 11, 20, published)]),
            new LedgerClaim(2, "Sanctions hurt jobs", published, false, 1, [
                new LedgerStatement(document, "Chen Weijun", null, "Chinese government", StanceLabels.Asserts, "fewer jobs", 21, 30, published)]),
        ];
        await store.SaveClaimsAsync(new StoryClaims(story, claims, 1, "test"));
        return (story, document);
    }

    [Fact]
    public async Task GetClaims_StoredLedger_ReturnsItInTheCliContract()
    {
        var (story, document) = await StoryWithLedgerAsync();
        var response = await _host.CreateClient().GetAsync($"/api/stories/{story}/claims");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var claims = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        claims.GetArrayLength().ShouldBe(2);
        var first = claims[0];
        first.GetProperty("id").GetInt32().ShouldBe(1);
        first.GetProperty("contested").GetBoolean().ShouldBeTrue();
        first.GetProperty("first_seen").GetString()!.ShouldStartWith("2020-07-10");
        var statement = first.GetProperty("statements")[1];
        statement.GetProperty("document").GetInt64().ShouldBe(document);
        statement.GetProperty("stance").GetString().ShouldBe("denies");
        statement.GetProperty("camp").GetString().ShouldBe("Chinese government");
        (statement.GetProperty("content_start").GetInt32(), statement.GetProperty("content_end").GetInt32()).ShouldBe((11, 20));
    }

    [Fact]
    public async Task GetClaims_StoryWithoutStatements_EmptyArray()
    {
        // Nobody is quoted, so no statement bears on any claim: the ledger ingest built is empty.
        await _host.AddTextAsync("Steel output rises\n\nSteel output rose in March as two new furnaces opened near the river port.\n\nExports of rolled steel doubled over the quarter.");
        await using var store = await SqliteDocumentStore.OpenAsync(_host.Store);
        var story = (await store.ListStoriesAsync()).Single().Id;
        var response = await _host.CreateClient().GetAsync($"/api/stories/{story}/claims");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetArrayLength().ShouldBe(0);
        (await _host.CreateClient().GetAsync("/api/stories/999/claims")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StoryPage_StoredLedger_MatrixOfCampStancesLinkingToStatementsEscaped()
    {
        var (story, _) = await StoryWithLedgerAsync();
        var client = _host.CreateClient();
        var html = await client.GetStringAsync($"/stories/{story}");
        html.ShouldNotContain("<script>alert(1)</script>");
        html.ShouldNotContain("<b>voluntarily</b>");
        var page = await Forms.Page(client, $"/stories/{story}");
        var matrix = page.QuerySelector("table.claims-matrix").ShouldNotBeNull();
        matrix.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).Skip(1).Order().ShouldBe(["Chinese government", "Independent experts"]);
        var rows = matrix.QuerySelectorAll("tbody tr");
        rows.Length.ShouldBe(2);
        rows[0].QuerySelector("th")!.TextContent.ShouldContain("<script>alert(1)</script> are forced");
        rows[0].QuerySelector(".contested").ShouldNotBeNull();
        var cells = rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).Order().ToList();
        cells.ShouldBe(["asserts", "denies"]);
        // Each stance links to the camp's statements on the page, which cite the document.
        foreach (var link in rows[0].QuerySelectorAll("td a"))
        {
            var target = page.GetElementById(link.GetAttribute("href")!.TrimStart('#')).ShouldNotBeNull();
            target.QuerySelector("a.cite")!.GetAttribute("href")!.ShouldStartWith("/documents/");
        }
        rows[1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ShouldContain("—");
    }
}
