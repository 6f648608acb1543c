using Dapper;

namespace Storyline.Storage.Postgres;

/// <summary>Stored results of the analysis stages in the PostgreSQL store.</summary>
public sealed partial class PostgresDocumentStore
{
    /// <inheritdoc />
    public async Task SaveAnalysesAsync(long documentId, IReadOnlyList<StoredAnalysis> analyses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        if (analyses.Count == 0) return;
        if (analyses.Any(a => a.DocumentId != documentId)) throw new ArgumentException("every analysis must belong to the document saved", nameof(analyses));
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var now = Format(_time.GetUtcNow());
        // A stage given twice keeps its last result, as one upsert after the other did (one statement cannot update a row twice).
        var rows = analyses.GroupBy(a => a.Stage, StringComparer.Ordinal).Select(g => g.Last()).ToArray();
        // One statement for every stage (one was sent per stage): a single statement is atomic, so it needs no transaction of its own.
        // A document deleted or never stored has nothing to attach results to: the foreign key refuses the insert.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO document_analyses(document_id, stage, version, data, analysed_at)
            SELECT @documentId, s.stage, s.version, s.data, @now FROM unnest(@stages, @versions, @data) AS s(stage, version, data)
            ON CONFLICT(document_id, stage) DO UPDATE SET version = excluded.version, data = excluded.data, analysed_at = excluded.analysed_at
            """, new { documentId, stages = rows.Select(a => a.Stage).ToArray(), versions = rows.Select(a => (long)a.Version).ToArray(),
                data = rows.Select(a => a.Data).ToArray(), now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredAnalysis>> GetAnalysesAsync(IReadOnlyCollection<long> documentIds, IReadOnlyCollection<string> stages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        ArgumentNullException.ThrowIfNull(stages);
        if (documentIds.Count == 0 || stages.Count == 0) return [];
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var stageArray = stages.ToArray();
        var result = new List<StoredAnalysis>();
        // In chunks, as the SQLite store reads them, so neither query grows without bound.
        foreach (var chunk in documentIds.Distinct().Chunk(500))
        {
            var rows = await connection.QueryAsync<StageAnalysisRow>(new CommandDefinition(
                "SELECT document_id AS DocumentId, stage AS Stage, version AS Version, data AS Data FROM document_analyses WHERE document_id = ANY(@chunk) AND stage = ANY(@stageArray)",
                new { chunk, stageArray }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            result.AddRange(rows.Select(r => new StoredAnalysis(r.DocumentId, r.Stage, (int)r.Version, r.Data)));
        }
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ListDocumentsNeedingAnalysisAsync(string stage, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<long>(new CommandDefinition(
            """
            SELECT d.id FROM documents d LEFT JOIN document_analyses a ON a.document_id = d.id AND a.stage = @stage
            WHERE a.version IS NULL OR a.version <> @version ORDER BY d.id
            """, new { stage, version = (long)version }, cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> ListDocumentsNeedingAnalysisAsync(string stage, int version, IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default) =>
        AmongAsync(documentIds,
            "SELECT d.id FROM documents d LEFT JOIN document_analyses a ON a.document_id = d.id AND a.stage = @stage WHERE d.id = ANY(@ids) AND (a.version IS NULL OR a.version <> @version) ORDER BY d.id",
            ids => new { ids, stage, version = (long)version }, cancellationToken);

    // Runs a query whose @ids is documentIds, and returns the ids it gives.
    private async Task<IReadOnlyList<long>> AmongAsync(IReadOnlyCollection<long> documentIds, string sql, Func<long[], object> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        if (documentIds.Count == 0) return [];
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<long>(new CommandDefinition(sql, parameters([.. documentIds.Distinct()]), cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    private sealed class StageAnalysisRow
    {
        public long DocumentId { get; init; }
        public string Stage { get; init; } = "";
        public long Version { get; init; }
        public byte[] Data { get; init; } = [];
    }
}
