namespace Storyline.Storage;

/// <summary>Keeps a worker's claim on a batch (or a named work lease) alive while the work runs: renews the lease every third of its length,
/// so work that takes longer than one lease is not taken (and done a second time) by another worker. Dispose it when the work is done.</summary>
public sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LeaseKeeper(Func<CancellationToken, Task> renew, TimeSpan lease, TimeProvider time, Action<Exception>? onError)
    {
        _loop = RunAsync(renew, lease, time, onError, _stop.Token);
    }

    /// <summary>Starts renewing the claims on <paramref name="documentIds"/>. The queue should be a connection of its own (the SQLite store's
    /// connection serves one caller at a time, and the batch's analysis is using the worker's).</summary>
    public static LeaseKeeper Start(IAnalysisQueue queue, IReadOnlyCollection<long> documentIds, string workerId, TimeSpan lease, TimeProvider time,
        Action<Exception>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(documentIds);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return new LeaseKeeper(ct => queue.RenewAsync(documentIds, workerId, lease, ct), lease, time, onError);
    }

    /// <summary>Starts renewing the work lease <paramref name="name"/> that <paramref name="holderId"/> holds. The leases should be a
    /// connection of its own, as for a batch.</summary>
    public static LeaseKeeper Start(IWorkLeases leases, string name, string holderId, TimeSpan lease, TimeProvider time, Action<Exception>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return new LeaseKeeper(ct => leases.TryTakeLeaseAsync(name, holderId, lease, ct), lease, time, onError);
    }

    private static async Task RunAsync(Func<CancellationToken, Task> renew, TimeSpan lease, TimeProvider time, Action<Exception>? onError, CancellationToken ct)
    {
        var every = lease / 3;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, ct).ConfigureAwait(false);
                await renew(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A failed renewal is not fatal: the next one may succeed, and at worst the lease lapses and another worker redoes the batch
                // (the stages replace their results).
                onError?.Invoke(e);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
