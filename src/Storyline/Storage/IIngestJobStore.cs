using Storyline.Ingestion;

namespace Storyline.Storage;

/// <summary>A background ingest batch as the store keeps it: what was submitted, when, each input's outcome so far, and how it ended.</summary>
/// <param name="Id">Unguessable id (the status page's address).</param>
/// <param name="Description">What was submitted ("3 files", a URL).</param>
/// <param name="Started">When the batch was accepted.</param>
/// <param name="FinishedAt">When every input had an outcome or the batch stopped; null while it runs.</param>
/// <param name="Error">Why the batch stopped early, if it did.</param>
/// <param name="Results">The outcomes so far, in input order.</param>
/// <param name="LastSeen">The last heartbeat of the instance running it (its start, before the first).</param>
public sealed record IngestJobState(string Id, string Description, DateTimeOffset Started, DateTimeOffset? FinishedAt, string? Error,
    IReadOnlyList<IngestResult> Results, DateTimeOffset LastSeen)
{
    /// <summary>Why a batch whose instance went silent is shown as ended.</summary>
    public const string InterruptedError = "was interrupted: the server running it stopped before it ended; inputs without an outcome below were not ingested";

    /// <summary>True once the batch has ended.</summary>
    public bool Finished => FinishedAt is not null;

    /// <summary>The batch as a reader at <paramref name="now"/> should see it: a running batch silent for longer than
    /// <paramref name="silence"/> (its instance was killed or lost its store) is shown as ended, interrupted, when last heard of.</summary>
    public IngestJobState AsSeenAt(DateTimeOffset now, TimeSpan silence) =>
        Finished || now - LastSeen <= silence ? this : this with { FinishedAt = LastSeen, Error = InterruptedError };
}

/// <summary>Background ingest batches kept in the store, so that every web instance on it shows a batch's progress (no sticky sessions).</summary>
public interface IIngestJobStore
{
    /// <summary>Records a new, running batch.</summary>
    Task CreateJobAsync(string id, string description, DateTimeOffset started, CancellationToken cancellationToken = default);

    /// <summary>Appends the outcome of the batch's input number <paramref name="index"/> (from 0); writing the same index again replaces it.</summary>
    Task AddJobResultAsync(string id, int index, IngestResult result, CancellationToken cancellationToken = default);

    /// <summary>Marks the batch ended, with the reason when it stopped early.</summary>
    Task FinishJobAsync(string id, DateTimeOffset finishedAt, string? error, CancellationToken cancellationToken = default);

    /// <summary>Records that the instance running the batch is alive (it does so while the batch waits or runs); an ended batch is left as it is.</summary>
    Task BeatJobAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The batch with its outcomes, or null when there is none by that id.</summary>
    Task<IngestJobState?> GetJobAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Forgets batches that ended before <paramref name="endedBefore"/>, and unfinished ones silent since before it.</summary>
    /// <returns>How many were removed.</returns>
    Task<int> PruneJobsAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken = default);
}
