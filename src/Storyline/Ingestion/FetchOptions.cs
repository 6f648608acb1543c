namespace Storyline.Ingestion;

/// <summary>Limits for fetching URLs.</summary>
/// <param name="Timeout">Whole-request timeout.</param>
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
}
