using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Storyline.Web.Services;

/// <summary>Once the app listens, requests the home page, the first story it links to and the people page over loopback, so that the
/// first reader does not pay for compiling the pages and the store's queries (about 0.3 s of a fresh process's first page). Reads only;
/// skipped when reads need a key, and under a test host (no address).</summary>
public sealed partial class PageWarmUp(IServer server, IHostApplicationLifetime lifetime, IOptions<WebOptions> options, ILogger<PageWarmUp> logger)
    : IHostedService
{
    private Task _run = Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WarmUp && !options.Value.RequireKeyForReads)
            lifetime.ApplicationStarted.Register(() => _run = Task.Run(() => RunAsync(lifetime.ApplicationStopping)));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => _run.WaitAsync(cancellationToken);

    private async Task RunAsync(CancellationToken stopping)
    {
        if (LoopbackAddress(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []) is not { } address) return;
        var clock = Stopwatch.StartNew();
        try
        {
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            var home = await client.GetStringAsync("/", stopping).ConfigureAwait(false);
            foreach (var path in PathsLinkedFrom(home))
            {
                using var response = await client.GetAsync(path, stopping).ConfigureAwait(false);
                // A page that fails here warmed nothing: say so rather than claim the pages are warm.
                if (!response.IsSuccessStatusCode)
                    logger.LogWarning("page warm-up: {Path} answered {Status}", path, (int)response.StatusCode);
            }
            logger.LogInformation("warmed up the pages in {Milliseconds} ms", clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Only the first reader's wait is at stake.
            logger.LogDebug(e, "page warm-up stopped");
        }
    }

    /// <summary>The pages the warm-up requests after the home page: the first story it links to, then the people page.</summary>
    internal static IReadOnlyList<string> PathsLinkedFrom(string home) =>
        StoryLink().Match(home) is { Success: true } story ? [story.Groups[1].Value, "/people"] : ["/people"];

    /// <summary>The first plain-HTTP address the server listens on, with a wildcard host replaced by loopback; null when there is none.</summary>
    internal static Uri? LoopbackAddress(IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            if (!address.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) continue;
            var wildcard = WildcardHost().Replace(address, "http://127.0.0.1:");
            if (Uri.TryCreate(wildcard, UriKind.Absolute, out var uri)) return uri;
        }
        return null;
    }

    [GeneratedRegex("""href="(/stories/\d+)""")]
    private static partial Regex StoryLink();

    [GeneratedRegex(@"^http://(\*|\+|0\.0\.0\.0|\[::\]):", RegexOptions.IgnoreCase)]
    private static partial Regex WildcardHost();
}
