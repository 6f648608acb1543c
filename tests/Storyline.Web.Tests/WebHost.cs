using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Storyline.Web.Tests;

/// <summary>The real app on the ASP.NET Core test host, over a temporary store, with settings chosen per test.</summary>
public sealed class WebHost : WebApplicationFactory<StorylineWebApp>
{
    public const string Key = "test-key-0123456789";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("storyline-web-");
    private readonly Dictionary<string, string?> _settings;

    public WebHost(Dictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Storyline:Store"] = Path.Combine(_dir.FullName, "store.db"),
            ["Storyline:ApiKey"] = Key,
        };
        foreach (var (k, v) in settings ?? []) _settings[k] = v;
    }

    /// <summary>The address requests come from (the test server gives none): set it to test what the app does per client.</summary>
    public System.Net.IPAddress? RemoteAddress { get; init; }

    /// <summary>The temporary store's path.</summary>
    public string Store => _settings["Storyline:Store"]!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Production, so tests see what an operator's users see (no developer exception page).
        builder.UseEnvironment("Production");
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        if (RemoteAddress is { } remote)
            builder.ConfigureServices(s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(s, new RemoteAddressFilter(remote)));
    }

    // Runs before the app's own middleware, as the socket's address would be there before any of it.
    private sealed class RemoteAddressFilter(System.Net.IPAddress address) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            Microsoft.AspNetCore.Builder.UseExtensions.Use(app, (context, following) => { context.Connection.RemoteIpAddress = address; return following(context); });
            next(app);
        };
    }

    /// <summary>A client that sends the API key.</summary>
    public HttpClient KeyedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    /// <summary>Ingests pasted text through the API; returns the new document's id.</summary>
    public async Task<long> AddTextAsync(string text, string? title = null, string? source = null, string? published = null)
    {
        using var client = KeyedClient();
        var response = await client.PostAsJsonAsync("/api/ingest", new { text, title, source, published });
        response.EnsureSuccessStatusCode();
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var result = json.GetProperty("results")[0];
        result.GetProperty("status").GetString().ShouldBeOneOf("ingested", "near_duplicate", "duplicate");
        return result.GetProperty("document_id").GetInt64();
    }

    public static string Article(string topic, int n = 1) =>
        $"Officials weigh {topic} measures\n\n" + string.Join("\n\n", Enumerable.Range(0, 3).Select(p =>
            $"Paragraph {p} of report {n}: officials discussed {topic} item {n * 31 + p} at length on Tuesday, according to people present at the meeting in the capital."));

    /// <summary>An HTML page with enough article text for the extractor to find it.</summary>
    public static string ArticleHtml(string headline, string topic) =>
        $"<html><head><title>{headline}</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>{headline}</h1><p>"
        + string.Join("</p><p>", Enumerable.Range(1, 6).Select(i => $"In session {i}, the council debated the {topic} plan for hours, and member {i} argued that the costs of the {topic} measures had been underestimated by the planning office."))
        + "</p></article></body></html>";

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { _dir.Delete(true); } catch (IOException) { }
    }
}
