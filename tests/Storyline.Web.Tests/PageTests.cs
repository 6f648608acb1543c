using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Storyline.Web.Services;

namespace Storyline.Web.Tests;

public class PageTests : IDisposable
{
    private readonly WebHost _host = new();

    private HttpClient Browser() => _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Documents_TwoStored_TableWithTitleSourceDateWordsNewestFirst()
    {
        await _host.AddTextAsync(WebHost.Article("cotton"), source: "Wire One", published: "2019-03-01");
        await _host.AddTextAsync(WebHost.Article("tariffs", 2), source: "Wire Two", published: "2021-05-02");
        var page = await Forms.Page(_host.CreateClient(), "/documents");
        var rows = page.QuerySelectorAll("table.documents tbody tr");
        rows.Length.ShouldBe(2);
        var cells = rows[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        cells[0].ShouldBe("Officials weigh tariffs measures");
        cells[1].ShouldBe("Wire Two");
        cells[2].ShouldBe("2021-05-02");
        int.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(40);
        rows[1].QuerySelector("a")!.TextContent.ShouldBe("Officials weigh cotton measures");
    }

    [Fact]
    public async Task Documents_Empty_InvitesToAdd()
    {
        var page = await Forms.Page(_host.CreateClient(), "/documents");
        page.QuerySelector("p.empty")!.TextContent.ShouldContain("No coverage stored yet");
        page.QuerySelector("p.empty a")!.GetAttribute("href").ShouldBe("/add");
    }

    [Fact]
    public async Task Document_Stored_ParagraphsHeadingsAndMetadata()
    {
        var text = "Ministers clash over cotton rules\n\n" +
            "The ministers met on 3 March 2021 to discuss the cotton rules that exporters say will cost them dearly this season.\n\n" +
            "What happens next\n\n" +
            "Officials said a second meeting would follow within weeks, according to people familiar with the talks in the capital.";
        var id = await _host.AddTextAsync(text, source: "Wire");
        var page = await Forms.Page(_host.CreateClient(), $"/documents/{id}");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Ministers clash over cotton rules");
        var body = page.QuerySelector("div.body")!;
        body.QuerySelectorAll("p").Select(p => p.TextContent).ShouldBe([
            "The ministers met on 3 March 2021 to discuss the cotton rules that exporters say will cost them dearly this season.",
            "Officials said a second meeting would follow within weeks, according to people familiar with the talks in the capital."]);
        body.QuerySelector("h2")!.TextContent.ShouldBe("What happens next");
        var meta = page.QuerySelector("aside.metadata")!.TextContent;
        meta.ShouldContain("Wire");
        meta.ShouldContain("2021-03-03");
        page.QuerySelector("aside.metadata .estimate")!.TextContent.ShouldBe("estimated");
        meta.ShouldContain("3 March 2021"); // the evidence the estimate rests on
        page.QuerySelector("a[href$='/original']")!.GetAttribute("href").ShouldBe($"/documents/{id}/original");
    }

    [Fact]
    public async Task Document_OriginalLink_DownloadsRawBytesAsAttachment()
    {
        var text = WebHost.Article("cotton");
        var id = await _host.AddTextAsync(text);
        var response = await _host.CreateClient().GetAsync($"/documents/{id}/original");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).ShouldBe(text);
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Theory]
    [InlineData("/documents/999")]
    [InlineData("/documents/abc")]
    [InlineData("/no-such-page")]
    public async Task Document_Unknown_404Page(string path)
    {
        var response = await _host.CreateClient().GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await Forms.Parse(response)).QuerySelector("p.error")!.TextContent.ShouldContain("no such page or document");
    }

    [Fact]
    public async Task Search_Word_SnippetHighlightsMatchWithMark()
    {
        var id = await _host.AddTextAsync(WebHost.Article("cotton"));
        await _host.AddTextAsync(WebHost.Article("football", 2));
        var page = await Forms.Page(_host.CreateClient(), "/search?q=cotton");
        var hits = page.QuerySelectorAll("ol.hits li");
        hits.Length.ShouldBe(1);
        hits[0].QuerySelector("a.title")!.GetAttribute("href").ShouldBe($"/documents/{id}");
        hits[0].QuerySelectorAll("mark").Select(m => m.TextContent).ShouldAllBe(t => t == "cotton");
        hits[0].QuerySelectorAll("mark").Length.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Search_NoMatch_SaysSo()
    {
        await _host.AddTextAsync(WebHost.Article("cotton"));
        var page = await Forms.Page(_host.CreateClient(), "/search?q=zeppelin");
        page.QuerySelector("p.empty")!.TextContent.ShouldContain("zeppelin");
    }

    [Fact]
    public async Task Add_SignedInPaste_IngestsAndShowsResult()
    {
        var client = Browser();
        (await Forms.SignIn(client, WebHost.Key)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var response = await Forms.Paste(client, WebHost.Article("cotton"), source: "Wire", published: "2020-07-10");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Forms.Parse(response);
        var row = page.QuerySelector("section.results tbody tr")!;
        row.TextContent.ShouldContain("added");
        var link = row.QuerySelector("a")!;
        link.TextContent.ShouldBe("Officials weigh cotton measures");
        var list = await Forms.Page(client, "/documents");
        list.QuerySelector("table.documents a")!.GetAttribute("href").ShouldBe(link.GetAttribute("href"));
    }

    [Fact]
    public async Task Add_BadDate_400WithMessageAndNothingStored()
    {
        var client = Browser();
        await Forms.SignIn(client, WebHost.Key);
        var response = await Forms.Paste(client, WebHost.Article("cotton"), published: "the other day");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Forms.Parse(response)).QuerySelector("p.error")!.TextContent.ShouldContain("is not a date");
        (await Forms.Page(client, "/documents")).QuerySelectorAll("table.documents tbody tr").Length.ShouldBe(0);
    }

    [Fact]
    public async Task Add_Upload_EachFileReported()
    {
        var client = Browser();
        await Forms.SignIn(client, WebHost.Key);
        var page = await Forms.Page(client, "/add");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Forms.Token(page, "Upload")), "__csrf" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(WebHost.Article("cotton"))), "Files", "cotton.txt" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(WebHost.ArticleHtml("Council plan", "housing"))), "Files", "plan.html" },
            { new ByteArrayContent([1, 2, 3]), "Files", "picture.png" },
        };
        var response = await client.PostAsync("/add?handler=Upload", form);
        // A batch: the browser is sent to its progress page, which refreshes itself (no script) until every file has its outcome.
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var status = response.Headers.Location!.ToString();
        status.ShouldMatch("^/add/jobs/[0-9a-f]{32}$");
        var result = await Forms.FollowJob(client, status);
        result.QuerySelector("meta[http-equiv=refresh]").ShouldBeNull();
        result.QuerySelector("p.job-status")!.TextContent.ShouldContain("done, 3 inputs");
        var rows = result.QuerySelectorAll("section.results tbody tr");
        rows.Length.ShouldBe(3);
        rows[0].TextContent.ShouldContain("added");
        rows[1].TextContent.ShouldContain("Council plan");
        rows[2].TextContent.ShouldContain("unsupported file type '.png'");
    }

    [Fact]
    public async Task AddJob_Running_RefreshesItselfAndListsOutcomesSoFar()
    {
        var jobs = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IngestJobs>(_host.Services);
        var release = new TaskCompletionSource();
        var id = (await jobs.StartAsync("2 files", async (onResult, ct) =>
        {
            onResult(new Storyline.Ingestion.IngestResult("first.txt", Storyline.Ingestion.IngestStatus.Failed, null, null, "unsupported file type '.txt'", null));
            await release.Task.WaitAsync(ct);
        }, CancellationToken.None)).ShouldNotBeNull();
        // Outcomes reach the store as they come: wait for the first.
        AngleSharp.Dom.IDocument running;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do running = await Forms.Page(_host.CreateClient(), $"/add/jobs/{id}");
        while (running.QuerySelectorAll("section.results tbody tr").Length == 0 && DateTime.UtcNow < deadline);
        running.QuerySelector("meta[http-equiv=refresh]")!.GetAttribute("content").ShouldBe("1");
        running.QuerySelector("p.job-status")!.TextContent.ShouldContain("1 input done so far");
        running.QuerySelectorAll("section.results tbody tr").Length.ShouldBe(1);
        release.SetResult();
        var done = await Forms.FollowJob(_host.CreateClient(), $"/add/jobs/{id}");
        done.QuerySelector("meta[http-equiv=refresh]").ShouldBeNull();
        done.QuerySelector("h1")!.TextContent.ShouldBe("Added coverage");
    }

    [Fact]
    public async Task AddJob_StartedOnOneInstance_ProgressShownByAnotherOnTheSameStore()
    {
        // Two instances behind a proxy: the batch runs where it was accepted; its page answers from either, without sticky sessions.
        using var other = new WebHost(new() { ["Storyline:Store"] = _host.Store });
        var jobs = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IngestJobs>(_host.Services);
        var id = (await jobs.StartAsync("1 file", (onResult, ct) =>
        {
            onResult(new Storyline.Ingestion.IngestResult("only.txt", Storyline.Ingestion.IngestStatus.Failed, null, null, "no text given", null));
            return Task.CompletedTask;
        }, CancellationToken.None)).ShouldNotBeNull();
        var done = await Forms.FollowJob(other.CreateClient(), $"/add/jobs/{id}");
        done.QuerySelector("p.job-status")!.TextContent.ShouldContain("done, 1 input");
        done.QuerySelector("section.results tbody tr")!.TextContent.ShouldContain("no text given");
    }

    [Fact]
    public async Task AddJob_InstanceRunningItKilled_ShownInterruptedWithOutcomesSoFar()
    {
        // A batch whose instance died mid-run: started and last heard of ten minutes ago, one outcome written, never finished.
        var started = DateTimeOffset.UtcNow.AddMinutes(-10);
        await using (var store = await Storyline.Storage.Sqlite.SqliteDocumentStore.OpenAsync(_host.Store))
        {
            await store.CreateJobAsync("0123456789abcdef0123456789abcd01", "2 files", started);
            await store.AddJobResultAsync("0123456789abcdef0123456789abcd01", 0,
                new Storyline.Ingestion.IngestResult("first.txt", Storyline.Ingestion.IngestStatus.Ingested, 1, null, null, "First"));
        }
        var page = await Forms.Page(_host.CreateClient(), "/add/jobs/0123456789abcdef0123456789abcd01");
        page.QuerySelector("meta[http-equiv=refresh]").ShouldBeNull();
        page.QuerySelector("p.error")!.TextContent.ShouldContain("was interrupted");
        page.QuerySelectorAll("section.results tbody tr").Length.ShouldBe(1);

        // One heard of within the silence allowed is still running.
        await using (var store = await Storyline.Storage.Sqlite.SqliteDocumentStore.OpenAsync(_host.Store))
            await store.BeatJobAsync("0123456789abcdef0123456789abcd01", DateTimeOffset.UtcNow);
        var running = await Forms.Page(_host.CreateClient(), "/add/jobs/0123456789abcdef0123456789abcd01");
        running.QuerySelector("meta[http-equiv=refresh]").ShouldNotBeNull();
        running.QuerySelector("p.error").ShouldBeNull();
    }

    [Fact]
    public async Task AddJob_Running_InstanceWritesHeartbeats()
    {
        using var host = new WebHost(new() { ["Storyline:JobHeartbeatSeconds"] = "1" });
        var jobs = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IngestJobs>(host.Services);
        var release = new TaskCompletionSource();
        var id = (await jobs.StartAsync("1 file", (_, ct) => release.Task.WaitAsync(ct), CancellationToken.None)).ShouldNotBeNull();
        await using var store = await Storyline.Storage.Sqlite.SqliteDocumentStore.OpenAsync(host.Store);
        var started = (await store.GetJobAsync(id)).ShouldNotBeNull().Started;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await store.GetJobAsync(id))!.LastSeen <= started && DateTime.UtcNow < deadline) await Task.Delay(100);
        (await store.GetJobAsync(id))!.LastSeen.ShouldBeGreaterThan(started);
        release.SetResult();
    }

    [Fact]
    public async Task AddJob_Unknown_404() =>
        (await _host.CreateClient().GetAsync("/add/jobs/0123456789abcdef0123456789abcdef")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

    [Fact]
    public async Task Add_WithoutSignIn_RefusedAndNothingStored()
    {
        var client = Browser();
        var page = await Forms.Page(client, "/add");
        page.QuerySelector("p.notice")!.TextContent.ShouldContain("Sign in");
        page.QuerySelector("textarea").ShouldBeNull();
        // A forged post (with a valid antiforgery token from another page) is still refused without the session.
        var token = Forms.Token(await Forms.Page(client, "/signin"));
        var response = await client.PostAsync("/add?handler=Paste", new FormUrlEncodedContent(new Dictionary<string, string> { ["__csrf"] = token, ["Text"] = WebHost.Article("cotton") }));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Forms.Page(client, "/documents")).QuerySelectorAll("table.documents tbody tr").Length.ShouldBe(0);
    }

    [Fact]
    public async Task Add_PostWithoutAntiforgeryToken_400AndNothingStored()
    {
        var client = Browser();
        await Forms.SignIn(client, WebHost.Key);
        var response = await client.PostAsync("/add?handler=Paste", new FormUrlEncodedContent(new Dictionary<string, string> { ["Text"] = WebHost.Article("cotton") }));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Forms.Page(client, "/documents")).QuerySelectorAll("table.documents tbody tr").Length.ShouldBe(0);
    }

    [Fact]
    public async Task Add_NoKeyConfigured_FormsDisabled()
    {
        using var host = new WebHost(new() { ["Storyline:ApiKey"] = null });
        var page = await Forms.Page(host.CreateClient(), "/add");
        page.QuerySelector("p.notice")!.TextContent.ShouldContain("disabled");
        page.QuerySelector("form textarea").ShouldBeNull();
    }

    [Fact]
    public async Task EveryPostForm_CarriesAntiforgeryToken()
    {
        var client = Browser();
        await Forms.SignIn(client, WebHost.Key);
        foreach (var path in new[] { "/", "/add", "/search", "/signin" })
        {
            var page = await Forms.Page(client, path);
            foreach (var form in page.QuerySelectorAll("form").Where(f => !string.Equals(f.GetAttribute("method"), "get", StringComparison.OrdinalIgnoreCase)))
                form.QuerySelector("input[name=__csrf]").ShouldNotBeNull($"a form on {path} has no antiforgery token");
        }
    }

    [Fact]
    public async Task SignIn_WrongKey_401NoCookie()
    {
        var client = Browser();
        var response = await Forms.SignIn(client, "not-the-key");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).ShouldNotContain(c => c.StartsWith("storyline_session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_RightKey_HttpOnlyStrictSessionCookieWithoutTheKey()
    {
        var response = await Forms.SignIn(Browser(), WebHost.Key);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("storyline_session=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=strict");
        cookie.ShouldNotContain(WebHost.Key);
    }

    [Fact]
    public async Task SignIn_ExternalReturnUrl_StaysOnSite()
    {
        var client = Browser();
        var page = await Forms.Page(client, "/signin?returnUrl=https://evil.example/");
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__csrf"] = Forms.Token(page), ["Key"] = WebHost.Key, ["ReturnUrl"] = "https://evil.example/",
        }));
        response.Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task ReadsNeedKey_Pages_RedirectToSignInUntilSignedIn()
    {
        using var host = new WebHost(new() { ["Storyline:RequireKeyForReads"] = "true" });
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/search?q=x");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/signin?returnUrl=%2Fsearch%3Fq%3Dx");
        (await client.GetAsync("/documents/1/original")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await Forms.SignIn(client, WebHost.Key);
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Stylesheet_SelfHosted()
    {
        var page = await Forms.Page(_host.CreateClient(), "/documents");
        var href = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        href.ShouldStartWith("/assets/site.css");
        var css = await _host.CreateClient().GetAsync(href);
        css.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
        (await css.Content.ReadAsStringAsync()).ShouldContain("mark {");
        page.QuerySelectorAll("script").Length.ShouldBe(0);
    }

    public void Dispose() => _host.Dispose();
}
