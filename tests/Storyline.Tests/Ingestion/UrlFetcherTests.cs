using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text;
using Storyline.Ingestion;
using Storyline.Tests.TestSupport;

namespace Storyline.Tests.Ingestion;

public class UrlFetcherTests
{
    private static readonly byte[] Page = Encoding.UTF8.GetBytes("<html><body><article><p>Hello from a local page.</p></article></body></html>");

    // Short retry waits: the backoff itself is Polly's, what is tested here is which failures are retried.
    private static FetchOptions Allowing(double seconds = 5, long maxBytes = 1_000_000, int redirects = 3) =>
        new(TimeSpan.FromSeconds(seconds), maxBytes, redirects, AllowPrivate: true) { RetryDelay = TimeSpan.FromMilliseconds(20) };

    [Fact]
    public async Task FetchAsync_ServiceUnavailableThenOk_RetriesAndReturnsContent()
    {
        var requests = 0;
        using var server = new LocalHttpServer(c => Interlocked.Increment(ref requests) == 1
            ? LocalHttpServer.Respond(c, "text/plain", [], (int)HttpStatusCode.ServiceUnavailable)
            : LocalHttpServer.Respond(c, "text/html", Page));
        using var fetcher = new UrlFetcher(Allowing());
        (await fetcher.FetchAsync(server.Prefix, default)).Content.ShouldBe(Page);
        requests.ShouldBe(2);
    }

