namespace Storyline.Storage;

/// <summary>Named leases in the store, so that work only one process should do at a time (a worker's stories pass) is done by one of
/// any number of processes on any number of machines; a lease whose holder was killed lapses and can be taken again.</summary>
public interface IWorkLeases
{
    /// <summary>Takes the lease <paramref name="name"/> for <paramref name="holderId"/> until now + <paramref name="lease"/> when no one
    /// holds it, its lease has run out, or <paramref name="holderId"/> holds it already (which renews it). Two concurrent callers never
    /// both get it.</summary>
    /// <returns>True when <paramref name="holderId"/> now holds the lease.</returns>
    Task<bool> TryTakeLeaseAsync(string name, string holderId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease <paramref name="name"/> back when <paramref name="holderId"/> still holds it.</summary>
    /// <returns>True when it was held and is now free.</returns>
    Task<bool> ReturnLeaseAsync(string name, string holderId, CancellationToken cancellationToken = default);
}
