using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Storyline.Ingestion;

namespace Storyline.Web.Services;

/// <summary>A batch of inputs being ingested in the background: each input's outcome as it is known, and whether the batch is done.</summary>
public sealed class IngestJob(string id, string description, DateTimeOffset started)
{
    private readonly List<IngestResult> _results = [];
    private volatile bool _finished;

    /// <summary>Unguessable id (the status page's address).</summary>
    public string Id { get; } = id;

    /// <summary>What was submitted ("3 files", a URL).</summary>
    public string Description { get; } = description;

    /// <summary>When the batch started.</summary>
    public DateTimeOffset Started { get; } = started;

    /// <summary>True once every input has an outcome (or the batch stopped).</summary>
    public bool Finished => _finished;

    /// <summary>Why the batch stopped early, if it did.</summary>
    public string? Error { get; private set; }

    /// <summary>The outcomes so far, in input order.</summary>
    public IReadOnlyList<IngestResult> Results
    {
        get { lock (_results) return [.. _results]; }
    }

    internal void Add(IngestResult result)
    {
        lock (_results) _results.Add(result);
    }

    internal void Finish(string? error)
    {
        Error = error;
        _finished = true;
    }
}

/// <summary>Runs long ingest batches (uploads, URLs and feeds) off the request, so the add page can show progress on a status page that
/// refreshes itself without script. Keeps the most recent jobs in memory only.</summary>
public sealed class IngestJobs(IHostApplicationLifetime lifetime, TimeProvider time, ILogger<IngestJobs> logger)
{
    /// <summary>Most jobs remembered; the oldest finished ones are forgotten first.</summary>
    public const int MaxJobs = 100;

    private readonly ConcurrentDictionary<string, IngestJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>Starts <paramref name="run"/> in the background, feeding each outcome to the job; returns the job at once.</summary>
    public IngestJob Start(string description, Func<Action<IngestResult>, CancellationToken, Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Prune();
        var job = new IngestJob(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), description, time.GetUtcNow());
        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job, run));
        return job;
    }

    /// <summary>The job with this id, or null.</summary>
    public IngestJob? Get(string id) => _jobs.GetValueOrDefault(id);

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A failed batch is reported on its status page and logged; it must not take the process down.")]
    private async Task RunAsync(IngestJob job, Func<Action<IngestResult>, CancellationToken, Task> run)
    {
        try
        {
            await run(job.Add, lifetime.ApplicationStopping).ConfigureAwait(false);
            job.Finish(null);
        }
        catch (OperationCanceledException)
        {
            job.Finish("stopped: the server is shutting down");
        }
        catch (Exception e)
        {
            logger.LogError(e, "ingest batch {Job} failed", job.Id);
            job.Finish("stopped by an internal error (see the server log)");
        }
    }

    private void Prune()
    {
        foreach (var old in _jobs.Values.Where(j => j.Finished).OrderBy(j => j.Started).Take(Math.Max(0, _jobs.Count - MaxJobs + 1)).ToList())
            _jobs.TryRemove(old.Id, out _);
    }
}
