using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Sqlite;

/// <summary>The analysis queue in the SQLite store: each claim is one write transaction, so claims from several processes take turns.</summary>
public sealed partial class SqliteDocumentStore : IAnalysisQueue, IWorkLeases
{
    /// <inheritdoc />
    public async Task EnqueueAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        if (documentIds.Count == 0) return;
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var now = Format(_time.GetUtcNow());
        await _connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO analysis_queue(document_id, enqueued_at) VALUES (@id, @now) ON CONFLICT(document_id) DO NOTHING",
            documentIds.Distinct().Select(id => new { id, now }), tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ClaimAsync(string workerId, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        // BEGIN IMMEDIATE: the write lock is taken before reading, so no other process claims between the choice and the update.
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var claimed = (await _connection.QueryAsync<long>(new CommandDefinition(
            """
            UPDATE analysis_queue SET claimed_by = @workerId, lease_until = @until
            WHERE document_id IN (
                SELECT document_id FROM analysis_queue WHERE claimed_by IS NULL OR lease_until <= @now
                ORDER BY enqueued_at, document_id LIMIT @max)
            RETURNING document_id
            """, new { workerId, until = (now + lease).ToUnixTimeMilliseconds(), now = now.ToUnixTimeMilliseconds(), max },
            tx, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet();
        if (claimed.Count == 0)
        {
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return [];
        }
        // RETURNING gives no order: read the queue order back inside the same transaction.
        var ordered = (await _connection.QueryAsync<long>(new CommandDefinition(
            "SELECT document_id FROM analysis_queue WHERE claimed_by = @workerId ORDER BY enqueued_at, document_id",
            new { workerId }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false)).Where(claimed.Contains).ToList();
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ordered;
    }

    /// <inheritdoc />
    public Task<int> CompleteAsync(IReadOnlyCollection<long> documentIds, string workerId, CancellationToken cancellationToken = default) =>
        OnHeldAsync(documentIds, workerId, "DELETE FROM analysis_queue WHERE document_id IN @chunk AND claimed_by = @workerId", null, cancellationToken);

    /// <inheritdoc />
    public Task<int> ReleaseAsync(IReadOnlyCollection<long> documentIds, string workerId, CancellationToken cancellationToken = default) =>
        OnHeldAsync(documentIds, workerId,
            "UPDATE analysis_queue SET claimed_by = NULL, lease_until = NULL WHERE document_id IN @chunk AND claimed_by = @workerId", null, cancellationToken);

    /// <inheritdoc />
    public Task<int> RenewAsync(IReadOnlyCollection<long> documentIds, string workerId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return OnHeldAsync(documentIds, workerId, "UPDATE analysis_queue SET lease_until = @until WHERE document_id IN @chunk AND claimed_by = @workerId",
            (_time.GetUtcNow() + lease).ToUnixTimeMilliseconds(), cancellationToken);
    }

    // Runs one statement on the entries of documentIds that workerId still holds, in one write transaction, 500 ids at a time.
    private async Task<int> OnHeldAsync(IReadOnlyCollection<long> documentIds, string workerId, string statement, long? until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        if (documentIds.Count == 0) return 0;
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var changed = 0;
        foreach (var chunk in documentIds.Distinct().Chunk(500))
            changed += await _connection.ExecuteAsync(new CommandDefinition(statement, new { chunk, workerId, until }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed;
    }

    /// <inheritdoc />
    public async Task<int> QueueDepthAsync(CancellationToken cancellationToken = default) =>
        await _connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*) FROM analysis_queue", cancellationToken: cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<bool> TryTakeLeaseAsync(string name, string holderId, TimeSpan lease, CancellationToken cancellationToken = default) =>
        WorkLeaseSql.TryTakeAsync(_connection, name, holderId, lease, _time.GetUtcNow(), cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReturnLeaseAsync(string name, string holderId, CancellationToken cancellationToken = default) =>
        WorkLeaseSql.ReturnAsync(_connection, name, holderId, cancellationToken);
}
