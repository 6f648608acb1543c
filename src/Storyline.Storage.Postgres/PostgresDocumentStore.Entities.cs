using System.Text.Json;
using Dapper;
using Npgsql;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Postgres;

/// <summary>Entities and mentions in the PostgreSQL store.</summary>
public sealed partial class PostgresDocumentStore
{
    /// <inheritdoc />
    public async Task SaveEntitiesAsync(long documentId, DocumentEntities entities, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entities);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Merged entities are rebuilt from every document's rows: two documents saved at once must not each merge without the other.
        await LockWritesAsync(connection, tx).ConfigureAwait(false);
        var previous = await connection.QueryAsync<string>("SELECT entity_key FROM document_entities WHERE document_id = @documentId ORDER BY entity_key", new { documentId }, tx).ConfigureAwait(false);
        // Statements were resolved against the previous analysis: they stay readable but are marked for analysis again.
        await connection.ExecuteAsync(
            """
            DELETE FROM mentions WHERE document_id = @documentId; DELETE FROM document_entities WHERE document_id = @documentId;
            DELETE FROM recognized_entities WHERE document_id = @documentId; UPDATE statement_analyses SET version = 0 WHERE document_id = @documentId
            """, new { documentId }, tx).ConfigureAwait(false);
        // One statement per table, the rows as parallel arrays in order (a statement per row cost a round trip each: about 200 per
        // document, most of the time a worker spent saving).
        var e = entities.Entities;
        await connection.ExecuteAsync(
            """
            INSERT INTO document_entities(document_id, entity_key, name, type, roles_json, affiliations_json, aliases_json)
            SELECT @documentId, k, n, t, r, f, a FROM unnest(@keys, @names, @types, @roles, @affiliations, @aliases) WITH ORDINALITY AS u(k, n, t, r, f, a, i) ORDER BY i
            """,
            new
            {
                documentId,
                keys = e.Select(x => x.Key).ToArray(), names = e.Select(x => x.Name).ToArray(), types = e.Select(x => x.Type).ToArray(),
                roles = e.Select(x => JsonSerializer.Serialize(x.Roles, JsonOptions.Default)).ToArray(),
                affiliations = e.Select(x => JsonSerializer.Serialize(x.Affiliations, JsonOptions.Default)).ToArray(),
                aliases = e.Select(x => JsonSerializer.Serialize(x.Aliases, JsonOptions.Default)).ToArray(),
            }, tx).ConfigureAwait(false);
        var m = entities.Mentions;
        await connection.ExecuteAsync(
            """
            INSERT INTO mentions(document_id, entity_key, start, length, kind, role)
            SELECT @documentId, k, s, l, d, r FROM unnest(@keys, @starts, @lengths, @kinds, @roles) WITH ORDINALITY AS u(k, s, l, d, r, i) ORDER BY i
            """,
            new
            {
                documentId,
                keys = m.Select(x => x.EntityKey).ToArray(), starts = m.Select(x => (long)x.Span.Start).ToArray(), lengths = m.Select(x => (long)x.Span.Length).ToArray(),
                kinds = m.Select(x => x.Kind.ToString()).ToArray(), roles = m.Select(x => x.Role).ToArray(),
            }, tx).ConfigureAwait(false);
        if (entities.Recognized is { } recognized)
            await connection.ExecuteAsync(
                """
                INSERT INTO recognized_entities(document_id, start, length, type, sentence)
                SELECT @documentId, s, l, t, n FROM unnest(@starts, @lengths, @types, @sentences) WITH ORDINALITY AS u(s, l, t, n, i) ORDER BY i
                """,
                new
                {
                    documentId,
                    starts = recognized.Select(x => (long)x.Span.Start).ToArray(), lengths = recognized.Select(x => (long)x.Span.Length).ToArray(),
                    types = recognized.Select(x => x.Type).ToArray(), sentences = recognized.Select(x => (long)x.Sentence).ToArray(),
                }, tx).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO entity_analyses(document_id, version, analysed_at, recognized) VALUES (@documentId, @version, @now, @recognized)
            ON CONFLICT(document_id) DO UPDATE SET version = excluded.version, analysed_at = excluded.analysed_at, recognized = excluded.recognized
            """, new { documentId, version = (long)version, now = Format(_time.GetUtcNow()), recognized = entities.Recognized is not null }, tx).ConfigureAwait(false);
        await MergeEntitiesAsync(connection, [.. previous.Concat(e.Select(x => x.Key)).Distinct(StringComparer.Ordinal)], tx).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // The merged entity is rebuilt from what every document says, so replacing one document's analysis drops what only it said. All the
    // keys at once: one read of their rows, one delete of those no document names any more, one upsert.
    private static async Task MergeEntitiesAsync(NpgsqlConnection connection, string[] keys, NpgsqlTransaction tx)
    {
        if (keys.Length == 0) return;
        var rows = (await connection.QueryAsync<EntityRow>(
            "SELECT entity_key AS Key, name AS Name, type AS Type, roles_json AS Roles, affiliations_json AS Affiliations, aliases_json AS Aliases FROM document_entities WHERE entity_key = ANY(@keys) ORDER BY entity_key, document_id",
            new { keys }, tx).ConfigureAwait(false)).Select(r => r.ToEntity()).GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var gone = keys.Where(k => !rows.ContainsKey(k)).ToArray();
        if (gone.Length > 0) await connection.ExecuteAsync("DELETE FROM entities WHERE key = ANY(@gone)", new { gone }, tx).ConfigureAwait(false);
        var merged = keys.Where(rows.ContainsKey).Order(StringComparer.Ordinal).Select(k => (Key: k, Entity: ResolvedEntity.Merge(rows[k]))).ToList();
        if (merged.Count == 0) return;
        await connection.ExecuteAsync(
            """
            INSERT INTO entities(key, name, type, roles_json, affiliations_json, aliases_json)
            SELECT k, n, t, r, f, a FROM unnest(@keys, @names, @types, @roles, @affiliations, @aliases) AS u(k, n, t, r, f, a)
            ON CONFLICT(key) DO UPDATE SET name = excluded.name, type = excluded.type, roles_json = excluded.roles_json,
                affiliations_json = excluded.affiliations_json, aliases_json = excluded.aliases_json
            """,
            new
            {
                keys = merged.Select(x => x.Key).ToArray(), names = merged.Select(x => x.Entity.Name).ToArray(), types = merged.Select(x => x.Entity.Type).ToArray(),
                roles = merged.Select(x => JsonSerializer.Serialize(x.Entity.Roles, JsonOptions.Default)).ToArray(),
                affiliations = merged.Select(x => JsonSerializer.Serialize(x.Entity.Affiliations, JsonOptions.Default)).ToArray(),
                aliases = merged.Select(x => JsonSerializer.Serialize(x.Entity.Aliases, JsonOptions.Default)).ToArray(),
            }, tx).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DocumentEntities?> GetEntitiesAsync(long documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var analysed = await connection.QuerySingleOrDefaultAsync<AnalysisRow>(
            "SELECT version AS Version, recognized AS Recognized FROM entity_analyses WHERE document_id = @documentId", new { documentId }).ConfigureAwait(false);
        if (analysed is null) return null;
        // In key order: the SQLite store reads them from a table clustered on (document, key).
        var entities = await connection.QueryAsync<EntityRow>(
            "SELECT entity_key AS Key, name AS Name, type AS Type, roles_json AS Roles, affiliations_json AS Affiliations, aliases_json AS Aliases FROM document_entities WHERE document_id = @documentId ORDER BY entity_key",
            new { documentId }).ConfigureAwait(false);
        var mentions = await connection.QueryAsync<(string Key, long Start, long Length, string Kind, string? Role)>(
            "SELECT entity_key, start, length, kind, role FROM mentions WHERE document_id = @documentId ORDER BY start, length DESC, id", new { documentId }).ConfigureAwait(false);
        // Analyses stored before the recogniser's spans were kept have none: null tells readers to recognise again.
        List<NamedEntity>? recognized = null;
        if (analysed.Recognized)
            recognized = [.. (await connection.QueryAsync<(long Start, long Length, string Type, long Sentence)>(
                "SELECT start, length, type, sentence FROM recognized_entities WHERE document_id = @documentId ORDER BY id", new { documentId }).ConfigureAwait(false))
                .Select(n => new NamedEntity(new TextSpan((int)n.Start, (int)n.Length), n.Type, (int)n.Sentence))];
        return new DocumentEntities([.. entities.Select(e => e.ToEntity())],
            [.. mentions.Select(m => new EntityMention(new TextSpan((int)m.Start, (int)m.Length), m.Key, Enum.Parse<MentionKind>(m.Kind), m.Role))], recognized);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ListDocumentsNeedingEntitiesAsync(int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<long>(
            "SELECT d.id FROM documents d LEFT JOIN entity_analyses a ON a.document_id = d.id WHERE a.version IS NULL OR a.version < @version ORDER BY d.id",
            new { version = (long)version }).ConfigureAwait(false)];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> ListDocumentsNeedingEntitiesAsync(int version, IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default) =>
        AmongAsync(documentIds,
            "SELECT d.id FROM documents d LEFT JOIN entity_analyses a ON a.document_id = d.id WHERE d.id = ANY(@ids) AND (a.version IS NULL OR a.version < @version) ORDER BY d.id",
            ids => new { ids, version = (long)version }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntitySummary>> ListEntitiesAsync(string? type = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Ties on count and name fall to the key, the order SQLite's grouping leaves them in.
        var rows = await connection.QueryAsync<EntityCountRow>(
            """
            SELECT e.key AS Key, e.name AS Name, e.type AS Type, e.roles_json AS Roles, e.affiliations_json AS Affiliations, e.aliases_json AS Aliases,
                   count(m.document_id) AS Mentions, count(DISTINCT m.document_id) AS Documents
            FROM entities e LEFT JOIN mentions m ON m.entity_key = e.key
            WHERE @type::text IS NULL OR e.type = @type
            GROUP BY e.key
            ORDER BY count(m.document_id) DESC, e.name, e.key
            """, new { type }).ConfigureAwait(false);
        return [.. rows.Select(r => new EntitySummary(new EntityRow(r.Key, r.Name, r.Type, r.Roles, r.Affiliations, r.Aliases).ToEntity(), (int)r.Mentions, (int)r.Documents))];
    }

    private sealed record EntityRow(string Key, string Name, string Type, string Roles, string Affiliations, string Aliases)
    {
        public ResolvedEntity ToEntity() => new(Key, Name, Type, Read(Roles), Read(Affiliations), Read(Aliases));

        private static List<string> Read(string json) => JsonSerializer.Deserialize<List<string>>(json, JsonOptions.Default) ?? [];
    }

    private sealed class AnalysisRow
    {
        public long Version { get; set; }
        public bool Recognized { get; set; }
    }

    private sealed class EntityCountRow
    {
        public string Key { get; set; } = "";
        public string Name { get; set; } = "";
        public string Type { get; set; } = "";
        public string Roles { get; set; } = "[]";
        public string Affiliations { get; set; } = "[]";
        public string Aliases { get; set; } = "[]";
        public long Mentions { get; set; }
        public long Documents { get; set; }
    }
}
