namespace Storyline.Ingestion;

/// <summary>Limits for fetching URLs.</summary>
/// <param name="Timeout">Whole-request timeout (every attempt and the waits between them).</param>
/// <param name="MaxBytes">Responses larger than this are refused.</param>
/// <param name="MaxRedirects">Redirects followed before giving up.</param>
/// <param name="AllowPrivate">Allow loopback, link-local and private addresses (off by default: a URL must not reach into the user's network).</param>
public sealed record FetchOptions(
    TimeSpan Timeout,
    long MaxBytes = 20_000_000,
    int MaxRedirects = 5,
    bool AllowPrivate = false)
{
    /// <summary>Thirty-second timeout, 20 MB, five redirects, public addresses only.</summary>
    public static FetchOptions Default { get; } = new(TimeSpan.FromSeconds(30));

    /// <summary>Retries after a 5xx, 408 or 429 answer, a connect timeout or a dropped connection (0: one attempt only).</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Wait before the first retry; each later one waits about twice as long (with jitter), as the server's Retry-After asks, at most 5 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests in flight to one host (scheme, host and port) at once; more wait their turn.</summary>
    public int PerHostConcurrency { get; init; } = 4;
}
