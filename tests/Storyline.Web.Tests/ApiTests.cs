using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Storyline.Web.Tests;

public class ApiTests : IDisposable
{
    private readonly WebHost _host = new();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task ShouldBeProblem(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await Json(response);
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("title").GetString().ShouldBe(title);
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task GetDocuments_EmptyStore_EmptyArray()
    {
        var response = await _host.CreateClient().GetAsync("/api/documents");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(response)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task GetDocuments_ThreeDocuments_NewestPublishedFirstWithMetadata()
    {
        var old = await _host.AddTextAsync(WebHost.Article("cotton"), source: "Wire One", published: "2019-03-01");
        var newest = await _host.AddTextAsync(WebHost.Article("tariffs", 2), source: "Wire Two", published: "2021-05-02");
        var middle = await _host.AddTextAsync(WebHost.Article("shipping", 3), published: "2020-01-01");
        var list = await Json(await _host.CreateClient().GetAsync("/api/documents"));
        list.EnumerateArray().Select(d => d.GetProperty("id").GetInt64()).ShouldBe([newest, middle, old]);
        var first = list[0];
        first.GetProperty("title").GetString().ShouldBe("Officials weigh tariffs measures");
        first.GetProperty("publisher").GetString().ShouldBe("Wire Two");
        first.GetProperty("published").GetProperty("value").GetString()!.ShouldStartWith("2021-05-02");
        first.GetProperty("published").GetProperty("source").GetString().ShouldBe("given");
        first.GetProperty("word_count").GetInt32().ShouldBeGreaterThan(40);
    }

    [Fact]
    public async Task GetDocuments_LimitAndOffset_PageThrough()
    {
        for (int i = 0; i < 3; i++) await _host.AddTextAsync(WebHost.Article("topic" + i, i), published: $"202{i}-01-01");
        var response = await _host.CreateClient().GetAsync("/api/documents?limit=1&offset=1");
        response.Headers.GetValues("X-Total-Count").Single().ShouldBe("3");
        var page = await Json(response);
        page.GetArrayLength().ShouldBe(1);
        page[0].GetProperty("title").GetString().ShouldBe("Officials weigh topic1 measures");
    }

    [Fact]
    public async Task GetStories_LimitAndOffset_PageThroughEveryStoryOnce()
    {
        await _host.AddTextAsync("Volcano erupts near island village\n\nThe volcano on the northern island erupted on Monday, sending ash over the village and forcing the evacuation of several hundred residents, officials said.", published: "2021-03-01");
        await _host.AddTextAsync("Football club signs striker\n\nThe football club completed the signing of a young striker from a rival league on Friday, paying a record transfer fee, the club's chairman announced.", published: "2021-04-01");
        await _host.AddTextAsync(WebHost.Article("cotton"), published: "2021-05-01");
        var all = (await Json(await _host.CreateClient().GetAsync("/api/stories"))).EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).ToList();
        all.Count.ShouldBeGreaterThan(1);
        var paged = new List<long>();
        for (int offset = 0; offset < all.Count; offset++)
        {
            var response = await _host.CreateClient().GetAsync($"/api/stories?limit=1&offset={offset}");
            response.Headers.GetValues("X-Total-Count").Single().ShouldBe(all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            paged.AddRange((await Json(response)).EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
        }
        paged.ShouldBe(all);
    }

    [Theory]
    [InlineData("/api/documents", "limit=0")]
    [InlineData("/api/documents", "limit=abc")]
    [InlineData("/api/documents", "offset=-1")]
    [InlineData("/api/stories", "limit=1001")]
    [InlineData("/api/stories", "offset=-1")]
    public async Task List_BadPaging_400Problem(string path, string query)
    {
        var response = await _host.CreateClient().GetAsync(path + "?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(response)).GetProperty("detail").GetString()!.ShouldContain("whole number");
    }

    [Fact]
    public async Task GetDocument_KnownId_TextBlocksAndMetadata()
    {
        var id = await _host.AddTextAsync(WebHost.Article("cotton"), source: "Wire", published: "2020-07-10");
        var doc = await Json(await _host.CreateClient().GetAsync($"/api/documents/{id}"));
        doc.GetProperty("id").GetInt64().ShouldBe(id);
        var text = doc.GetProperty("text").GetString()!;
        var blocks = doc.GetProperty("blocks");
        blocks.GetArrayLength().ShouldBe(3);
        // Block spans point into the stored text.
        var first = blocks[0];
        text.Substring(first.GetProperty("start").GetInt32(), first.GetProperty("length").GetInt32()).ShouldStartWith("Paragraph 0 of report 1");
        first.GetProperty("kind").GetString().ShouldBe("paragraph");
        doc.GetProperty("metadata").GetProperty("publisher").GetString().ShouldBe("Wire");
        doc.GetProperty("metadata").GetProperty("language").GetString().ShouldBe("en");
        doc.GetProperty("original").GetString().ShouldBe($"/api/documents/{id}/original");
    }

    [Fact]
    public async Task GetDocument_UnknownId_404Problem()
    {
        var response = await _host.CreateClient().GetAsync("/api/documents/999");
        await ShouldBeProblem(response, HttpStatusCode.NotFound, "Unknown document");
        (await Json(response)).GetProperty("detail").GetString().ShouldBe("There is no document 999 in the store.");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task GetDocument_NotAnId_400Problem(string id) =>
        await ShouldBeProblem(await _host.CreateClient().GetAsync($"/api/documents/{id}"), HttpStatusCode.BadRequest, "Invalid document id");

    [Fact]
    public async Task GetOriginal_KnownId_RawBytesAsAttachmentWithNosniff()
    {
        var text = WebHost.ArticleHtml("Cotton", "cotton");
        var response = await _host.KeyedClient().PostAsync("/api/ingest", JsonContent.Create(new { records = new[] { new { html = text, title = "Cotton" } } }));
        var ingested = await Json(response);
        ingested.GetProperty("results")[0].GetProperty("status").GetString().ShouldBe("ingested", ingested.ToString());
        var id = ingested.GetProperty("results")[0].GetProperty("document_id").GetInt64();

        var original = await _host.CreateClient().GetAsync($"/api/documents/{id}/original");
        original.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await original.Content.ReadAsStringAsync()).ShouldBe(text);
        original.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");
        original.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        original.Content.Headers.ContentDisposition.FileName.ShouldBe($"document-{id}-original.html");
        original.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        original.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("sandbox");
    }

    [Fact]
    public async Task GetOriginal_UnknownId_404Problem() =>
        await ShouldBeProblem(await _host.CreateClient().GetAsync("/api/documents/42/original"), HttpStatusCode.NotFound, "Unknown document");

    [Fact]
    public async Task Search_Word_HitWithHighlightOffsets()
    {
        var cotton = await _host.AddTextAsync(WebHost.Article("cotton"));
        await _host.AddTextAsync(WebHost.Article("football", 2));
        var hits = await Json(await _host.CreateClient().GetAsync("/api/search?q=cotton"));
        hits.GetArrayLength().ShouldBe(1);
        hits[0].GetProperty("document").GetInt64().ShouldBe(cotton);
        var snippet = hits[0].GetProperty("snippet").GetString()!;
        snippet.ShouldNotContain("\u0002");
        var range = hits[0].GetProperty("highlights")[0];
        snippet[range[0].GetInt32()..range[1].GetInt32()].ShouldBe("cotton");
    }

    [Theory]
    [InlineData("", "Missing query")]
    [InlineData("?q=%20", "Missing query")]
    [InlineData("?q=a&limit=500", "Invalid limit")]
    public async Task Search_BadInput_400Problem(string query, string title) =>
        await ShouldBeProblem(await _host.CreateClient().GetAsync("/api/search" + query), HttpStatusCode.BadRequest, title);

    [Fact]
    public async Task Search_QueryTooLong_400Problem() =>
        await ShouldBeProblem(await _host.CreateClient().GetAsync("/api/search?q=" + new string('a', 501)), HttpStatusCode.BadRequest, "Query too long");

    [Fact]
    public async Task Search_OverRateLimit_429ProblemWithRetryAfter()
    {
        using var host = new WebHost(new() { ["Storyline:SearchesPerMinute"] = "2" });
        var client = host.CreateClient();
        (await client.GetAsync("/api/search?q=a")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/search?q=b")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var limited = await client.GetAsync("/api/search?q=c");
        await ShouldBeProblem(limited, HttpStatusCode.TooManyRequests, "Too many requests");
        limited.Headers.RetryAfter.ShouldNotBeNull();
        // Other reads are not limited by the search policy.
        (await client.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("127.0.0.1", "", true)]            // a loopback proxy is believed
    [InlineData("10.0.0.7", "10.0.0.7", true)]     // so is a configured one
    [InlineData("203.0.113.5", "", false)]         // anyone else's forwarded header is ignored: one client, one limit
    public async Task Search_BehindProxy_RateLimitPerForwardedClientOnlyFromTrustedProxies(string remote, string trusted, bool perClient)
    {
        using var host = new WebHost(new() { ["Storyline:SearchesPerMinute"] = "1", ["Storyline:TrustedProxies"] = trusted })
        {
            RemoteAddress = System.Net.IPAddress.Parse(remote),
        };
        async Task<HttpStatusCode> Search(string client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=a");
            request.Headers.Add("X-Forwarded-For", client);
            return (await host.CreateClient().SendAsync(request)).StatusCode;
        }
        (await Search("198.51.100.1")).ShouldBe(HttpStatusCode.OK);
        (await Search("198.51.100.1")).ShouldBe(HttpStatusCode.TooManyRequests);
        (await Search("198.51.100.2")).ShouldBe(perClient ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Ingest_Text_StoredWithGivenTitleSourceAndDate()
    {
        var response = await _host.KeyedClient().PostAsync("/api/ingest", JsonBody(
            """{"text": "Paragraph one says officials discussed cotton sanctions at length on Tuesday in the capital.\n\nParagraph two adds that the measures affect exporters across the region this year.", "title": "Cotton sanctions widen", "source": "Wire", "published": "2020-07-10"}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await Json(response);
        var result = body.GetProperty("results")[0];
        result.GetProperty("status").GetString().ShouldBe("ingested");
        result.GetProperty("title").GetString().ShouldBe("Cotton sanctions widen");
        body.GetProperty("summary").GetProperty("ingested").GetInt32().ShouldBe(1);
        var doc = await Json(await _host.CreateClient().GetAsync($"/api/documents/{result.GetProperty("document_id").GetInt64()}"));
        doc.GetProperty("metadata").GetProperty("publisher").GetString().ShouldBe("Wire");
        doc.GetProperty("metadata").GetProperty("published").GetProperty("value").GetString()!.ShouldStartWith("2020-07-10");
    }

    [Fact]
    public async Task Ingest_TitleWithMarkup_PlainTitleAndWholeText()
    {
        // The text opens with a headline-shaped line: before, the given title was dropped for it.
        var text = "Exporters brace for new rules\n\nParagraph one says officials discussed cotton sanctions at length on Tuesday in the capital.\n\n" +
            "Paragraph two adds that the measures affect exporters across the region this year.";
        var response = await _host.KeyedClient().PostAsync("/api/ingest", JsonBody(JsonSerializer.Serialize(new { text, title = "<b>Cotton</b> sanctions <script>x()</script>widen" })));
        var result = (await Json(response)).GetProperty("results")[0];
        result.GetProperty("title").GetString().ShouldBe("Cotton sanctions widen");
        var doc = await Json(await _host.CreateClient().GetAsync($"/api/documents/{result.GetProperty("document_id").GetInt64()}"));
        doc.GetProperty("metadata").GetProperty("title").GetString().ShouldBe("Cotton sanctions widen");
        var stored = doc.GetProperty("text").GetString()!;
        stored.ShouldContain("Paragraph one says");
        stored.ShouldContain("Paragraph two adds");
    }

    [Fact]
    public async Task Ingest_SameTextTwice_SecondIsDuplicate()
    {
        var body = JsonSerializer.Serialize(new { text = WebHost.Article("cotton") });
        await _host.KeyedClient().PostAsync("/api/ingest", JsonBody(body));
        var second = await Json(await _host.KeyedClient().PostAsync("/api/ingest", JsonBody(body)));
        second.GetProperty("results")[0].GetProperty("status").GetString().ShouldBe("duplicate");
    }

    [Fact]
    public async Task Ingest_Records_PerRecordResults()
    {
        var response = await _host.KeyedClient().PostAsync("/api/ingest", JsonBody(
            $$"""{"records": [{"text": {{JsonSerializer.Serialize(WebHost.Article("cotton"))}}, "source": "Wire", "published": "2020-01-02"}, {"title": "no body"}, {"text": "x", "published": "someday"}]}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var results = (await Json(response)).GetProperty("results");
        results.GetArrayLength().ShouldBe(3);
        results[0].GetProperty("status").GetString().ShouldBe("ingested");
        results[1].GetProperty("status").GetString().ShouldBe("failed");
        results[1].GetProperty("error").GetString()!.ShouldContain("neither \"text\" nor \"html\"");
        results[2].GetProperty("error").GetString()!.ShouldContain("not a date");
    }

    [Fact]
    public async Task Ingest_NoKey_401WithChallenge()
    {
        var response = await _host.CreateClient().PostAsync("/api/ingest", JsonBody("""{"text": "hello"}"""));
        await ShouldBeProblem(response, HttpStatusCode.Unauthorized, "API key required");
        response.Headers.WwwAuthenticate.ToString().ShouldContain("X-Api-Key");
    }

    [Fact]
    public async Task Ingest_WrongKey_403AndNothingStored()
    {
        var client = _host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", WebHost.Key + "x");
        await ShouldBeProblem(await client.PostAsync("/api/ingest", JsonBody(JsonSerializer.Serialize(new { text = WebHost.Article("cotton") }))),
            HttpStatusCode.Forbidden, "API key not accepted");
        (await Json(await client.GetAsync("/api/documents"))).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Ingest_WrongBearerToken_403NamingTheAuthorizationHeader()
    {
        var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WebHost.Key + "x");
        var response = await client.PostAsync("/api/ingest", JsonBody(JsonSerializer.Serialize(new { text = WebHost.Article("cotton") })));
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Json(response)).GetProperty("detail").GetString().ShouldBe("The bearer token in the Authorization header is not the configured API key.");
    }

    [Fact]
    public async Task Ingest_UrlRedirectingToFileUrl_FailsThatInputAsJson()
    {
        using var server = new Storyline.Tests.TestSupport.RawHttpServer(_ => Storyline.Tests.TestSupport.RawHttpServer.Redirect("file:///etc/passwd"));
        using var host = new WebHost(new() { ["Storyline:AllowPrivateUrls"] = "true" });
        var response = await host.KeyedClient().PostAsync("/api/ingest", JsonBody(JsonSerializer.Serialize(new { url = server.Prefix + "page" })));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = (await Json(response)).GetProperty("results")[0];
        result.GetProperty("status").GetString().ShouldBe("failed");
        result.GetProperty("error").GetString().ShouldBe("redirect to a file: URL refused (only http and https are followed)");
    }

    [Fact]
    public async Task Ingest_BearerToken_Accepted()
    {
        var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WebHost.Key);
        var response = await client.PostAsync("/api/ingest", JsonBody(JsonSerializer.Serialize(new { text = WebHost.Article("cotton") })));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ingest_NoKeyConfigured_403WritesDisabled()
    {
        using var host = new WebHost(new() { ["Storyline:ApiKey"] = null });
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "anything");
        await ShouldBeProblem(await client.PostAsync("/api/ingest", JsonBody("""{"text": "hello"}""")), HttpStatusCode.Forbidden, "Writes are disabled");
    }

    [Theory]
    [InlineData("""{"text": "a", "url": "https://example.com/"}""", "exactly one of")]
    [InlineData("""{}""", "exactly one of")]
    [InlineData("""{"text": "   "}""", "text is empty")]
    [InlineData("""{"text": "some text", "published": "next week"}""", "published is not a date")]
    [InlineData("""{"url": "ftp://example.com/a"}""", "http or https")]
    [InlineData("""{"url": "https://example.com/", "title": "t"}""", "go with text")]
    [InlineData("""{"records": []}""", "records is empty")]
    public async Task Ingest_BadRequest_400ProblemSaysWhy(string body, string detail)
    {
        var response = await _host.KeyedClient().PostAsync("/api/ingest", JsonBody(body));
        await ShouldBeProblem(response, HttpStatusCode.BadRequest, "Invalid ingest request");
        (await Json(response)).GetProperty("detail").GetString()!.ShouldContain(detail);
    }

    [Theory]
    [InlineData("{\"text\": ", "not valid JSON")]
    [InlineData("{\"txt\": \"hello\"}", "Unknown property $.txt")]
    [InlineData("[1, 2]", "not valid JSON")]
    public async Task Ingest_MalformedJson_400Problem(string body, string detail)
    {
        var response = await _host.KeyedClient().PostAsync("/api/ingest", JsonBody(body));
        await ShouldBeProblem(response, HttpStatusCode.BadRequest, "Malformed JSON");
        (await Json(response)).GetProperty("detail").GetString()!.ShouldContain(detail);
    }

    [Fact]
    public async Task Ingest_NotJson_415Problem() =>
        await ShouldBeProblem(await _host.KeyedClient().PostAsync("/api/ingest", new StringContent("text=hello", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "JSON expected");

    [Fact]
    public async Task Ingest_BodyOverLimit_413Problem()
    {
        using var host = new WebHost(new() { ["Storyline:MaxRequestBytes"] = "2000" });
        var response = await host.KeyedClient().PostAsync("/api/ingest", JsonBody(JsonSerializer.Serialize(new { text = new string('a', 5000) })));
        await ShouldBeProblem(response, HttpStatusCode.RequestEntityTooLarge, "Request too large");
        (await Json(response)).GetProperty("detail").GetString()!.ShouldContain("2,000-byte limit");
    }

    [Fact]
    public async Task Ingest_ChunkedBodyOverLimit_413Problem()
    {
        using var host = new WebHost(new() { ["Storyline:MaxRequestBytes"] = "2000" });
        // No Content-Length: the limit must hold while reading.
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { text = new string('a', 5000) }))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Api-Key", WebHost.Key);
        await ShouldBeProblem(await host.CreateClient().SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "Request too large");
    }

    [Fact]
    public async Task Ingest_ChunkedBodyOverLimitOnKestrel_413Problem()
    {
        // The test host does not enforce Kestrel's body limit; the real server throws from the body stream before the endpoint's own cap.
        using var host = new WebHost(new() { ["Storyline:MaxRequestBytes"] = "2000" });
        host.UseKestrel(0);
        host.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri(KestrelAddress(host)) };
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { text = new string('a', 50_000) }))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Api-Key", WebHost.Key);
        var response = await client.SendAsync(request);
        await ShouldBeProblem(response, HttpStatusCode.RequestEntityTooLarge, "Request too large");
        (await Json(response)).GetProperty("detail").GetString()!.ShouldContain("2,000-byte limit");
    }

    private static string KestrelAddress(WebHost host) =>
        host.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    [Fact]
    public async Task Ingest_OverWriteRateLimit_429()
    {
        using var host = new WebHost(new() { ["Storyline:WritesPerMinute"] = "1" });
        var client = host.KeyedClient();
        (await client.PostAsync("/api/ingest", JsonBody("""{"text": "   "}"""))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await ShouldBeProblem(await client.PostAsync("/api/ingest", JsonBody("""{"text": "   "}""")), HttpStatusCode.TooManyRequests, "Too many requests");
    }

    [Fact]
    public async Task Ingest_LoopbackUrl_RefusedByDefaultAllowedWhenConfigured()
    {
        await using var site = await ArticleServer.StartAsync();
        var refused = await Json(await _host.KeyedClient().PostAsync("/api/ingest", JsonContent.Create(new { url = site.Url })));
        var result = refused.GetProperty("results")[0];
        result.GetProperty("status").GetString().ShouldBe("failed");
        result.GetProperty("error").GetString()!.ShouldContain("non-public address");
        result.GetProperty("error").GetString()!.ShouldContain("Storyline:AllowPrivateUrls");
        site.Requests.ShouldBe(0);

        using var open = new WebHost(new() { ["Storyline:AllowPrivateUrls"] = "true" });
        var allowed = await Json(await open.KeyedClient().PostAsync("/api/ingest", JsonContent.Create(new { url = site.Url })));
        allowed.GetProperty("results")[0].GetProperty("status").GetString().ShouldBe("ingested", allowed.ToString());
        allowed.GetProperty("results")[0].GetProperty("title").GetString().ShouldBe(ArticleServer.Headline);
    }

    [Fact]
    public async Task Ingest_UrlAnswering503Once_RetriedByTheAppsFetchClientAndIngested()
    {
        await using var site = await ArticleServer.StartAsync(failFirst: 1);
        using var open = new WebHost(new() { ["Storyline:AllowPrivateUrls"] = "true" });
        var allowed = await Json(await open.KeyedClient().PostAsync("/api/ingest", JsonContent.Create(new { url = site.Url })));
        allowed.GetProperty("results")[0].GetProperty("status").GetString().ShouldBe("ingested", allowed.ToString());
        site.Requests.ShouldBe(2);
    }

    [Fact]
    public async Task Reads_KeyRequiredForReads_401Without200With()
    {
        using var host = new WebHost(new() { ["Storyline:RequireKeyForReads"] = "true" });
        await ShouldBeProblem(await host.CreateClient().GetAsync("/api/documents"), HttpStatusCode.Unauthorized, "API key required");
        await ShouldBeProblem(await host.CreateClient().GetAsync("/api/search?q=a"), HttpStatusCode.Unauthorized, "API key required");
        await ShouldBeProblem(await host.CreateClient().GetAsync("/api/documents/1/original"), HttpStatusCode.Unauthorized, "API key required");
        (await host.KeyedClient().GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownApiRoute_404Problem() =>
        await ShouldBeProblem(await _host.CreateClient().GetAsync("/api/nothing-here"), HttpStatusCode.NotFound, "Not found");

    [Fact]
    public async Task OpenApi_Document_DescribesEveryEndpointAndTheKey()
    {
        var response = await _host.CreateClient().GetAsync("/api/openapi.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await Json(response);
        doc.GetProperty("info").GetProperty("title").GetString().ShouldBe("Storyline API");
        var paths = doc.GetProperty("paths");
        paths.EnumerateObject().Select(p => p.Name).Order().ShouldBe(
            ["/api/documents", "/api/documents/{id}", "/api/documents/{id}/original", "/api/ingest", "/api/search", "/api/speakers", "/api/statements",
             "/api/stories", "/api/stories/{id}", "/api/stories/{id}/briefing", "/api/stories/{id}/claims", "/api/stories/{id}/timeline", "/healthz"]);
        paths.GetProperty("/api/stories/{id}").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _).ShouldBeTrue();
        paths.GetProperty("/api/statements").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString())
            .ShouldBe(["speaker", "camp", "from", "to", "story", "q", "limit", "offset"], ignoreOrder: true);
        paths.GetProperty("/api/ingest").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).ShouldBeTrue();
        paths.GetProperty("/api/search").GetProperty("get").GetProperty("responses").TryGetProperty("429", out _).ShouldBeTrue();
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        scheme.GetProperty("name").GetString().ShouldBe("X-Api-Key");
    }

    [Theory]
    [InlineData("/api/documents/{id}", "get", "200,400,401,403,404")]
    [InlineData("/api/stories/{id}/briefing", "get", "200,400,401,403,404")]
    [InlineData("/api/search", "get", "200,400,401,403,429")]
    [InlineData("/api/statements", "get", "200,400,401,403,404,429")]
    [InlineData("/api/ingest", "post", "200,400,401,403,413,415,429")]
    [InlineData("/healthz", "get", "200,503")]
    public async Task OpenApi_Endpoint_ListsEveryResponse(string path, string method, string statuses)
    {
        var doc = await Json(await _host.CreateClient().GetAsync("/api/openapi.json"));
        var responses = doc.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        responses.EnumerateObject().Select(r => r.Name).Order().ShouldBe(statuses.Split(','));
        foreach (var status in statuses.Split(',').Where(s => s is not ("200" or "503")))
            responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue(status);
    }

    [Fact]
    public async Task OpenApi_TypedParameters_CarryTypesAndLimits()
    {
        var doc = await Json(await _host.CreateClient().GetAsync("/api/openapi.json"));
        var parameters = doc.GetProperty("paths").GetProperty("/api/search").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));
        parameters.Keys.ShouldBe(["q", "limit"], ignoreOrder: true);
        parameters["limit"].ToString().ShouldContain("integer");
        parameters["limit"].GetProperty("maximum").GetInt32().ShouldBe(100);
        doc.GetProperty("paths").GetProperty("/api/documents/{id}").GetProperty("get").GetProperty("parameters")[0].GetProperty("schema").ToString().ShouldContain("integer");
    }

    [Theory]
    [InlineData("/api/search?q=a&limit=abc", "Invalid limit", "limit: 'abc' is not a whole number.")]
    [InlineData("/api/documents?offset=x", "Invalid offset", "offset must be a whole number, 0 or more.")]
    [InlineData("/api/documents/abc", "Invalid document id", "'abc' is not a document id (a positive whole number).")]
    [InlineData("/api/documents/99999999999999999999", "Invalid document id", "'99999999999999999999' is not a document id (a positive whole number).")]
    public async Task TypedParameter_NotOfItsType_400ProblemNamingTheValue(string path, string title, string detail)
    {
        var response = await _host.CreateClient().GetAsync(path);
        await ShouldBeProblem(response, HttpStatusCode.BadRequest, title);
        (await Json(response)).GetProperty("detail").GetString().ShouldBe(detail);
    }

    [Theory]
    [InlineData("/api/documents")]
    [InlineData("/")]
    [InlineData("/search?q=x")]
    [InlineData("/no-such-page")]
    public async Task AnyResponse_SecurityHeaders(string path)
    {
        var response = await _host.CreateClient().GetAsync(path);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("object-src 'none'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
    }

    public void Dispose() => _host.Dispose();
}
