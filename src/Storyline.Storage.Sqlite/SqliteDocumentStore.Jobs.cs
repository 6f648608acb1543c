using Storyline.Ingestion;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Sqlite;

/// <summary>Background ingest batches in the SQLite store (the SQL is shared with the PostgreSQL provider).</summary>
public sealed partial class SqliteDocumentStore : IIngestJobStore
{
    /// <inheritdoc />
    public Task CreateJobAsync(string id, string description, DateTimeOffset started, CancellationToken cancellationToken = default) =>
        IngestJobSql.CreateAsync(_connection, id, description, started, cancellationToken);

    /// <inheritdoc />
    public Task AddJobResultAsync(string id, int index, IngestResult result, CancellationToken cancellationToken = default) =>
        IngestJobSql.AddResultAsync(_connection, id, index, result, cancellationToken);

    /// <inheritdoc />
    public Task FinishJobAsync(string id, DateTimeOffset finishedAt, string? error, CancellationToken cancellationToken = default) =>
        IngestJobSql.FinishAsync(_connection, id, finishedAt, error, cancellationToken);

    /// <inheritdoc />
    public Task BeatJobAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        IngestJobSql.BeatAsync(_connection, id, at, cancellationToken);

    /// <inheritdoc />
    public Task<IngestJobState?> GetJobAsync(string id, CancellationToken cancellationToken = default) =>
        IngestJobSql.GetAsync(_connection, id, cancellationToken);

    /// <inheritdoc />
    public Task<int> PruneJobsAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken = default) =>
        IngestJobSql.PruneAsync(_connection, endedBefore, cancellationToken);
}
