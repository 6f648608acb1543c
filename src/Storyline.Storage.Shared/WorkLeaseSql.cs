using System.Data.Common;
using Dapper;

namespace Storyline.Storage.Shared;

/// <summary>The work-lease table's statements and their checks, written once: they read the same in both providers' dialects (upsert with
/// a condition and RETURNING), so this file is compiled into each, and each provider only supplies its connection.</summary>
internal static class WorkLeaseSql
{
    /// <summary>Takes or renews a lease in one statement (see <see cref="IWorkLeases.TryTakeLeaseAsync"/>): a concurrent taker waits on
    /// the row (PostgreSQL) or the write lock (SQLite) and then sees this one's holder, so only one of them gets it.</summary>
    public static async Task<bool> TryTakeAsync(DbConnection connection, string name, string holderId, TimeSpan lease, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(holderId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var holder = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            INSERT INTO work_leases(name, holder, lease_until) VALUES (@name, @holderId, @until)
            ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
            WHERE work_leases.holder = excluded.holder OR work_leases.lease_until <= @now
            RETURNING holder
            """, new { name, holderId, until = (now + lease).ToUnixTimeMilliseconds(), now = now.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return holder == holderId;
    }

    /// <summary>Frees a lease its holder still holds (see <see cref="IWorkLeases.ReturnLeaseAsync"/>).</summary>
    public static async Task<bool> ReturnAsync(DbConnection connection, string name, string holderId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(holderId);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM work_leases WHERE name = @name AND holder = @holderId",
            new { name, holderId }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }
}
