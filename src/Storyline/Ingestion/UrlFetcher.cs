using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Storyline.Documents;

namespace Storyline.Ingestion;

/// <summary>The bytes and headers of a fetched URL.</summary>
public sealed record FetchedResource(string RequestedUrl, string FinalUrl, string ContentType, string? Charset, byte[] Content, DateTimeOffset FetchedAt);

/// <summary>Raised when a URL cannot be fetched; the message is one line naming the reason.</summary>
public sealed class FetchException(string reason) : Exception(reason);

/// <summary>Fetches URLs with a timeout, a size cap and a redirect limit, refusing non-public addresses unless allowed.</summary>
public sealed class UrlFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly FetchOptions _options;
    private readonly TimeProvider _time;

    private readonly Func<IPAddress, bool> _refuse;

    /// <summary>Creates a fetcher with its own connection pool.</summary>
    public UrlFetcher(FetchOptions options, TimeProvider? time = null) : this(options, AddressPolicy.IsNonPublic, time)
    {
    }

    /// <summary>A fetcher with its own notion of a refused address (tests stand a loopback server in for a public one).</summary>
    internal UrlFetcher(FetchOptions options, Func<IPAddress, bool> refuse, TimeProvider? time = null)
    {
        _refuse = refuse;
        _options = options;
        _time = time ?? TimeProvider.System;
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed here, not by the handler: its Location parsing throws on a hostile value (file:, an unclosed
            // IPv6 literal) instead of failing the one input, and it cannot say why a redirect was not followed.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.Timeout,
            // The address check happens at connect time, on the address actually dialled, so a hostname that resolves
            // to a private address (or a redirect to one) is refused as well as a literal one.
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = options.Timeout };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Storyline/1.0 (+news briefing engine)");
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5");
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0) throw new FetchException($"host {context.DnsEndPoint.Host} has no address");
        if (!_options.AllowPrivate)
        {
            var blocked = addresses.FirstOrDefault(_refuse);
            if (blocked is not null)
                throw new FetchException($"refused: {context.DnsEndPoint.Host} resolves to non-public address {blocked} (use --allow-private to permit)");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

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
        for (int hops = 0; ; hops++)
        {
            var response = await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
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
    public void Dispose() => _client.Dispose();
}
