using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Storyline.Web.Tests;

/// <summary>End-to-end: a person reading, searching and adding coverage in Chromium.</summary>
public class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.Screenshots, name + ".png");

    [BrowserFact]
    public async Task DocumentsPage_OpenDocument_ShowsCleanedTextAndMetadata()
    {
        await fixture.Host.AddTextAsync(
            "Ministers clash over cotton rules\n\n" +
            "The ministers met on 3 March 2021 to discuss the cotton rules that exporters say will cost them dearly this season.\n\n" +
            "What happens next\n\n" +
            "Officials said a second meeting would follow within weeks, according to people familiar with the talks in the capital.",
            source: "Wire Service");
        await fixture.Host.AddTextAsync(WebHost.Article("shipping", 7), source: "Harbour Daily", published: "2021-02-01");
        var (page, errors, _) = await fixture.NewPageAsync();

        await page.GotoAsync("/documents");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Documents" })).ToBeVisibleAsync();
        await Expect(page.Locator("table.documents")).ToContainTextAsync("Harbour Daily");
        await page.ScreenshotAsync(new() { Path = Shot("documents"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Ministers clash over cotton rules" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ministers clash over cotton rules");
        await Expect(page.Locator("div.body p")).ToHaveCountAsync(2);
        await Expect(page.Locator("div.body h2")).ToHaveTextAsync("What happens next");
        await Expect(page.Locator("aside.metadata")).ToContainTextAsync("estimated");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download the original input" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/documents/\\d+/original$"));
        await page.ScreenshotAsync(new() { Path = Shot("document"), FullPage = true });
        errors.ShouldBeEmpty(); // no CSP violations, no failed loads
    }

    [BrowserFact]
    public async Task Search_Word_HighlightedInSnippets()
    {
        await fixture.Host.AddTextAsync(WebHost.Article("sanctions", 11), source: "Wire");
        var (page, errors, _) = await fixture.NewPageAsync();

        await page.GotoAsync("/search");
        await page.GetByRole(AriaRole.Searchbox).FillAsync("sanctions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var mark = page.Locator("ol.hits mark").First;
        await Expect(mark).ToHaveTextAsync("sanctions");
        // The self-hosted stylesheet loaded under the CSP and paints the highlight.
        var background = await mark.EvaluateAsync<string>("m => getComputedStyle(m).backgroundColor");
        background.ShouldNotBe("rgba(0, 0, 0, 0)");
        await page.ScreenshotAsync(new() { Path = Shot("search"), FullPage = true });
        errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task AddCoverage_PasteText_ListedAmongDocuments()
    {
        var (page, errors, _) = await fixture.NewPageAsync();
        await page.GotoAsync("/add");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).Last.ClickAsync();
        await page.GetByLabel("API key").FillAsync(WebHost.Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/add$"));

        await page.GetByLabel("Article text").FillAsync(
            "Port strike halts grain exports\n\n" +
            "Dock workers walked out on Monday, halting grain exports from the country's largest port for the first time in a decade.\n\n" +
            "Union leaders said the strike would continue until talks on pay and safety resumed with the port authority.");
        await page.GetByLabel("Source").FillAsync("Harbour Daily");
        await page.GetByLabel("Published").FillAsync("2022-04-05");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add text" }).ClickAsync();
        await Expect(page.Locator("section.results")).ToContainTextAsync("added");
        await page.ScreenshotAsync(new() { Path = Shot("add"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Documents" }).ClickAsync();
        await Expect(page.Locator("table.documents")).ToContainTextAsync("Port strike halts grain exports");
        await Expect(page.Locator("table.documents")).ToContainTextAsync("2022-04-05");
        // The new article formed a story of its own, listed on the home page and briefed.
        await page.GetByRole(AriaRole.Link, new() { Name = "Stories" }).ClickAsync();
        await page.Locator("table.stories").GetByRole(AriaRole.Link, new() { Name = "Port strike halts grain exports" }).ClickAsync();
        await Expect(page.Locator("article.story h1")).ToHaveTextAsync("Port strike halts grain exports");
        await Expect(page.Locator("section.briefing a.cite").First).ToBeVisibleAsync();
        errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task Stories_OpenStoryClickCitation_SourceSentenceHighlighted()
    {
        var story = await fixture.SamplesStoryAsync();
        var (page, errors, _) = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stories" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("stories"), FullPage = true });
        await page.Locator($"table.stories a[href='/stories/{story}']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/stories/{story}$"));
        await Expect(page.Locator("section.briefing h2").First).ToHaveTextAsync("Executive Summary");
        await Expect(page.Locator("svg.timeline-chart circle.event").First).ToBeVisibleAsync();
        await Expect(page.Locator("table.who")).ToBeVisibleAsync();
        await Expect(page.Locator("svg.sources-chart rect.bar").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("story"), FullPage = true });

        var citation = page.Locator("section.briefing a.cite").First;
        var href = (await citation.GetAttributeAsync("href"))!;
        await citation.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/documents/\d+\?start=\d+&end=\d+#cite$"));
        page.Url.ShouldEndWith(href);
        var mark = page.Locator("div.body mark#cite");
        await Expect(mark).ToBeVisibleAsync();
        await Expect(mark).ToBeInViewportAsync();
        (await mark.TextContentAsync())!.Trim().Length.ShouldBeGreaterThan(10);
        var background = await mark.EvaluateAsync<string>("m => getComputedStyle(m).backgroundColor");
        background.ShouldNotBe("rgba(0, 0, 0, 0)");
        await page.ScreenshotAsync(new() { Path = Shot("citation") });
        errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task Story_ClaimsMatrix_StanceCellOpensTheCampsStatements()
    {
        var story = await fixture.SamplesStoryAsync();
        var (page, errors, _) = await fixture.NewPageAsync();
        await page.GotoAsync($"/stories/{story}");
        var matrix = page.Locator("table.claims-matrix");
        await Expect(matrix).ToBeVisibleAsync();
        await Expect(matrix.Locator("tbody tr").First).ToBeVisibleAsync();
        await matrix.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Shot("claims"), FullPage = true });

        var cell = matrix.Locator("td.stance a").First;
        var stance = (await cell.TextContentAsync())!.Trim();
        stance.ShouldBeOneOf("asserts", "denies", "questions", "reports");
        var target = (await cell.GetAttributeAsync("href"))!;
        await cell.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(target) + "$"));
        var statements = page.Locator($"div.claim-camp[id='{target.TrimStart('#')}']");
        await Expect(statements.Locator("h4 .stance")).ToHaveTextAsync(stance);
        await Expect(statements.Locator("li a.cite").First).ToBeInViewportAsync();
        errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task Search_Speaker_OpensPersonPage()
    {
        await fixture.SamplesStoryAsync();
        var (page, errors, _) = await fixture.NewPageAsync();
        await page.GotoAsync("/people");
        var name = (await page.Locator("table.people tbody tr a").First.TextContentAsync())!.Trim();

        await page.GetByRole(AriaRole.Link, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.GetByLabel("Speaker").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator("section.statement-hits ol.statements li").First).ToBeVisibleAsync();
        await Expect(page.Locator("section.statement-hits a.speaker").First).ToHaveTextAsync(name);
        await page.ScreenshotAsync(new() { Path = Shot("search-speaker"), FullPage = true });
        await page.Locator("a.person").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("ol.person-statements li").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("person"), FullPage = true });

        // A statement's source opens the document with the statement highlighted among the speakers' marked quotes.
        await page.Locator("ol.person-statements a.source").First.ClickAsync();
        await Expect(page.Locator("div.body mark#cite")).ToBeVisibleAsync();
        await Expect(page.Locator("div.body q.quote").First).ToBeVisibleAsync();
        await Expect(page.Locator("ul.speaker-legend")).ToContainTextAsync(name);
        await page.ScreenshotAsync(new() { Path = Shot("document-quotes"), FullPage = true });
        errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task HostileArticle_InBrowser_NothingRuns()
    {
        var id = await fixture.Host.AddTextAsync(XssTests.HostileText, title: "Cotton " + XssTests.Breakout, source: XssTests.Breakout);
        var (page, _, dialogs) = await fixture.NewPageAsync();
        await page.GotoAsync($"/documents/{id}");
        await Expect(page.Locator("div.body")).ToContainTextAsync("<script>alert(document.cookie)</script>");
        await page.GotoAsync("/search?q=cotton");
        await page.GotoAsync("/");
        await page.ScreenshotAsync(new() { Path = Shot("hostile"), FullPage = true });
        dialogs.ShouldBeEmpty();
        Markup.ShouldHaveNoInjectedMarkup(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.ContentAsync()), "documents in the browser");
    }
}
