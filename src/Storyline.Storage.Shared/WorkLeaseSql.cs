namespace Storyline.Storage.Shared;

/// <summary>The work-lease table's statements, written once: they read the same in both providers' dialects (upsert with a condition and
/// RETURNING), so this file is compiled into each.</summary>
internal static class WorkLeaseSql
{
    /// <summary>Takes or renews a lease; returns the holder's id when taken, no row otherwise.</summary>
    public const string Take =
        """
        INSERT INTO work_leases(name, holder, lease_until) VALUES (@name, @holderId, @until)
        ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
        WHERE work_leases.holder = excluded.holder OR work_leases.lease_until <= @now
        RETURNING holder
        """;

    /// <summary>Frees a lease its holder still holds.</summary>
    public const string Return = "DELETE FROM work_leases WHERE name = @name AND holder = @holderId";
}
