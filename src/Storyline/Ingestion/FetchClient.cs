using System.Net;
using Microsoft.Extensions.Http.Resilience;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Polly;

namespace Storyline.Ingestion;

/// <summary>The URL fetcher's HTTP client through <see cref="IHttpClientFactory"/>: a primary handler that checks every address it dials
/// (the SSRF guard), under a resilience handler that retries transient failures with backoff and limits concurrency per host.</summary>
public static class FetchClient
{
    /// <summary>The named client's name.</summary>
    public const string Name = "Storyline.Fetch";

    /// <summary>Registers the fetch client and a singleton <see cref="UrlFetcher"/> over it, with options read from the container
    /// (so a host can take them from its own configuration).</summary>
    public static IServiceCollection AddUrlFetcher(this IServiceCollection services, Func<IServiceProvider, FetchOptions> options) =>
        services.AddUrlFetcher(options, AddressPolicy.IsNonPublic);

    /// <summary>As <see cref="AddUrlFetcher(IServiceCollection, Func{IServiceProvider, FetchOptions})"/> with its own notion of a refused address
    /// (tests stand a loopback server in for a public one).</summary>
    internal static IServiceCollection AddUrlFetcher(this IServiceCollection services, Func<IServiceProvider, FetchOptions> options, Func<IPAddress, bool> refuse)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(sp => new FetchSetup(options(sp), refuse));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(Name)
            .ConfigureHttpClient(Configure)
            // The guard is on the primary handler, so it runs on every connection the resilience handler's attempts open, redirects included.
            .ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<FetchSetup>()))
            .AddResilienceHandler("fetch", (pipeline, context) => Configure(pipeline, context.ServiceProvider.GetRequiredService<FetchSetup>().Options))
            // One pipeline per scheme, host and port: the concurrency limit is each host's, and a slow host does not hold up the others.
            .SelectPipelineByAuthority();
        services.TryAddSingleton(sp => new UrlFetcher(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<FetchSetup>().Options,
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static void Configure(HttpClient client)
    {
        // The fetcher cancels the whole fetch (attempts, waits and the body) after its timeout; the client's own would count from each send.
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Storyline/1.0 (+news briefing engine)");
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5");
    }

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, FetchOptions options)
    {
        // Backoff waits are real waits on the network, like the fetch's own timeout, whatever clock the host gives its documents.
        pipeline.TimeProvider = TimeProvider.System;
        // Outermost, so that a request holds its host's permit through its retries instead of queueing again for each.
        pipeline.AddConcurrencyLimiter(Math.Max(1, options.PerHostConcurrency), queueLimit: 10_000);
        if (options.MaxRetries <= 0) return;
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryDelay,
            // A Retry-After of an hour must not hold the batch: the fetch's timeout ends it anyway, this ends the wait sooner.
            MaxDelay = TimeSpan.FromSeconds(5),
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
        });
    }

    /// <summary>5xx, 408 and 429 answers, connect timeouts and dropped connections; never a refused address, an unknown host or the caller's cancellation.</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) => outcome.Exception switch
    {
        null => outcome.Result is { } response && ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
        HttpRequestException e => !IsPermanent(e) && e.HttpRequestError != HttpRequestError.NameResolutionError,
        // The handler's connect timeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    // The guard's refusals (and "no address") are FetchExceptions; a name that does not resolve, resolved in the connect callback, is a
    // SocketException the handler may not label as a name-resolution error. Neither changes on a retry.
    private static bool IsPermanent(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is FetchException or SocketException { SocketErrorCode: SocketError.HostNotFound }) return true;
        return false;
    }

    private static SocketsHttpHandler CreateHandler(FetchSetup setup)
    {
        var options = setup.Options;
        return new SocketsHttpHandler
        {
            // Redirects are followed by the fetcher, not by the handler: its Location parsing throws on a hostile value (file:, an unclosed
            // IPv6 literal) instead of failing the one input, and it cannot say why a redirect was not followed.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            // Each attempt gets its share of the fetch's time, so that a host that never answers the connect leaves time for a retry.
            ConnectTimeout = options.Timeout / (Math.Max(0, options.MaxRetries) + 1),
            // The address check happens at connect time, on the address actually dialled, so a hostname that resolves
            // to a private address (or a redirect to one) is refused as well as a literal one.
            ConnectCallback = (context, ct) => ConnectAsync(setup, context, ct),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(FetchSetup setup, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0) throw new FetchException($"host {context.DnsEndPoint.Host} has no address");
        if (!setup.Options.AllowPrivate)
        {
            var blocked = addresses.FirstOrDefault(setup.Refuse);
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
}

/// <summary>The options the fetch client was registered with, and which addresses its guard refuses.</summary>
internal sealed record FetchSetup(FetchOptions Options, Func<IPAddress, bool> Refuse);
