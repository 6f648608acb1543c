namespace Storyline.Storage;

/// <summary>Documents waiting for analysis by worker processes (<c>storyline worker</c>), kept in the store so that workers on any number
/// of machines share it. A worker claims a batch for a lease; a claim whose lease has run out (its worker was killed or stalled) is free to
/// be claimed again, and only the worker that holds an entry's current claim can complete it.</summary>
public interface IAnalysisQueue
{
    /// <summary>Adds documents to the queue; a document already queued keeps its place (and any claim on it).</summary>
    Task EnqueueAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default);

    /// <summary>Claims up to <paramref name="max"/> entries, oldest first, that are unclaimed or whose lease has run out, for
    /// <paramref name="workerId"/> until now + <paramref name="lease"/>. Two concurrent callers never get the same entry.</summary>
    /// <returns>The claimed document ids, in queue order.</returns>
    Task<IReadOnlyList<long>> ClaimAsync(string workerId, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Removes the entries of <paramref name="documentIds"/> that <paramref name="workerId"/> still holds; an entry another worker
    /// has claimed since (after this worker's lease ran out) stays queued for that worker.</summary>
    /// <returns>How many entries were removed.</returns>
    Task<int> CompleteAsync(IReadOnlyCollection<long> documentIds, string workerId, CancellationToken cancellationToken = default);

    /// <summary>Gives back the entries of <paramref name="documentIds"/> that <paramref name="workerId"/> still holds, unclaimed, so that
    /// any worker may take them at once (a worker stopping mid-batch); an entry another worker has claimed since is left as it is.</summary>
    /// <returns>How many entries were released.</returns>
    Task<int> ReleaseAsync(IReadOnlyCollection<long> documentIds, string workerId, CancellationToken cancellationToken = default);

    /// <summary>Extends to now + <paramref name="lease"/> the claims on <paramref name="documentIds"/> that <paramref name="workerId"/> still
    /// holds, so that a batch taking longer than one lease is not taken by another worker meanwhile; an entry another worker has claimed
    /// since is left as it is.</summary>
    /// <returns>How many claims were extended.</returns>
    Task<int> RenewAsync(IReadOnlyCollection<long> documentIds, string workerId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>How many documents are queued, claimed or not.</summary>
    Task<int> QueueDepthAsync(CancellationToken cancellationToken = default);
}