    [Fact]
    public async Task FetchAsync_ServiceUnavailableEveryTime_FailsAfterRetries()
    {
        var requests = 0;
        using var server = new LocalHttpServer(c =>
        {
            Interlocked.Increment(ref requests);
            return LocalHttpServer.Respond(c, "text/plain", [], (int)HttpStatusCode.ServiceUnavailable);
        });
        using var fetcher = new UrlFetcher(Allowing() with { MaxRetries = 2 });
        (await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync(server.Prefix, default))).Message.ShouldStartWith("HTTP 503");
        requests.ShouldBe(3);
    }

    [Fact]
    public async Task FetchAsync_ClientError_NotRetried()
    {
        var requests = 0;
        using var server = new LocalHttpServer(c =>
        {
            Interlocked.Increment(ref requests);
            return LocalHttpServer.Respond(c, "text/plain", [], (int)HttpStatusCode.NotFound);
        });
        using var fetcher = new UrlFetcher(Allowing());
        await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync(server.Prefix, default));
        requests.ShouldBe(1);
    }

    [Fact]
    public async Task FetchAsync_PerHostConcurrencyOne_FetchesOneAtATime()
    {
        int inFlight = 0, most = 0;
        using var server = new LocalHttpServer(async c =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (Page) most = Math.Max(most, now);
            await Task.Delay(100);
            Interlocked.Decrement(ref inFlight);
            await LocalHttpServer.Respond(c, "text/html", Page);
        });
        using var fetcher = new UrlFetcher(Allowing() with { PerHostConcurrency = 1 });
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => fetcher.FetchAsync(server.Prefix + i, default)));
        most.ShouldBe(1);
    }

    [Fact]
    public async Task AddUrlFetcher_FromContainer_FetchesAndStillRefusesLoopback()
    {
        using var server = new LocalHttpServer(c => LocalHttpServer.Respond(c, "text/html", Page));
        using (var allowing = new ServiceCollection().AddUrlFetcher(_ => Allowing()).BuildServiceProvider())
            (await allowing.GetRequiredService<UrlFetcher>().FetchAsync(server.Prefix, default)).Content.ShouldBe(Page);
        using var guarded = new ServiceCollection().AddUrlFetcher(_ => FetchOptions.Default).BuildServiceProvider();
        (await Should.ThrowAsync<FetchException>(() => guarded.GetRequiredService<UrlFetcher>().FetchAsync(server.Prefix, default))).Message.ShouldContain("non-public address 127.0.0.1");
    }

    [Fact]
    public async Task FetchAsync_LoopbackWithoutAllowPrivate_Refused()
    {
        using var server = new LocalHttpServer(c => LocalHttpServer.Respond(c, "text/html", Page));
        using var fetcher = new UrlFetcher(FetchOptions.Default);
        var e = await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync(server.Prefix, default));
        e.Message.ShouldContain("non-public address 127.0.0.1");
        e.Message.ShouldContain("--allow-private");
    }

    [Fact]
    public async Task FetchAsync_LocalhostName_RefusedAfterResolution()
    {
        using var server = new LocalHttpServer(c => LocalHttpServer.Respond(c, "text/html", Page));
        using var fetcher = new UrlFetcher(FetchOptions.Default);
        var url = server.Prefix.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        (await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync(url, default))).Message.ShouldContain("non-public");
    }

    [Fact]
    public async Task FetchAsync_LoopbackAllowed_ReturnsContentAndType()
    {
        using var server = new LocalHttpServer(c => LocalHttpServer.Respond(c, "text/html; charset=utf-8", Page));
        using var fetcher = new UrlFetcher(Allowing());
        var fetched = await fetcher.FetchAsync(server.Prefix + "a", default);
        fetched.Content.ShouldBe(Page);
        fetched.ContentType.ShouldBe("text/html");
        fetched.Charset.ShouldBe("utf-8");
    }

    [Fact]
    public async Task FetchAsync_SlowServer_TimesOut()
    {
        using var server = new LocalHttpServer(async c => { await Task.Delay(3000); await LocalHttpServer.Respond(c, "text/html", Page); });
        using var fetcher = new UrlFetcher(Allowing(seconds: 0.5));
        (await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync(server.Prefix, default))).Message.ShouldContain("timed out");
    }

    [Fact]
    public async Task FetchAsync_ResponseOverCap_Refused()
    {
        using var server = new LocalHttpServer(c => LocalHttpServer.Respond(c, "text/html", new byte[200_000]));
        using var fetcher = new UrlFetcher(Allowing(maxBytes: 100_000));
        (await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync(server.Prefix, default))).Message.ShouldContain("100,000-byte limit");
    }

    [Fact]
    public async Task FetchAsync_EndlessRedirects_StopsAtLimit()
    {
        using var server = new LocalHttpServer(c =>
        {
            c.Response.StatusCode = 302;
            c.Response.RedirectLocation = c.Request.Url!.AbsolutePath + "x";
            return Task.CompletedTask;
        });
        using var fetcher = new UrlFetcher(Allowing(redirects: 3));
        (await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync(server.Prefix, default))).Message.ShouldContain("redirects");
    }

    [Theory]
    [InlineData("file:///etc/passwd", "redirect to a file: URL refused")]
    [InlineData("data:text/html,<p>hi</p>", "redirect to a data: URL refused")]
    [InlineData("javascript:alert(1)", "redirect to a javascript: URL refused")]
    [InlineData("ftp://example.com/x", "redirect to a ftp: URL refused")]
    [InlineData("http://[::1", "malformed redirect Location")]
    [InlineData("http://exa mple.com:99999/", "malformed redirect Location")]
    public async Task FetchAsync_RedirectToUnusableLocation_FailsWithReason(string location, string expected)
    {
        using var server = new RawHttpServer(_ => RawHttpServer.Redirect(location));
        using var fetcher = new UrlFetcher(Allowing());
        var e = await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync(server.Prefix, default));
        e.Message.ShouldContain(expected);
        e.Message.ShouldNotContain("\n");
    }

    [Fact]
    public async Task FetchAsync_RedirectWithoutLocation_FailsWithReason()
    {
        using var server = new RawHttpServer(_ => ("HTTP/1.1 302 Found", []));
        using var fetcher = new UrlFetcher(Allowing());
        (await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync(server.Prefix, default))).Message.ShouldContain("redirect without a Location");
    }

    [Theory]
    [InlineData("/final")]
    [InlineData("final")]
    [InlineData("../final?x=1")]
    public async Task FetchAsync_RelativeRedirect_FollowedAgainstRequestUrl(string location)
    {
        using var server = new RawHttpServer(path => path.StartsWith("/final", StringComparison.Ordinal)
            ? RawHttpServer.Html("<html><body><p>Arrived.</p></body></html>")
            : RawHttpServer.Redirect(location));
        using var fetcher = new UrlFetcher(Allowing());
        var fetched = await fetcher.FetchAsync(server.Prefix + "start", default);
        Encoding.UTF8.GetString(fetched.Content).ShouldContain("Arrived.");
        fetched.FinalUrl.ShouldStartWith(server.Prefix + "final");
    }

    [Fact]
    public async Task FetchAsync_RedirectToPrivateAddress_RefusedOnTheAddressDialled()
    {
        // Only the test server's own address counts as public here, so a redirect to another loopback address is the private target.
        using var server = new RawHttpServer(_ => RawHttpServer.Redirect("http://127.0.0.2:9/latest/meta-data"));
        using var fetcher = new UrlFetcher(Allowing() with { AllowPrivate = false }, refuse: a => !a.Equals(IPAddress.Loopback) && AddressPolicy.IsNonPublic(a));
        var e = await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync(server.Prefix, default));
        e.Message.ShouldContain("non-public address 127.0.0.2");
        server.Requests.ShouldBe(1);
    }

    [Fact]
    public async Task FetchAsync_RedirectChain_CountsEachHop()
    {
        using var server = new RawHttpServer(path => path == "/3" ? RawHttpServer.Html("<p>end</p>") : RawHttpServer.Redirect("/" + (int.Parse(path.TrimStart('/') is { Length: > 0 } n ? n : "0") + 1)));
        using (var fetcher = new UrlFetcher(Allowing(redirects: 3)))
            (await fetcher.FetchAsync(server.Prefix, default)).FinalUrl.ShouldBe(server.Prefix + "3");
        using (var fetcher = new UrlFetcher(Allowing(redirects: 2)))
            (await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync(server.Prefix, default))).Message.ShouldBe("too many redirects (limit 2)");
    }

    [Fact]
    public async Task FetchAsync_NotFound_ReportsStatus()
    {
        using var server = new LocalHttpServer(c => LocalHttpServer.Respond(c, "text/plain", [], (int)HttpStatusCode.NotFound));
        using var fetcher = new UrlFetcher(Allowing());
        (await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync(server.Prefix, default))).Message.ShouldStartWith("HTTP 404");
    }

    [Fact]
    public async Task FetchAsync_ClosedPort_ReportsUnreachable()
    {
        using var fetcher = new UrlFetcher(Allowing());
        (await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync("http://127.0.0.1:9/", default))).Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("ftp://example.com/x")]
    [InlineData("not a url")]
    public async Task FetchAsync_NotHttp_Refused(string url)
    {
        using var fetcher = new UrlFetcher(FetchOptions.Default);
        (await Should.ThrowAsync<FetchException>(() => fetcher.FetchAsync(url, default))).Message.ShouldBe("not an http(s) URL");
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2606:4700::1111", false)]
    public void IsNonPublic_Address_Classified(string address, bool expected) =>
        AddressPolicy.IsNonPublic(IPAddress.Parse(address)).ShouldBe(expected);
}
