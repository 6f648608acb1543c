using Dapper;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Postgres;

/// <summary>The analysis queue in the PostgreSQL store: a claim is one statement that locks the rows it takes and skips rows another
/// worker's claim has locked (<c>FOR UPDATE SKIP LOCKED</c>), so workers never wait on each other nor take the same document.</summary>
public sealed partial class PostgresDocumentStore : IAnalysisQueue, IWorkLeases
{
    /// <inheritdoc />
    public async Task EnqueueAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        if (documentIds.Count == 0) return;
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var ids = documentIds.Distinct().ToArray();
        // One statement; ordinality keeps the given order among documents enqueued at the same instant.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO analysis_queue(document_id, enqueued_at)
            SELECT id, @now FROM unnest(@ids) WITH ORDINALITY AS t(id, n) ORDER BY n
            ON CONFLICT(document_id) DO NOTHING
            """, new { ids, now = Format(_time.GetUtcNow()) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ClaimAsync(string workerId, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var claimed = await connection.QueryAsync<(long Id, string EnqueuedAt)>(new CommandDefinition(
            """
            UPDATE analysis_queue SET claimed_by = @workerId, lease_until = @until
            WHERE document_id IN (
                SELECT document_id FROM analysis_queue WHERE claimed_by IS NULL OR lease_until <= @now
                ORDER BY enqueued_at, document_id LIMIT @max
                FOR UPDATE SKIP LOCKED)
            RETURNING document_id, enqueued_at
            """, new { workerId, until = (now + lease).ToUnixTimeMilliseconds(), now = now.ToUnixTimeMilliseconds(), max = (long)max },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. claimed.OrderBy(c => c.EnqueuedAt, StringComparer.Ordinal).ThenBy(c => c.Id).Select(c => c.Id)];
    }

    /// <inheritdoc />
    public Task<int> CompleteAsync(IReadOnlyCollection<long> documentIds, string workerId, CancellationToken cancellationToken = default) =>
        OnHeldAsync(documentIds, workerId, "DELETE FROM analysis_queue WHERE document_id = ANY(@ids) AND claimed_by = @workerId", null, cancellationToken);

    /// <inheritdoc />
    public Task<int> ReleaseAsync(IReadOnlyCollection<long> documentIds, string workerId, CancellationToken cancellationToken = default) =>
        OnHeldAsync(documentIds, workerId,
            "UPDATE analysis_queue SET claimed_by = NULL, lease_until = NULL WHERE document_id = ANY(@ids) AND claimed_by = @workerId", null, cancellationToken);

    /// <inheritdoc />
    public Task<int> RenewAsync(IReadOnlyCollection<long> documentIds, string workerId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return OnHeldAsync(documentIds, workerId, "UPDATE analysis_queue SET lease_until = @until WHERE document_id = ANY(@ids) AND claimed_by = @workerId",
            (_time.GetUtcNow() + lease).ToUnixTimeMilliseconds(), cancellationToken);
    }

    // Runs one statement on the entries of documentIds that workerId still holds.
    private async Task<int> OnHeldAsync(IReadOnlyCollection<long> documentIds, string workerId, string statement, long? until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        if (documentIds.Count == 0) return 0;
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var ids = documentIds.Distinct().ToArray();
        return await connection.ExecuteAsync(new CommandDefinition(statement, new { ids, workerId, until }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> QueueDepthAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM analysis_queue", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryTakeLeaseAsync(string name, string holderId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await WorkLeaseSql.TryTakeAsync(connection, name, holderId, lease, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> ReturnLeaseAsync(string name, string holderId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await WorkLeaseSql.ReturnAsync(connection, name, holderId, cancellationToken).ConfigureAwait(false);
    }
}
