using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Storyline.Ingestion;
using Storyline.Storage;

namespace Storyline.Web.Services;

/// <summary>Runs long ingest batches (uploads, URLs and feeds) off the request, so the add page can show progress on a status page that
/// refreshes itself without script. A batch runs in the instance that accepted it (its uploads are in that instance's memory), taking its
/// turn through a bounded queue; its progress is written to the store, so any instance on the same store shows it.</summary>
public sealed partial class IngestJobs(StoreFactory stores, TimeProvider time, IOptions<WebOptions> options, ILogger<IngestJobs> logger) : BackgroundService
{
    /// <summary>How long an ended batch's progress page stays available.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(7);

    private sealed record Work(string Id, Func<Action<IngestResult>, CancellationToken, Task> Run);

    // The batches this instance holds (waiting or running): it writes their heartbeats.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);

    private readonly Channel<Work> _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(options.Value.MaxQueuedJobs)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleWriter = false,
    });

    /// <summary>Records a batch in the store and queues <paramref name="run"/>, which feeds each input's outcome to the batch; returns the
    /// batch's id at once, or null when the queue is full (the caller answers 503).</summary>
    public async Task<string?> StartAsync(string description, Func<Action<IngestResult>, CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow();
        await using (var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await store.PruneJobsAsync(now - Kept, cancellationToken).ConfigureAwait(false);
            await store.CreateJobAsync(id, description, now, cancellationToken).ConfigureAwait(false);
            _held[id] = 0;
            if (_queue.Writer.TryWrite(new Work(id, run))) return id;
            _held.TryRemove(id, out _);
            await store.FinishJobAsync(id, now, "was not started: too many batches are waiting; try again shortly", CancellationToken.None).ConfigureAwait(false);
        }
        return null;
    }

    /// <summary>The batch with this id as a reader should see it now (one whose instance went silent, as interrupted), or null.</summary>
    public async Task<IngestJobState?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        var job = await store.GetJobAsync(id, cancellationToken).ConfigureAwait(false);
        return job?.AsSeenAt(time.GetUtcNow(), options.Value.JobSilence);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runners = Enumerable.Range(0, options.Value.ConcurrentJobs).Select(_ => RunQueueAsync(stoppingToken));
        await Task.WhenAll([.. runners, BeatAsync(stoppingToken)]).ConfigureAwait(false);
    }

    private async Task RunQueueAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
                await RunAsync(work, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Batches still waiting end with the reason, so their pages stop refreshing.
            while (_queue.Reader.TryRead(out var left)) await EndAsync(left.Id, "stopped: the server is shutting down").ConfigureAwait(false);
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A heartbeat that cannot be written is logged; the next one may succeed.")]
    private async Task BeatAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.JobHeartbeatSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (_held.IsEmpty) continue;
                try
                {
                    await using var store = await stores.OpenAsync(stoppingToken).ConfigureAwait(false);
                    var now = time.GetUtcNow();
                    foreach (var id in _held.Keys) await store.BeatJobAsync(id, now, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogHeartbeatFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the batches end with their reason.
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A failed batch is reported on its status page and logged; it must not take the process down.")]
    private async Task RunAsync(Work work, CancellationToken stoppingToken)
    {
        // Outcomes arrive on the ingest's thread; a writer of their own puts them in the store in input order.
        var outcomes = Channel.CreateUnbounded<IngestResult>(new UnboundedChannelOptions { SingleReader = true });
        var writer = WriteOutcomesAsync(work.Id, outcomes.Reader);
        string? error = null;
        try
        {
            await work.Run(r => outcomes.Writer.TryWrite(r), stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            error = "stopped: the server is shutting down";
        }
        catch (Exception e)
        {
            LogBatchFailed(logger, e, work.Id);
            error = "stopped by an internal error (see the server log)";
        }
        outcomes.Writer.Complete();
        await writer.ConfigureAwait(false);
        await EndAsync(work.Id, error).ConfigureAwait(false);
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Progress that cannot be written is logged; the batch itself goes on.")]
    private async Task WriteOutcomesAsync(string id, ChannelReader<IngestResult> outcomes)
    {
        try
        {
            await using var store = await stores.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            var index = 0;
            await foreach (var outcome in outcomes.ReadAllAsync().ConfigureAwait(false))
                await store.AddJobResultAsync(id, index++, outcome, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogProgressFailed(logger, e, id);
            while (outcomes.TryRead(out _)) { }
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Logged; the store may be unreachable while the server stops.")]
    private async Task EndAsync(string id, string? error)
    {
        _held.TryRemove(id, out _);
        try
        {
            await using var store = await stores.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await store.FinishJobAsync(id, time.GetUtcNow(), error, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogProgressFailed(logger, e, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "ingest batch {Job} failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ingest batches: their heartbeat could not be written to the store")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "ingest batch {Job}: its progress could not be written to the store")]
    private static partial void LogProgressFailed(ILogger logger, Exception exception, string job);
}
