namespace Storyline.Storage;

/// <summary>Keeps a worker's claim on a batch alive while the batch runs: renews the lease every third of its length, so a batch that
/// takes longer than one lease is not taken (and analysed a second time) by another worker. Dispose it when the batch is done.</summary>
public sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LeaseKeeper(IAnalysisQueue queue, IReadOnlyCollection<long> documentIds, string workerId, TimeSpan lease, TimeProvider time, Action<Exception>? onError)
    {
        _loop = RunAsync(queue, documentIds, workerId, lease, time, onError, _stop.Token);
    }

    /// <summary>Starts renewing the claims on <paramref name="documentIds"/>. The queue should be a connection of its own (the SQLite store's
    /// connection serves one caller at a time, and the batch's analysis is using the worker's).</summary>
    public static LeaseKeeper Start(IAnalysisQueue queue, IReadOnlyCollection<long> documentIds, string workerId, TimeSpan lease, TimeProvider time,
        Action<Exception>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(documentIds);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return new LeaseKeeper(queue, documentIds, workerId, lease, time, onError);
    }

    private async Task RunAsync(IAnalysisQueue queue, IReadOnlyCollection<long> ids, string workerId, TimeSpan lease, TimeProvider time, Action<Exception>? onError, CancellationToken ct)
    {
        var every = lease / 3;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, ct).ConfigureAwait(false);
                await queue.RenewAsync(ids, workerId, lease, ct).ConfigureAwait(false);
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
