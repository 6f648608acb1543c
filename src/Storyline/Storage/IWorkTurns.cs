namespace Storyline.Storage;

/// <summary>Turns at shared pieces of work (one story's ledger and briefing, the speaker directory), so that processes sharing a store
/// share such a pass: each piece is done by one of them at a time, and none waits for a whole pass of another.</summary>
public interface IWorkTurns
{
    /// <summary>Takes the turn at <paramref name="name"/>, or gives null while another process has it; disposing the result gives it back.</summary>
    Task<IAsyncDisposable?> TryTakeAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Waits before the turns others had are tried again.</summary>
    Task WaitAsync(CancellationToken cancellationToken = default);
}

/// <summary>Turns as named work leases in the store (<see cref="IWorkLeases"/>), kept alive by a <see cref="LeaseKeeper"/> while held: a
/// turn whose holder was killed lapses with its lease.</summary>
/// <param name="leases">The store's leases, on a connection of its own (see <see cref="LeaseKeeper"/>).</param>
/// <param name="holderId">The process taking turns.</param>
/// <param name="lease">How long a turn holds unless renewed.</param>
/// <param name="poll">How long <see cref="WaitAsync"/> waits.</param>
/// <param name="time">The clock.</param>
/// <param name="onRenewalError">Told when a renewal failed (it is retried).</param>
public sealed class LeaseTurns(IWorkLeases leases, string holderId, TimeSpan lease, TimeSpan poll, TimeProvider time, Action<string, Exception>? onRenewalError = null)
    : IWorkTurns
{
    /// <inheritdoc />
    public async Task<IAsyncDisposable?> TryTakeAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!await leases.TryTakeLeaseAsync(name, holderId, lease, cancellationToken).ConfigureAwait(false)) return null;
        return new Turn(leases, name, holderId, LeaseKeeper.Start(leases, name, holderId, lease, time, e => onRenewalError?.Invoke(name, e)));
    }

    /// <inheritdoc />
    public Task WaitAsync(CancellationToken cancellationToken = default) => Task.Delay(poll, time, cancellationToken);

    private sealed class Turn(IWorkLeases leases, string name, string holderId, LeaseKeeper keeper) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await keeper.DisposeAsync().ConfigureAwait(false);
            // Given back even when the work was cancelled: the next process need not wait for the lease to lapse.
            await leases.ReturnLeaseAsync(name, holderId, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
