using System.ComponentModel.DataAnnotations;

namespace Storyline.Web;

/// <summary>Operator settings of the web app, bound from the <c>Storyline</c> configuration section.</summary>
public sealed class WebOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Storyline";

    /// <summary>The store: a SQLite file path or a PostgreSQL URI or connection string (default: $STORYLINE_STORE or the CLI's default store).</summary>
    public string Store { get; set; } = "";

    /// <summary>The key that writes (and, with <see cref="RequireKeyForReads"/>, reads) must present; writes are disabled while it is unset.</summary>
    public string? ApiKey { get; set; }

    /// <summary>When true, reading documents and searching also need the key (pages ask for it once and keep a session cookie).</summary>
    public bool RequireKeyForReads { get; set; }

    /// <summary>Allow URL ingestion to reach loopback, link-local and private addresses (off: a URL must not reach into the operator's network).</summary>
    public bool AllowPrivateUrls { get; set; }

    /// <summary>Largest single input (pasted text, uploaded file, fetched page).</summary>
    [Range(1, long.MaxValue)]
    public long MaxInputBytes { get; set; } = 20_000_000;

    /// <summary>Largest request body; bigger requests get 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 25_000_000;

    /// <summary>Most inputs one request may ingest (feeds can expand to many).</summary>
    [Range(1, 10_000)]
    public int MaxInputsPerRequest { get; set; } = 200;

    /// <summary>URL fetch timeout in seconds.</summary>
    [Range(1, 600)]
    public double FetchTimeoutSeconds { get; set; } = 30;

    /// <summary>Writes (ingest, sign-in attempts) allowed per client per minute.</summary>
    [Range(1, int.MaxValue)]
    public int WritesPerMinute { get; set; } = 30;

    /// <summary>Searches allowed per client per minute.</summary>
    [Range(1, int.MaxValue)]
    public int SearchesPerMinute { get; set; } = 120;

    /// <summary>Keep each story's briefing, timeline and statements in memory until its documents change (off: build them on every view).</summary>
    public bool CacheStories { get; set; } = true;

    /// <summary>Sources and timeline events per page of a story (the rest behind previous / next links).</summary>
    [Range(1, 10_000)]
    public int StoryPageSize { get; set; } = 100;

    /// <summary>Bound of the story cache, in documents: each cached story weighs its document count, and the least recently used go first.</summary>
    [Range(1, long.MaxValue)]
    public long StoryCacheDocuments { get; set; } = 20_000;

    /// <summary>Once listening, request the home page, a story and the people page over loopback so that the first reader finds them
    /// compiled (<see cref="Services.PageWarmUp"/>).</summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>Addresses of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (comma-separated IPs), besides loopback:
    /// behind them, rate limits and logs see the real client. Forwarded headers from any other address are ignored.</summary>
    public string TrustedProxies { get; set; } = "";

    /// <summary>Worker processes (<c>storyline worker</c>) analyse what is ingested: ingest only stores and queues, and the app does no
    /// analysis of its own (nor the start-up catch-up). Off: each ingest request analyses its documents, as <c>storyline ingest</c> does.</summary>
    public bool UseWorkers { get; set; }

    /// <summary>Background ingest batches (the Add page's uploads, URLs and feeds) waiting to run in this instance; one more is refused with 503.</summary>
    [Range(1, 10_000)]
    public int MaxQueuedJobs { get; set; } = 32;

    /// <summary>Background ingest batches this instance runs at once.</summary>
    [Range(1, 64)]
    public int ConcurrentJobs { get; set; } = 2;

    /// <summary>Seconds between the heartbeats an instance writes for the batches it holds; a batch silent for six of them (its instance
    /// was killed) is shown as interrupted on any instance.</summary>
    [Range(1, 3600)]
    public int JobHeartbeatSeconds { get; set; } = 10;

    /// <summary>How long a batch may go without a heartbeat before it is shown as interrupted.</summary>
    public TimeSpan JobSilence => TimeSpan.FromSeconds(6 * JobHeartbeatSeconds);

    /// <summary>True when an API key is configured.</summary>
    public bool HasApiKey => !string.IsNullOrEmpty(ApiKey);
}
