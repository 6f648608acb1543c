using System.Net;
using System.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Storyline.Web.Services;

namespace Storyline.Web.Tests;

/// <summary>Stories, a story's briefing, timeline and who-thinks-what, the document's cited sentence and quotes, people and statement search, over the samples.</summary>
public class StoryPageTests(SamplesFixture samples) : IClassFixture<SamplesFixture>
{
    private HttpClient Client() => samples.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/")]
    [InlineData("/stories")]
    public async Task Stories_Samples_TitleDatesCountsCampsAndSearchBox(string path)
    {
        var page = await Forms.Page(Client(), path);
        var row = page.QuerySelectorAll("table.stories tbody tr").Single(r => r.QuerySelector("a")!.GetAttribute("href") == $"/stories/{samples.StoryId}");
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        cells[0].ShouldNotBeEmpty();
        // The samples are pasted text without dates: the range is the estimates' lower bounds, to their precision, never a year's first day as a date.
        cells[1].ShouldMatch(@"^\d{4}(-\d{2}){0,2}( or later)?( – \d{4}(-\d{2}){0,2}( or later)?)?$");
        cells[1].ShouldContain("or later");
        int.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(1);
        int.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        row.QuerySelectorAll("span.camp").Length.ShouldBeGreaterThan(0);
        page.QuerySelector("form.search[action='/search'] input[name=q]").ShouldNotBeNull();
    }

    [Fact]
    public async Task Story_Samples_BriefingSectionsWithCitationLinks()
    {
        var page = await Forms.Page(Client(), $"/stories/{samples.StoryId}");
        // The CLI's sections, then one per development.
        page.QuerySelectorAll("section.briefing h2").Select(h => h.TextContent).Take(4).ShouldBe(
            ["Executive Summary", "The Story So Far", "Why This Matters", "Who Thinks What?"]);
        var cites = page.QuerySelectorAll("section.briefing a.cite").Select(a => a.GetAttribute("href")!).ToList();
        cites.ShouldNotBeEmpty();
        cites.ShouldAllBe(h => System.Text.RegularExpressions.Regex.IsMatch(h, @"^/documents/\d+\?start=\d+&end=\d+#cite$"));
    }

