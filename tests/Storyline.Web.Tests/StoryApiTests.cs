using System.Net;
using System.Text.Json;

namespace Storyline.Web.Tests;

/// <summary>The story, statement and speaker endpoints over the samples.</summary>
public class StoryApiTests(SamplesFixture samples) : IClassFixture<SamplesFixture>
{
    private HttpClient Client() => samples.Host.CreateClient();

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task ShouldBeProblem(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("title").GetString().ShouldBe(title);
    }

    [Fact]
    public async Task GetStories_Samples_StoryWithCountsDatesAndCamps()
    {
        var stories = await Json(await Client().GetAsync("/api/stories"));
        var story = stories.EnumerateArray().Single(s => s.GetProperty("id").GetInt64() == samples.StoryId);
        story.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
        story.GetProperty("documents").GetInt32().ShouldBeGreaterThan(1);
        story.GetProperty("sources").GetArrayLength().ShouldBeGreaterThan(0);
        story.GetProperty("first_published").GetString().ShouldNotBeNull();
        story.GetProperty("camps").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task GetStory_Known_DocumentsSourcesAndLinks()
    {
        var story = await Json(await Client().GetAsync($"/api/stories/{samples.StoryId}"));
        story.GetProperty("id").GetInt64().ShouldBe(samples.StoryId);
        story.GetProperty("documents").GetArrayLength().ShouldBeGreaterThan(1);
        story.GetProperty("sources")[0].GetProperty("camps").EnumerateObject().Count().ShouldBeGreaterThan(0);
        story.GetProperty("briefing").GetString().ShouldBe($"/api/stories/{samples.StoryId}/briefing");
        story.GetProperty("timeline").GetString().ShouldBe($"/api/stories/{samples.StoryId}/timeline");
    }

    [Fact]
    public async Task GetBriefing_Known_SectionsWithCitationsIntoDocumentText()
    {
        var briefing = await Json(await Client().GetAsync($"/api/stories/{samples.StoryId}/briefing"));
        briefing.GetProperty("story").GetInt64().ShouldBe(samples.StoryId);
        briefing.GetProperty("headline").GetString().ShouldNotBeNullOrEmpty();
        var sections = briefing.GetProperty("sections");
        sections.EnumerateArray().Select(s => s.GetProperty("title").GetString()).ShouldContain("Who Thinks What?");
        var sentence = sections[0].GetProperty("sentences")[0];
        var cite = sentence.GetProperty("citations")[0];
        var doc = await Json(await Client().GetAsync($"/api/documents/{cite.GetProperty("document").GetInt64()}"));
        var text = doc.GetProperty("text").GetString()!;
        var (start, end) = (cite.GetProperty("start").GetInt32(), cite.GetProperty("end").GetInt32());
        end.ShouldBeGreaterThan(start);
        end.ShouldBeLessThanOrEqualTo(text.Length);
        briefing.GetProperty("sources").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task GetTimeline_Known_EventsInDateOrderWithSources()
    {
        var events = await Json(await Client().GetAsync($"/api/stories/{samples.StoryId}/timeline"));
        events.GetArrayLength().ShouldBeGreaterThan(0);
        events.EnumerateArray().ShouldAllBe(e => e.GetProperty("sources").GetArrayLength() > 0 && e.GetProperty("text").GetString()!.Length > 0);
        events[0].GetProperty("granularity").GetString().ShouldBeOneOf("day", "month", "year");
    }

    [Theory]
    [InlineData("/api/stories/abc", HttpStatusCode.BadRequest, "Invalid story id")]
    [InlineData("/api/stories/0", HttpStatusCode.BadRequest, "Invalid story id")]
    [InlineData("/api/stories/-2/briefing", HttpStatusCode.BadRequest, "Invalid story id")]
    [InlineData("/api/stories/x/timeline", HttpStatusCode.BadRequest, "Invalid story id")]
    [InlineData("/api/stories/999", HttpStatusCode.NotFound, "Unknown story")]
    [InlineData("/api/stories/999/briefing", HttpStatusCode.NotFound, "Unknown story")]
    [InlineData("/api/stories/999/timeline", HttpStatusCode.NotFound, "Unknown story")]
    [InlineData("/api/statements?from=yesterday", HttpStatusCode.BadRequest, "Invalid date")]
    [InlineData("/api/statements?to=2020-13-01", HttpStatusCode.BadRequest, "Invalid date")]
    [InlineData("/api/statements?from=2021-01-02&to=2021-01-01", HttpStatusCode.BadRequest, "Invalid date range")]
    [InlineData("/api/statements?story=abc", HttpStatusCode.BadRequest, "Invalid story id")]
    [InlineData("/api/statements?story=999", HttpStatusCode.NotFound, "Unknown story")]
    [InlineData("/api/statements?limit=0", HttpStatusCode.BadRequest, "Invalid limit")]
    [InlineData("/api/statements?offset=-1", HttpStatusCode.BadRequest, "Invalid offset")]
    [InlineData("/api/speakers?story=zero", HttpStatusCode.BadRequest, "Invalid story id")]
    [InlineData("/api/speakers?story=999", HttpStatusCode.NotFound, "Unknown story")]
    public async Task StoryEndpoints_BadInput_Problem(string path, HttpStatusCode status, string title) =>
        await ShouldBeProblem(await Client().GetAsync(path), status, title);

    [Fact]
    public async Task GetStatements_LongQuery_400()
    {
        await ShouldBeProblem(await Client().GetAsync("/api/statements?q=" + new string('a', 501)), HttpStatusCode.BadRequest, "Query too long");
        await ShouldBeProblem(await Client().GetAsync("/api/statements?speaker=" + new string('a', 201)), HttpStatusCode.BadRequest, "Name too long");
    }

    [Fact]
    public async Task GetSpeakers_Samples_MostQuotedFirstWithCamps()
    {
        var speakers = await Json(await Client().GetAsync("/api/speakers"));
        speakers.GetArrayLength().ShouldBeGreaterThan(1);
        var counts = speakers.EnumerateArray().Select(s => s.GetProperty("statements").GetInt32()).ToList();
        counts.ShouldBe(counts.OrderByDescending(c => c).ToList());
        speakers[0].GetProperty("camp").GetString().ShouldNotBeNullOrEmpty();
        var inStory = await Json(await Client().GetAsync($"/api/speakers?story={samples.StoryId}"));
        inStory.GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task GetStatements_SpeakerFilter_OnlyThatSpeakerAnyCase()
    {
        var top = (await Json(await Client().GetAsync("/api/speakers")))[0];
        var name = top.GetProperty("speaker").GetString()!;
        var statements = await Json(await Client().GetAsync("/api/statements?speaker=" + Uri.EscapeDataString(name.ToLowerInvariant())));
        statements.GetArrayLength().ShouldBe(top.GetProperty("statements").GetInt32());
        statements.EnumerateArray().ShouldAllBe(s => s.GetProperty("speaker").GetString() == name);
        var first = statements[0];
        first.GetProperty("content_end").GetInt32().ShouldBeGreaterThan(first.GetProperty("content_start").GetInt32());
        first.GetProperty("kind").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task GetStatements_CampStoryAndDates_Filtered()
    {
        var camp = (await Json(await Client().GetAsync("/api/speakers")))[0].GetProperty("camp").GetString()!;
        var inCamp = await Json(await Client().GetAsync($"/api/statements?camp={Uri.EscapeDataString(camp.ToUpperInvariant())}&story={samples.StoryId}"));
        inCamp.GetArrayLength().ShouldBeGreaterThan(0);
        inCamp.EnumerateArray().ShouldAllBe(s => s.GetProperty("camp").GetString() == camp);
        (await Json(await Client().GetAsync("/api/statements?from=1990-01-01&to=1990-12-31"))).GetArrayLength().ShouldBe(0);
        var all = await Json(await Client().GetAsync("/api/statements?limit=500"));
        var dated = all.EnumerateArray().Where(s => s.TryGetProperty("published", out var p) && p.ValueKind == JsonValueKind.String).ToList();
        dated.ShouldNotBeEmpty();
        var day = dated[0].GetProperty("published").GetString()![..10];
        var thatDay = await Json(await Client().GetAsync($"/api/statements?from={day}&to={day}&limit=500"));
        thatDay.GetArrayLength().ShouldBeGreaterThan(0);
        thatDay.EnumerateArray().ShouldAllBe(s => s.GetProperty("published").GetString()!.StartsWith(day));
    }

    [Fact]
    public async Task GetStatements_Words_OnlyStatementsWithThem()
    {
        var all = await Json(await Client().GetAsync("/api/statements?limit=1"));
        var word = all[0].GetProperty("text").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).First(w => w.Length > 5 && w.All(char.IsLetter));
        var hits = await Json(await Client().GetAsync("/api/statements?q=" + Uri.EscapeDataString(word)));
        hits.GetArrayLength().ShouldBeGreaterThan(0);
        hits.EnumerateArray().ShouldAllBe(s => s.GetProperty("text").GetString()!.Contains(word, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>Keys on the new read endpoints: public by default, keyed when the operator requires it.</summary>
public class StoryApiKeyTests : IDisposable
{
    private readonly WebHost _host = new(new() { ["Storyline:RequireKeyForReads"] = "true" });

    [Theory]
    [InlineData("/api/stories")]
    [InlineData("/api/stories/1")]
    [InlineData("/api/stories/1/briefing")]
    [InlineData("/api/stories/1/timeline")]
    [InlineData("/api/statements?speaker=x")]
    [InlineData("/api/speakers")]
    public async Task Reads_KeyRequired_401Without403WrongAndAcceptedWithKey(string path)
    {
        var none = await _host.CreateClient().GetAsync(path);
        none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        none.Headers.WwwAuthenticate.ToString().ShouldContain("X-Api-Key");
        var wrong = _host.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");
        (await wrong.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // With the key the request gets through to the handler (an empty store: stories are unknown, lists are empty).
        (await _host.KeyedClient().GetAsync(path)).StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.NotFound);
    }

    public void Dispose() => _host.Dispose();
}
