using Dapper;
using Microsoft.Data.Sqlite;

namespace Storyline.Storage.Sqlite;

/// <summary>Stored results of the analysis stages in the SQLite store.</summary>
public sealed partial class SqliteDocumentStore : IAnalysisStore
{
    /// <inheritdoc />
    public async Task SaveAnalysesAsync(long documentId, IReadOnlyList<StoredAnalysis> analyses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        if (analyses.Count == 0) return;
        if (analyses.Any(a => a.DocumentId != documentId)) throw new ArgumentException("every analysis must belong to the document saved", nameof(analyses));
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = Format(_time.GetUtcNow());
        // A document deleted or never stored has nothing to attach results to: the foreign key refuses the insert.
        await _connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO document_analyses(document_id, stage, version, data, analysed_at) VALUES (@DocumentId, @Stage, @Version, @Data, @now)
            ON CONFLICT(document_id, stage) DO UPDATE SET version = excluded.version, data = excluded.data, analysed_at = excluded.analysed_at
            """, analyses.Select(a => new { a.DocumentId, a.Stage, a.Version, a.Data, now }), tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredAnalysis>> GetAnalysesAsync(IReadOnlyCollection<long> documentIds, IReadOnlyCollection<string> stages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        ArgumentNullException.ThrowIfNull(stages);
        if (documentIds.Count == 0 || stages.Count == 0) return [];
        var result = new List<StoredAnalysis>();
        // In chunks: SQLite limits the number of bound parameters.
        foreach (var chunk in documentIds.Distinct().Chunk(500))
        {
            var rows = await _connection.QueryAsync<StageAnalysisRow>(new CommandDefinition(
                "SELECT document_id AS DocumentId, stage AS Stage, version AS Version, data AS Data FROM document_analyses WHERE document_id IN @chunk AND stage IN @stages",
                new { chunk, stages }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            result.AddRange(rows.Select(r => new StoredAnalysis(r.DocumentId, r.Stage, (int)r.Version, r.Data)));
        }
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ListDocumentsNeedingAnalysisAsync(string stage, int version, CancellationToken cancellationToken = default) =>
        [.. await _connection.QueryAsync<long>(new CommandDefinition(
            // The current results through the (stage, version) index alone: joining each document to its result row walked the rows
            // that hold the data, about twice as slow on 3,000 documents.
            """
            SELECT d.id FROM documents d
            WHERE d.id NOT IN (SELECT document_id FROM document_analyses WHERE stage = @stage AND version = @version) ORDER BY d.id
            """, new { stage, version }, cancellationToken: cancellationToken)).ConfigureAwait(false)];

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> ListDocumentsNeedingAnalysisAsync(string stage, int version, IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default) =>
        AmongAsync(documentIds,
            "SELECT d.id FROM documents d LEFT JOIN document_analyses a ON a.document_id = d.id AND a.stage = @stage WHERE d.id IN @chunk AND (a.version IS NULL OR a.version <> @version)",
            chunk => new { chunk, stage, version }, cancellationToken);

    // Runs a query whose @chunk is up to 500 of documentIds, and returns the ids it gives, in id order.
    private async Task<IReadOnlyList<long>> AmongAsync(IReadOnlyCollection<long> documentIds, string sql, Func<long[], object> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        var found = new List<long>();
        foreach (var chunk in documentIds.Distinct().Chunk(500))
            found.AddRange(await _connection.QueryAsync<long>(new CommandDefinition(sql, parameters(chunk), cancellationToken: cancellationToken)).ConfigureAwait(false));
        found.Sort();
        return found;
    }

    private sealed class StageAnalysisRow
    {
        public long DocumentId { get; init; }
        public string Stage { get; init; } = "";
        public long Version { get; init; }
        public byte[] Data { get; init; } = [];
    }
}
