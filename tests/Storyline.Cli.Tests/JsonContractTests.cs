using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Storyline.Tests.TestSupport;
using Storyline.Web;

namespace Storyline.Cli.Tests;

/// <summary>The CLI's --json and the API's responses are one contract: for the same store, the same thing reads the same.</summary>
public sealed class JsonContractTests : IAsyncLifetime
{
    private readonly CliRunner _cli = new();
    private WebApplication? _app;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        (await _cli.Run("ingest", SharedData.Samples)).Code.ShouldBe(0);
        _app = StorylineWebApp.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?> { ["Storyline:Store"] = _cli.Store }, AppContext.BaseDirectory);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    [Fact]
    public async Task CliJsonAndApi_Samples_AreEqual()
    {
        var stories = await Both(["stories", "--json"], "/api/stories");
        var story = stories.AsArray()[0]!["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
        await Both(["brief", "--story", story, "--json"], $"/api/stories/{story}/briefing");
        await Both(["timeline", "--story", story, "--json"], $"/api/stories/{story}/timeline");
        await Both(["claims", "--story", story, "--json"], $"/api/stories/{story}/claims");
        await Both(["search", "Xinjiang", "--json"], "/api/search?q=Xinjiang");
        await Both(["list", "--json"], "/api/documents", sortBy: "id");
        await Both(["show", "1", "--json"], "/api/documents/1");
        await Both(["speakers", "--json"], "/api/speakers", sortBy: "speaker");

        // quotes lists statements in document and text order, the API newest document first: the same records, in another order.
        var cli = Ordered(JsonNode.Parse((await _cli.Run("quotes", "--json")).Out)!);
        var api = Ordered(JsonNode.Parse(await _http!.GetStringAsync("/api/statements?limit=500"))!);
        api.Count.ShouldBeLessThan(500);
        cli.Count.ShouldBeGreaterThan(0);
        JsonNode.DeepEquals(new JsonArray([.. cli]), new JsonArray([.. api])).ShouldBeTrue();
    }

    [Fact]
    public async Task BriefJson_Samples_SourcesHaveTheirPublishedLabel()
    {
        var stories = JsonNode.Parse(await _http!.GetStringAsync("/api/stories"))!.AsArray();
        var briefing = JsonNode.Parse(await _http.GetStringAsync($"/api/stories/{stories[0]!["id"]}/briefing"))!;
        var sources = briefing["sources"]!.AsArray();
        sources.ShouldAllBe(s => s!.AsObject().ContainsKey("published_label"));
        sources.Where(s => s!["published"] != null).ShouldAllBe(s => s!["published_label"] != null);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheContractRecords()
    {
        var schemas = JsonNode.Parse(await _http!.GetStringAsync("/api/openapi.json"))!["components"]!["schemas"]!.AsObject();
        foreach (var name in new[] { "BriefingItem", "BriefingSourceItem", "StoryListItem", "TimelineEventItem", "StatementItem", "SearchHitView", "ClaimItem", "DocumentListItem", "DocumentDetail", "DateView" })
            schemas.ContainsKey(name).ShouldBeTrue(name);
        schemas["BriefingSourceItem"]!["properties"]!.AsObject().ContainsKey("published_label").ShouldBeTrue();
        schemas["StoryListItem"]!["properties"]!.AsObject().ContainsKey("range_label").ShouldBeTrue();
    }

    /// <summary>Runs the CLI and GETs the API; their JSON must be equal (as JSON, key order aside), optionally after sorting both arrays by a field.</summary>
    private async Task<JsonNode> Both(string[] args, string path, string? sortBy = null)
    {
        var (code, stdout, stderr) = await _cli.Run(args);
        code.ShouldBe(0, stderr);
        var cli = JsonNode.Parse(stdout)!;
        var api = JsonNode.Parse(await _http!.GetStringAsync(path))!;
        if (sortBy is not null)
        {
            cli = new JsonArray([.. cli.AsArray().Select(n => n!.DeepClone()).OrderBy(n => n[sortBy]!.ToJsonString(), StringComparer.Ordinal)]);
            api = new JsonArray([.. api.AsArray().Select(n => n!.DeepClone()).OrderBy(n => n[sortBy]!.ToJsonString(), StringComparer.Ordinal)]);
        }
        JsonNode.DeepEquals(cli, api).ShouldBeTrue($"{string.Join(' ', args)} and GET {path} differ:\ncli {Shorten(cli)}\napi {Shorten(api)}");
        return cli;
    }

    private static List<JsonNode> Ordered(JsonNode array) =>
        [.. array.AsArray().Select(n => n!.DeepClone()).OrderBy(n => n["document"]!.GetValue<long>()).ThenBy(n => n["content_start"]!.GetValue<int>())];

    private static string Shorten(JsonNode node)
    {
        var text = node.ToJsonString();
        return text.Length > 3000 ? text[..3000] + "…" : text;
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        _cli.Dispose();
    }
}
