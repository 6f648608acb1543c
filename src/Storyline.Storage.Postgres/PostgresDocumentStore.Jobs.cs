using Storyline.Ingestion;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Postgres;

/// <summary>Background ingest batches in the PostgreSQL store (the SQL is shared with the SQLite provider).</summary>
public sealed partial class PostgresDocumentStore : IIngestJobStore
{
    /// <inheritdoc />
    public async Task CreateJobAsync(string id, string description, DateTimeOffset started, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await IngestJobSql.CreateAsync(connection, id, description, started, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task AddJobResultAsync(string id, int index, IngestResult result, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await IngestJobSql.AddResultAsync(connection, id, index, result, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task FinishJobAsync(string id, DateTimeOffset finishedAt, string? error, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await IngestJobSql.FinishAsync(connection, id, finishedAt, error, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task BeatJobAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await IngestJobSql.BeatAsync(connection, id, at, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IngestJobState?> GetJobAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await IngestJobSql.GetAsync(connection, id, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> PruneJobsAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await IngestJobSql.PruneAsync(connection, endedBefore, cancellationToken).ConfigureAwait(false);
    }
}
