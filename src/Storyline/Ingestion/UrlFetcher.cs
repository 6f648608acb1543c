using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Storyline.Documents;

namespace Storyline.Ingestion;

/// <summary>The bytes and headers of a fetched URL.</summary>
public sealed record FetchedResource(string RequestedUrl, string FinalUrl, string ContentType, string? Charset, byte[] Content, DateTimeOffset FetchedAt);

/// <summary>Raised when a URL cannot be fetched; the message is one line naming the reason.</summary>
public sealed class FetchException(string reason) : Exception(reason);

/// <summary>Fetches URLs with a timeout, a size cap and a redirect limit, refusing non-public addresses unless allowed; its requests go
/// through the <see cref="FetchClient"/> (retries, per-host concurrency, the address guard on every connection).</summary>
public sealed class UrlFetcher : IDisposable
{
    private readonly IHttpClientFactory _clients;
    private readonly FetchOptions _options;
    private readonly TimeProvider _time;
    // Set when this fetcher built its own container (the CLI's and tests' one-off fetchers): disposing the fetcher disposes it.
    private readonly ServiceProvider? _owned;

    /// <summary>Creates a fetcher with its own client factory and connection pool (a host with a container registers
    /// <see cref="FetchClient.AddUrlFetcher(IServiceCollection, Func{IServiceProvider, FetchOptions})"/> instead).</summary>
    public UrlFetcher(FetchOptions options, TimeProvider? time = null) : this(options, AddressPolicy.IsNonPublic, time)
    {
    }

    /// <summary>A fetcher with its own notion of a refused address (tests stand a loopback server in for a public one).</summary>
    internal UrlFetcher(FetchOptions options, Func<IPAddress, bool> refuse, TimeProvider? time = null)
        : this(Own(options, refuse), options, time)
    {
    }

    private UrlFetcher(ServiceProvider owned, FetchOptions options, TimeProvider? time)
        : this(owned.GetRequiredService<IHttpClientFactory>(), options, time) => _owned = owned;

    /// <summary>A fetcher over a container's <see cref="FetchClient"/> registered with the same <paramref name="options"/>.</summary>
    internal UrlFetcher(IHttpClientFactory clients, FetchOptions options, TimeProvider? time)
    {
        _clients = clients;
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    private static ServiceProvider Own(FetchOptions options, Func<IPAddress, bool> refuse) =>
        new ServiceCollection().AddUrlFetcher(_ => options, refuse).BuildServiceProvider();

    /// <summary>Fetches one URL; throws <see cref="FetchException"/> with a one-line reason on any failure.</summary>
    public async Task<FetchedResource> FetchAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new FetchException("not an http(s) URL");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await GetFollowingRedirectsAsync(uri, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw new FetchException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            if (response.Content.Headers.ContentLength is { } length && length > _options.MaxBytes)
                throw new FetchException($"response is {length:N0} bytes, over the {_options.MaxBytes:N0}-byte limit");
            var content = await ReadCappedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            var type = response.Content.Headers.ContentType;
            return new FetchedResource(url, response.RequestMessage?.RequestUri?.ToString() ?? url,
                type?.MediaType ?? "application/octet-stream", type?.CharSet, content, _time.GetUtcNow());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchException($"timed out after {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (Polly.RateLimiting.RateLimiterRejectedException)
        {
            throw new FetchException($"too many fetches already waiting for {uri.Authority}");
        }
        catch (UriFormatException e)
        {
            throw new FetchException($"malformed URL: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            var inner = e.InnerException;
            while (inner is not null and not FetchException) inner = inner.InnerException;
            throw new FetchException(inner?.Message ?? (e.HttpRequestError == HttpRequestError.NameResolutionError ? "host not found" : $"unreachable: {e.Message}"));
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    // Follows at most MaxRedirects redirects; each target is checked here (scheme, syntax) and again at connect time (address).
    private async Task<HttpResponseMessage> GetFollowingRedirectsAsync(Uri uri, CancellationToken cancellationToken)
    {
        // Factory clients are cheap: the pooled handler (and its connections) is what is shared.
        var client = _clients.CreateClient(FetchClient.Name);
        for (int hops = 0; ; hops++)
        {
            var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!IsRedirect(response.StatusCode)) return response;
            using (response)
            {
                if (hops >= _options.MaxRedirects) throw new FetchException($"too many redirects (limit {_options.MaxRedirects})");
                uri = RedirectTarget(uri, response);
            }
        }
    }

    /// <summary>The absolute http(s) URL a redirect points to; a one-line <see cref="FetchException"/> for anything else.</summary>
    internal static Uri RedirectTarget(Uri from, HttpResponseMessage response)
    {
        // The raw header: the typed Location property drops or throws on values it cannot parse.
        if (!response.Headers.NonValidated.TryGetValues("Location", out var values) || values.FirstOrDefault() is not { } raw || string.IsNullOrWhiteSpace(raw))
            throw new FetchException($"redirect without a Location (HTTP {(int)response.StatusCode})");
        raw = raw.Trim();
        var shown = raw.Length > 80 ? raw[..80] + "…" : raw;
        shown = string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
        Uri target;
        try
        {
            if (!Uri.TryCreate(from, raw, out target!)) throw new FetchException($"malformed redirect Location \"{shown}\"");
        }
        catch (UriFormatException) { throw new FetchException($"malformed redirect Location \"{shown}\""); }
        if (target.Scheme is not ("http" or "https")) throw new FetchException($"redirect to a {target.Scheme}: URL refused (only http and https are followed)");
        return target;
    }

    private async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxBytes) throw new FetchException($"response exceeds the {_options.MaxBytes:N0}-byte limit");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _owned?.Dispose();
}
