using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Pipeline;
using Storyline.Storage;

namespace Storyline.Web.Services;

/// <summary>An uploaded file: its client-side name and bytes (or the reason it could not be read).</summary>
public sealed record Upload(string FileName, byte[] Content, string? Error = null);

/// <summary>Ingests pasted text, URLs, feeds, uploads and JSON records through the same resolver, pipeline and ingestor as the CLI.</summary>
public sealed class IngestService : IDisposable
{
    private readonly WebOptions _options;
    private readonly TimeProvider _time;
    private readonly StoreFactory _stores;
    private readonly UrlFetcher _fetcher;
    private readonly InputResolver _resolver;
    private readonly StoryCache _cache;
    private readonly SemaphoreSlim _analysis = new(1, 1);
    private readonly ILogger<IngestService> _logger;

    /// <summary>Creates the service over the app's URL fetcher (<see cref="FetchClient"/>: one pooled, guarded, retrying client for the app's lifetime).</summary>
    public IngestService(IOptions<WebOptions> options, TimeProvider time, StoreFactory stores, StoryCache cache, UrlFetcher fetcher, ILogger<IngestService> logger)
    {
        _logger = logger;
        _cache = cache;
        _options = options.Value;
        _time = time;
        _stores = stores;
        _fetcher = fetcher;
        _resolver = new InputResolver(_fetcher, time, _options.MaxInputBytes);
    }

    /// <summary>The fetch settings the operator's options give: the same timeout, size cap and private-address rule for every URL.</summary>
    public static FetchOptions FetchOptionsOf(WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return FetchOptions.Default with
        {
            Timeout = TimeSpan.FromSeconds(options.FetchTimeoutSeconds),
            MaxBytes = options.MaxInputBytes,
            AllowPrivate = options.AllowPrivateUrls,
        };
    }

    /// <summary>Parses a user-given publication date the way <c>storyline ingest --published</c> does; null when blank.</summary>
    public static bool TryParsePublished(string? value, out DateTimeOffset? published)
    {
        published = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (!Storyline.Time.UserDates.TryParse(value, out var parsed)) return false;
        published = parsed;
        return true;
    }

    /// <summary>True for an absolute http(s) URL.</summary>
    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>Pasted text with optional title, source and publication date.</summary>
    public Task<IReadOnlyList<IngestResult>> IngestTextAsync(string text, string? title, string? source, DateTimeOffset? published, CancellationToken cancellationToken)
    {
        var hints = new InputHints(Blank(title), Blank(source), published);
        var item = _resolver.FromText("pasted text", text, hints);
        return RunAsync(new[] { item }.ToAsyncEnumerable(), cancellationToken);
    }

    /// <summary>A page or feed URL (a feed brings every item).</summary>
    public Task<IReadOnlyList<IngestResult>> IngestUrlAsync(string url, CancellationToken cancellationToken) =>
        IngestUrlAsync(url, null, cancellationToken);

    /// <summary>A page or feed URL, reporting each input's outcome as soon as it is known.</summary>
    public Task<IReadOnlyList<IngestResult>> IngestUrlAsync(string url, Action<IngestResult>? onResult, CancellationToken cancellationToken) =>
        RunAsync(_resolver.ResolveAsync([url.Trim()], cancellationToken), cancellationToken, onResult);

    /// <summary>Uploaded files, each read by its extension like a file on disk.</summary>
    public Task<IReadOnlyList<IngestResult>> IngestUploadsAsync(IReadOnlyList<Upload> uploads, CancellationToken cancellationToken) =>
        IngestUploadsAsync(uploads, null, cancellationToken);

    /// <summary>Uploaded files, reporting each input's outcome as soon as it is known.</summary>
    public Task<IReadOnlyList<IngestResult>> IngestUploadsAsync(IReadOnlyList<Upload> uploads, Action<IngestResult>? onResult, CancellationToken cancellationToken) =>
        RunAsync(FromUploads(uploads, cancellationToken), cancellationToken, onResult);

    /// <summary>JSON Lines records <c>{url?, title?, text|html, source?, published?}</c>, validated exactly as in a .jsonl file.</summary>
    public Task<IReadOnlyList<IngestResult>> IngestRecordsAsync(IReadOnlyList<JsonElement> records, CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        foreach (var record in records) lines.Append(record.GetRawText().ReplaceLineEndings(" ")).Append('\n');
        var items = JsonLinesReader.Read("record", Encoding.UTF8.GetBytes(lines.ToString()), _time.GetUtcNow());
        return RunAsync(items.ToAsyncEnumerable(), cancellationToken);
    }

