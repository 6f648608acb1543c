using System.Data.Common;
using System.Globalization;
using Dapper;
using Storyline.Ingestion;

namespace Storyline.Storage.Shared;

/// <summary>The ingest-job table's SQL and row mapping, written once: the statements are the same in both providers' dialects, so this
/// file is compiled into each (linked, not a library of its own).</summary>
internal static class IngestJobSql
{
    private sealed record JobRow(string Id, string Description, string StartedAt, string? FinishedAt, string? Error, string? HeartbeatAt);

    private sealed record ResultRow(string Name, string Status, long? DocumentId, long? OriginalId, string? Error, string? Title);

    public static Task CreateAsync(DbConnection connection, string id, string description, DateTimeOffset started, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ingest_jobs(id, description, started_at, heartbeat_at) VALUES (@id, @description, @started, @started)",
            new { id, description, started = Format(started) }, cancellationToken: cancellationToken));

    public static Task AddResultAsync(DbConnection connection, string id, int index, IngestResult result, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO ingest_job_results(job_id, seq, name, status, document_id, original_id, error, title)
            VALUES (@id, @index, @Name, @status, @DocumentId, @OriginalId, @Error, @Title)
            ON CONFLICT(job_id, seq) DO UPDATE SET name = excluded.name, status = excluded.status, document_id = excluded.document_id,
                original_id = excluded.original_id, error = excluded.error, title = excluded.title
            """,
            new { id, index = (long)index, result.Name, status = result.Status.ToString(), result.DocumentId, result.OriginalId, result.Error, result.Title },
            cancellationToken: cancellationToken));

    public static Task FinishAsync(DbConnection connection, string id, DateTimeOffset finishedAt, string? error, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ingest_jobs SET finished_at = @finished, error = @error WHERE id = @id AND finished_at IS NULL",
            new { id, finished = Format(finishedAt), error }, cancellationToken: cancellationToken));

    public static Task BeatAsync(DbConnection connection, string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ingest_jobs SET heartbeat_at = @at WHERE id = @id AND finished_at IS NULL",
            new { id, at = Format(at) }, cancellationToken: cancellationToken));

    public static async Task<IngestJobState?> GetAsync(DbConnection connection, string id, CancellationToken cancellationToken)
    {
        var job = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            "SELECT id AS Id, description AS Description, started_at AS StartedAt, finished_at AS FinishedAt, error AS Error, heartbeat_at AS HeartbeatAt FROM ingest_jobs WHERE id = @id",
            new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (job is null) return null;
        var rows = await connection.QueryAsync<ResultRow>(new CommandDefinition(
            """
            SELECT name AS Name, status AS Status, document_id AS DocumentId, original_id AS OriginalId, error AS Error, title AS Title
            FROM ingest_job_results WHERE job_id = @id ORDER BY seq
            """, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var results = rows.Select(r => new IngestResult(r.Name, Enum.Parse<IngestStatus>(r.Status), r.DocumentId, r.OriginalId, r.Error, r.Title)).ToList();
        return new IngestJobState(job.Id, job.Description, Parse(job.StartedAt), job.FinishedAt is null ? null : Parse(job.FinishedAt), job.Error, results,
            Parse(job.HeartbeatAt ?? job.StartedAt));
    }

    public static async Task<int> PruneAsync(DbConnection connection, DateTimeOffset endedBefore, CancellationToken cancellationToken)
    {
        var before = Format(endedBefore);
        // Ended before, or silent since before (its instance died while it ran). Results first: no cascade is assumed of either dialect's
        // foreign keys.
        const string Gone = "finished_at < @before OR (finished_at IS NULL AND heartbeat_at < @before)";
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM ingest_job_results WHERE job_id IN (SELECT id FROM ingest_jobs WHERE {Gone})",
            new { before }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM ingest_jobs WHERE {Gone}", new { before }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    // UTC, fixed width: the text orders as the instants do.
    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