    [Fact]
    public async Task Story_Samples_TimelineSvgWhoTableAndSourceBars()
    {
        var page = await Forms.Page(Client(), $"/stories/{samples.StoryId}");
        page.QuerySelector("svg.timeline-chart")!.QuerySelectorAll("circle.event").Length.ShouldBeGreaterThan(0);
        page.QuerySelectorAll("ol.events li").Length.ShouldBe(page.QuerySelectorAll("svg.timeline-chart circle").Length);
        var who = page.QuerySelector("table.who")!;
        who.QuerySelectorAll("th[scope=rowgroup]").Length.ShouldBeGreaterThan(0);
        who.QuerySelectorAll("td a[href^='/person?name=']").Length.ShouldBeGreaterThan(0);
        who.QuerySelectorAll("ul.statements li q").Length.ShouldBeGreaterThan(0);
        // A few statements per speaker; the rest are a link away, on the speaker's page.
        who.QuerySelectorAll("ul.statements").ShouldAllBe(ul => ul.QuerySelectorAll("li").Length <= 3);
        who.QuerySelectorAll("a.more").ShouldAllBe(a => a.GetAttribute("href")!.StartsWith("/person?name="));
        // At most ten speakers a camp; the rest are counted, with a link to the people page.
        foreach (var group in who.QuerySelectorAll("th[scope=rowgroup]"))
            int.Parse(group.GetAttribute("rowspan")!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeLessThanOrEqualTo(11);
        who.QuerySelectorAll("tr.more-speakers a").ShouldAllBe(a => a.GetAttribute("href") == "/people" && a.TextContent.Contains("more speaker"));
        page.QuerySelector("svg.sources-chart")!.QuerySelectorAll("rect.bar").Length.ShouldBeGreaterThan(0);
        page.QuerySelectorAll("ol.source-list li").Length.ShouldBeGreaterThan(1);
        Markup.ShouldHaveNoInjectedMarkup(page, "story");
    }

    [Fact]
    public async Task Story_ListsLongerThanAPage_PagedWithPreviousNextLinksCoveringEveryItem()
    {
        // The same store through an instance that pages every two items.
        using var paged = new WebHost(new() { ["Storyline:Store"] = samples.Host.Store, ["Storyline:StoryPageSize"] = "2" });
        var whole = await Forms.Page(Client(), $"/stories/{samples.StoryId}");
        var allSources = whole.QuerySelectorAll("ol.source-list li a").Select(a => a.GetAttribute("href")).ToList();
        var allEvents = whole.QuerySelectorAll("ol.events li").Select(li => li.TextContent).ToList();
        allSources.Count.ShouldBeGreaterThan(2);
        allEvents.Count.ShouldBeGreaterThan(2);

        async Task<List<string?>> Walk(string list, string item, string pager)
        {
            var seen = new List<string?>();
            var path = $"/stories/{samples.StoryId}";
            for (var guard = 0; guard < 100; guard++)
            {
                var page = await Forms.Page(paged.CreateClient(), path);
                var items = page.QuerySelectorAll($"{list} li").ToList();
                items.Count.ShouldBeInRange(1, 2);
                // The chart draws the events of the page it stands on.
                if (list == "ol.events") page.QuerySelectorAll("svg.timeline-chart circle").Length.ShouldBe(items.Count);
                seen.AddRange(items.Select(li => item == "href" ? li.QuerySelector("a")!.GetAttribute("href") : li.TextContent));
                if (page.QuerySelector($"nav.pager[aria-label='{pager} pages'] a[rel=next]") is not { } next) break;
                path = $"/stories/{samples.StoryId}" + next.GetAttribute("href")!.Split('#')[0];
            }
            return seen;
        }

        (await Walk("ol.source-list", "href", "sources")).ShouldBe(allSources);
        (await Walk("ol.events", "text", "events")).ShouldBe(allEvents.Cast<string?>());
        // Past the end: the last page, not an empty list.
        var beyond = await Forms.Page(paged.CreateClient(), $"/stories/{samples.StoryId}?sources=999");
        beyond.QuerySelectorAll("ol.source-list li").Length.ShouldBeGreaterThan(0);
        beyond.QuerySelector("nav.pager[aria-label='sources pages'] a[rel=prev]").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("999")]
    public async Task Story_UnknownOrBadId_404Page(string id) =>
        (await Client().GetAsync($"/stories/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

    [Fact]
    public async Task Document_CitationLink_CitedSentenceMarked()
    {
        var story = await Forms.Page(Client(), $"/stories/{samples.StoryId}");
        var href = story.QuerySelector("section.briefing a.cite")!.GetAttribute("href")!;
        var query = HttpUtility.ParseQueryString(new Uri("http://x" + href).Query);
        var (start, end) = (int.Parse(query["start"]!), int.Parse(query["end"]!));
        var id = long.Parse(href.Split('/', '?')[2]);
        var doc = await Forms.Page(Client(), href.Split('#')[0]);
        var mark = doc.QuerySelector("mark#cite")!;
        mark.ShouldNotBeNull();
        doc.QuerySelectorAll("#cite").Length.ShouldBe(1);
        using var api = Client();
        var text = System.Text.Json.JsonDocument.Parse(await api.GetStringAsync($"/api/documents/{id}")).RootElement.GetProperty("text").GetString()!;
        text[start..end].ShouldStartWith(mark.TextContent);
    }

    [Fact]
    public async Task Document_Quotes_MarkedBySpeakerWithLegendAndEntityLinks()
    {
        var story = await Forms.Page(Client(), $"/stories/{samples.StoryId}");
        var quoted = story.QuerySelector("table.who ul.statements a.cite")!.GetAttribute("href")!.Split('?')[0];
        var page = await Forms.Page(Client(), quoted);
        var quotes = page.QuerySelectorAll("div.body q.quote");
        quotes.Length.ShouldBeGreaterThan(0);
        quotes.ShouldAllBe(q => q.GetAttribute("title")!.Length > 0 && q.ClassList.Any(c => c.StartsWith('s')));
        page.QuerySelectorAll("ul.speaker-legend li a[href^='/person?name=']").Length.ShouldBeGreaterThan(0);
        page.QuerySelectorAll("div.body a.entity[href^='/person?name=']").Length.ShouldBeGreaterThan(0);
        page.QuerySelector("mark#cite").ShouldBeNull();
    }

    [Fact]
    public async Task Document_CitationOutsideText_NoMark()
    {
        var story = await Forms.Page(Client(), $"/stories/{samples.StoryId}");
        var id = story.QuerySelector("ol.source-list a")!.GetAttribute("href")!;
        var page = await Forms.Page(Client(), id + "?start=5&end=99999999");
        page.QuerySelector("mark#cite").ShouldBeNull();
        page.QuerySelectorAll("div.body p").Length.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task People_Samples_SpeakersLinkedToPersonPage()
    {
        var page = await Forms.Page(Client(), "/people");
        var links = page.QuerySelectorAll("table.people tbody tr td:first-child a");
        links.Length.ShouldBeGreaterThan(1);
        links[0].GetAttribute("href")!.ShouldStartWith("/person?name=");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/stories")]
    public async Task Stories_MoreThanAPage_PagedAndEveryStoryOnOnePage(string list)
    {
        using var host = new WebHost(new() { ["Storyline:StoryPageSize"] = "1" });
        await host.AddTextAsync("Volcano erupts near island village\n\nThe volcano on the northern island erupted on Monday, sending ash over the village and forcing the evacuation of several hundred residents, officials said.", published: "2021-03-01");
        await host.AddTextAsync("Football club signs striker\n\nThe football club completed the signing of a young striker from a rival league on Friday, paying a record transfer fee, the club's chairman announced.", published: "2021-04-01");
        int stories;
        await using (var store = await Storyline.Storage.Sqlite.SqliteDocumentStore.OpenAsync(host.Store, TimeProvider.System))
            stories = (await store.ListStoriesAsync()).Count;
        stories.ShouldBeGreaterThan(1);
        var seen = new List<string?>();
        var path = list;
        for (var guard = 0; guard < 100; guard++)
        {
            var page = await Forms.Page(host.CreateClient(), path);
            var rows = page.QuerySelectorAll("table.stories tbody tr td:first-child a").ToList();
            rows.Count.ShouldBe(1);
            seen.AddRange(rows.Select(a => a.GetAttribute("href")));
            if (page.QuerySelector("nav.pager a[rel=next]") is not { } next) break;
            path = list.TrimEnd('/') + "/" + next.GetAttribute("href");
        }
        seen.Count.ShouldBe(stories);
        seen.Distinct().Count().ShouldBe(stories);
    }

    [Theory]
    [InlineData("/people", "table.people tbody tr td:first-child a", 3)]
    [InlineData("/documents", "table.documents tbody tr td:first-child > a", 2)]
    public async Task List_MoreThanAPage_PagedAndEveryItemOnOnePage(string list, string links, int size)
    {
        using var paged = new WebHost(new() { ["Storyline:Store"] = samples.Host.Store, ["Storyline:StoryPageSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var all = (await Forms.Page(Client(), list)).QuerySelectorAll(links).Select(a => a.GetAttribute("href")).ToList();
        all.Count.ShouldBeGreaterThan(size);
        var seen = new List<string?>();
        var path = list;
        for (var guard = 0; guard < 100; guard++)
        {
            var page = await Forms.Page(paged.CreateClient(), path);
            var rows = page.QuerySelectorAll(links).ToList();
            rows.Count.ShouldBeInRange(1, size);
            seen.AddRange(rows.Select(a => a.GetAttribute("href")));
            if (page.QuerySelector("nav.pager a[rel=next]") is not { } next) break;
            path = list + next.GetAttribute("href");
        }
        seen.ShouldBe(all);
    }

    [Fact]
    public async Task Person_MostQuoted_EveryStatementWithDateAndSourceLink()
    {
        var people = await Forms.Page(Client(), "/people");
        var first = people.QuerySelector("table.people tbody tr")!;
        var name = first.QuerySelector("a")!.TextContent;
        var count = int.Parse(first.QuerySelectorAll("td")[3].TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var page = await Forms.Page(Client(), first.QuerySelector("a")!.GetAttribute("href")!);
        page.QuerySelector("h1")!.TextContent.ShouldBe(name);
        var items = page.QuerySelectorAll("ol.person-statements li");
        items.Length.ShouldBe(count);
        items.ShouldAllBe(li => li.QuerySelector("a.source")!.GetAttribute("href")!.Contains("#cite"));
    }

    [Fact]
    public async Task Person_Unknown_SaysSo()
    {
        var page = await Forms.Page(Client(), "/person?name=Nobody%20Atall");
        page.QuerySelector("p.empty")!.TextContent.ShouldContain("Nobody Atall");
    }

    [Fact]
    public async Task Person_NoName_RedirectsToPeople()
    {
        var response = await Client().GetAsync("/person");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/people");
    }

    [Fact]
    public async Task Search_SpeakerFilter_StatementsOfThatSpeakerAndPersonLink()
    {
        var people = await Forms.Page(Client(), "/people");
        var name = people.QuerySelector("table.people tbody tr a")!.TextContent;
        var page = await Forms.Page(Client(), "/search?speaker=" + Uri.EscapeDataString(name.ToUpperInvariant()));
        var statements = page.QuerySelectorAll("section.statement-hits ol.statements li");
        statements.Length.ShouldBeGreaterThan(0);
        statements.ShouldAllBe(li => li.QuerySelector("a.speaker")!.TextContent == name);
        page.QuerySelector("a.person")!.GetAttribute("href").ShouldBe("/person?name=" + Uri.EscapeDataString(name));
    }

    [Fact]
    public async Task Search_CampAndDates_FilterStatements()
    {
        var page = await Forms.Page(Client(), "/search");
        var camp = page.QuerySelectorAll("select[name=camp] option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
        var inCamp = await Forms.Page(Client(), "/search?camp=" + Uri.EscapeDataString(camp));
        var items = inCamp.QuerySelectorAll("ol.statements li");
        items.Length.ShouldBeGreaterThan(0);
        items.ShouldAllBe(li => li.QuerySelector("span.camp")!.TextContent == camp);
        var none = await Forms.Page(Client(), "/search?camp=" + Uri.EscapeDataString(camp) + "&from=1990-01-01&to=1990-12-31");
        none.QuerySelectorAll("ol.statements li").Length.ShouldBe(0);
        none.QuerySelector("section.statement-hits p.empty").ShouldNotBeNull();
    }

    [Fact]
    public async Task Search_BadDate_400WithMessage()
    {
        var response = await Client().GetAsync("/search?speaker=x&from=yesterday");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Forms.Parse(response)).QuerySelector("p.error")!.TextContent.ShouldContain("not a date");
    }

    [Fact]
    public async Task StoryCache_SecondView_ServedFromCache()
    {
        var cache = samples.Host.Services.GetRequiredService<StoryCache>();
        await Client().GetAsync($"/stories/{samples.StoryId}");
        cache.Count.ShouldBeGreaterThan(0);
        var service = samples.Host.Services.GetRequiredService<StoryService>();
        var first = await service.GetAsync(samples.StoryId, CancellationToken.None);
        var second = await service.GetAsync(samples.StoryId, CancellationToken.None);
        second.ShouldBeSameAs(first);
    }
}