    private async IAsyncEnumerable<IngestItem> FromUploads(IReadOnlyList<Upload> uploads, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var upload in uploads)
        {
            if (upload.Error is not null)
            {
                yield return new FailedItem(upload.FileName, upload.Error);
                continue;
            }
            await foreach (var item in _resolver.ResolveContentAsync(upload.FileName, upload.Content, cancellationToken).ConfigureAwait(false))
                yield return item;
        }
    }

    private async Task<IReadOnlyList<IngestResult>> RunAsync(IAsyncEnumerable<IngestItem> items, CancellationToken cancellationToken, Action<IngestResult>? onResult = null)
    {
        await using var store = await _stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        var pipeline = new DocumentPipelineBuilder().UseDefaults(new IngestOptions(_options.MaxInputBytes)).Build(_time);
        var ingestor = new Ingestor(pipeline, store) { Logger = _logger };
        var results = new List<IngestResult>();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (results.Count == _options.MaxInputsPerRequest)
            {
                // A feed can expand to thousands of fetches; one request must stay bounded.
                results.Add(new IngestResult(item.Name, IngestStatus.Failed, null, null, $"not ingested: one request takes at most {_options.MaxInputsPerRequest} inputs", null));
                onResult?.Invoke(results[^1]);
                break;
            }
            results.Add(ForWeb(await ingestor.IngestAsync(item, cancellationToken).ConfigureAwait(false)));
            onResult?.Invoke(results[^1]);
        }
        IngestLog.Batch(_logger, results.Count, results.Count(r => r.DocumentId is not null), results.Count(r => r.DocumentId is null),
            (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (_options.UseWorkers)
        {
            // Workers analyse: this request only queues what it stored.
            var queued = await IngestFinisher.EnqueueAsync(store, results, cancellationToken).ConfigureAwait(false);
            IngestLog.Queued(_logger, queued.Count);
            return results;
        }
        await AnalyseAsync(store, results.Where(r => r.DocumentId is not null).Select(r => r.DocumentId!.Value).ToList(), cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <summary>What <c>storyline ingest</c> runs after storing: each new document joins a story (or starts one), then gets its entities
    /// and statements analysed and stored, so the story, people and search pages see it; analysis is bounded to this request's documents.</summary>
    private async Task AnalyseAsync(IStorylineStore store, IReadOnlyList<long>? documentIds, CancellationToken cancellationToken)
    {
        // One analysis at a time, so that two batches (or a batch and the start-up catch-up) never place the same document twice.
        await _analysis.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (assigned, analysed) = await IngestFinisher.For(store, logger: _logger).FinishAsync(documentIds, cancellationToken).ConfigureAwait(false);
            // A story whose documents or statements changed is briefed anew on its next view.
            if (assigned.Count > 0 || analysed > 0) _cache.Clear();
        }
        finally
        {
            _analysis.Release();
        }
    }

    /// <summary>Catches the store up with what the pages read: documents stored without a story, entities or statements (by an older
    /// version, or an interrupted batch) get them, as <c>storyline stories</c> and <c>storyline quotes</c> would do.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (_options.UseWorkers) return; // the workers' job
        await using var store = await _stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        await AnalyseAsync(store, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The fetcher's refusal names the CLI's flag; here the operator's setting is what permits private addresses.</summary>
    private static IngestResult ForWeb(IngestResult result) =>
        result.Error is { } error && error.EndsWith("(use --allow-private to permit)", StringComparison.Ordinal)
            ? result with { Error = error.Replace("(use --allow-private to permit)", "(the operator can allow them with Storyline:AllowPrivateUrls)", StringComparison.Ordinal) }
            : result;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <inheritdoc />
    public void Dispose()
    {
        // The fetcher is the container's: it disposes it.
        _analysis.Dispose();
    }
}

/// <summary>The web ingest's log entries.</summary>
internal static partial class IngestLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Ingested a batch of {Inputs} inputs in {ElapsedMs} ms: {Stored} stored or already known, {Failed} failed")]
    public static partial void Batch(ILogger logger, int inputs, int stored, int failed, long elapsedMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Queued {Documents} documents for the workers' analysis")]
    public static partial void Queued(ILogger logger, int documents);
}
