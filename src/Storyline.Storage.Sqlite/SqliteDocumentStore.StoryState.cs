using System.Data;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Storyline.Documents;
using Storyline.Storage;
using Storyline.Stories;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Sqlite;

/// <summary>Story clustering state in the SQLite store (migration 5): assignment steps as IMMEDIATE transactions.</summary>
public sealed partial class SqliteDocumentStore
{
    /// <inheritdoc />
    public Task<IStoryAssignmentScope> BeginStoryAssignmentAsync(CancellationToken cancellationToken = default)
    {
        // IMMEDIATE takes the write lock now (waiting up to busy_timeout for another writer), not at the first write: two assigners
        // must not both read the same state and place the same document.
        var tx = _connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        return Task.FromResult<IStoryAssignmentScope>(new StoryAssignmentScope(_connection, tx, _time));
    }

    private sealed class StoryAssignmentScope(SqliteConnection connection, SqliteTransaction tx, TimeProvider time) : IStoryAssignmentScope
    {
        public Task<IReadOnlyList<PendingStoryDocument>> PendingAsync(long? upTo, int limit, CancellationToken cancellationToken = default) =>
            ReadPendingAsync(connection, tx, upTo, limit, cancellationToken);

        // SQLite reads in process: a query per document costs no round trip.
        public Task PrepareTermsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public async Task<long> CreateStoryAsync(string title, CancellationToken cancellationToken = default)
        {
            var now = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            return await connection.ExecuteScalarAsync<long>("INSERT INTO stories(title, created_at, updated_at) VALUES (@title, @now, @now) RETURNING id", new { title, now }, tx).ConfigureAwait(false);
        }

        public async Task RecordAsync(long documentId, long storyId, long developmentId, double similarity, CancellationToken cancellationToken = default)
        {
            var now = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            await connection.ExecuteAsync(
                """
                INSERT INTO story_documents(document_id, story_id, development_id, similarity) VALUES (@documentId, @storyId, @developmentId, @similarity)
                ON CONFLICT(document_id) DO UPDATE SET story_id = excluded.story_id, development_id = excluded.development_id, similarity = excluded.similarity;
                UPDATE stories SET updated_at = @now WHERE id = @storyId
                """, new { documentId, storyId, developmentId, similarity, now }, tx).ConfigureAwait(false);
        }

        public async Task<string?> TitleOfAsync(long documentId, CancellationToken cancellationToken = default) =>
            await connection.ExecuteScalarAsync<string?>("SELECT title FROM documents WHERE id = @documentId", new { documentId }, tx).ConfigureAwait(false);

        public async Task SetStoryTitleAsync(long storyId, string title, CancellationToken cancellationToken = default) =>
            await connection.ExecuteAsync("UPDATE stories SET title = @title WHERE id = @storyId", new { title, storyId }, tx).ConfigureAwait(false);

        public async Task CommitAsync(CancellationToken cancellationToken = default) => await tx.CommitAsync(cancellationToken).ConfigureAwait(false);

        public async ValueTask<TermStatistics> ObserveAsync(IReadOnlyList<string> terms, CancellationToken cancellationToken)
        {
            var known = (await connection.QueryAsync<(long Id, string Term, long Df)>("SELECT id, term, df FROM story_terms WHERE term IN @terms", new { terms }, tx).ConfigureAwait(false))
                .ToDictionary(r => r.Term, r => new TermStatistic((int)r.Id, (int)r.Df + 1), StringComparer.Ordinal);
            if (known.Count > 0)
                await connection.ExecuteAsync($"UPDATE story_terms SET df = df + 1 WHERE id IN ({string.Join(',', known.Values.Select(v => v.Id))})", transaction: tx).ConfigureAwait(false);
            var next = await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(id) + 1, 0) FROM story_terms", transaction: tx).ConfigureAwait(false);
            var stats = new Dictionary<string, TermStatistic>(terms.Count, StringComparer.Ordinal);
            var added = new List<object>();
            foreach (var term in terms)
            {
                if (!known.TryGetValue(term, out var stat))
                {
                    // New terms take the next ids in the order given, as the in-memory state numbers them.
                    stat = new TermStatistic((int)next++, 1);
                    added.Add(new { stat.Id, term });
                }
                stats[term] = stat;
            }
            if (added.Count > 0) await connection.ExecuteAsync("INSERT INTO story_terms(id, term, df) VALUES (@Id, @term, 1)", added, tx).ConfigureAwait(false);
            var documents = await connection.ExecuteScalarAsync<long>("UPDATE story_state SET documents = documents + 1 WHERE id = 1 RETURNING documents", transaction: tx).ConfigureAwait(false);
            return new TermStatistics((int)documents, stats);
        }

        public async ValueTask<IReadOnlyList<ClusterMatch>> ClustersSharingAsync(ClusterLevel level, TermVector vector, IReadOnlyCollection<int> probe, CancellationToken cancellationToken)
        {
            if (probe.Count == 0) return [];
            var clusters = (await connection.QueryAsync<(long Id, long Story, double NormSquared, long? Earliest, long? Latest)>(
                $"""
                SELECT id, story_id, norm_squared, earliest, latest FROM story_clusters
                WHERE level = @level AND id IN (SELECT cluster_id FROM story_cluster_terms WHERE level = @level AND term_id IN ({string.Join(',', probe)}))
                ORDER BY id
                """, new { level = (int)level }, tx).ConfigureAwait(false)).ToList();
            if (clusters.Count == 0) return [];
            var sums = clusters.ToDictionary(c => c.Id, _ => new Dictionary<int, double>());
            var postings = await connection.QueryAsync<(long Cluster, long Term, double Sum)>(
                $"SELECT cluster_id, term_id, sum FROM story_cluster_terms WHERE level = @level AND term_id IN ({string.Join(',', vector.Terms)}) AND cluster_id IN ({string.Join(',', sums.Keys)})",
                new { level = (int)level }, tx).ConfigureAwait(false);
            foreach (var (cluster, term, sum) in postings) sums[cluster][(int)term] = sum;
            return [.. clusters.Select(c => new ClusterMatch(c.Id, c.Story, c.NormSquared, sums[c.Id], Span(c.Earliest, c.Latest)))];
        }

        public async ValueTask<IReadOnlyList<ClusterMember>> MembersAsync(ClusterLevel level, long cluster, CancellationToken cancellationToken)
        {
            var sql = level == ClusterLevel.Development
                ? "SELECT v.document_id, v.development FROM story_documents sd JOIN story_vectors v ON v.document_id = sd.document_id WHERE sd.development_id = @cluster ORDER BY v.document_id"
                : "SELECT v.document_id, v.story FROM story_documents sd JOIN story_vectors v ON v.document_id = sd.document_id WHERE sd.story_id = @cluster ORDER BY v.document_id";
            return [.. (await connection.QueryAsync<(long Document, byte[] Vector)>(sql, new { cluster }, tx).ConfigureAwait(false))
                .Select(r => new ClusterMember(r.Document, ClusterArithmetic.FromBytes(r.Vector)))];
        }

        public async ValueTask<IReadOnlyDictionary<int, double>> SumsAsync(ClusterLevel level, long cluster, CancellationToken cancellationToken) =>
            (await connection.QueryAsync<(long Term, double Sum)>("SELECT term_id, sum FROM story_cluster_terms WHERE level = @level AND cluster_id = @cluster",
                new { level = (int)level, cluster }, tx).ConfigureAwait(false)).ToDictionary(r => (int)r.Term, r => r.Sum);

        public async ValueTask JoinAsync(ClusterLevel level, long cluster, long story, long document, TermVector vector, PublicationInterval published, CancellationToken cancellationToken)
        {
            var l = (int)level;
            var old = vector.Terms.Length == 0 ? new Dictionary<int, double>()
                : (await connection.QueryAsync<(long Term, double Sum)>(
                    $"SELECT term_id, sum FROM story_cluster_terms WHERE level = @l AND cluster_id = @cluster AND term_id IN ({string.Join(',', vector.Terms)})",
                    new { l, cluster }, tx).ConfigureAwait(false)).ToDictionary(r => (int)r.Term, r => r.Sum);
            var (sums, change) = ClusterArithmetic.Join(old, vector);
            await connection.ExecuteAsync(
                "INSERT INTO story_cluster_terms(level, term_id, cluster_id, sum) VALUES (@l, @term, @cluster, @sum) ON CONFLICT(level, term_id, cluster_id) DO UPDATE SET sum = excluded.sum",
                vector.Terms.Select((term, i) => new { l, term, cluster, sum = sums[i] }), tx).ConfigureAwait(false);
            var row = await connection.QuerySingleOrDefaultAsync<(double NormSquared, long? Earliest, long? Latest)?>(
                "SELECT norm_squared, earliest, latest FROM story_clusters WHERE level = @l AND id = @cluster", new { l, cluster }, tx).ConfigureAwait(false);
            // 0 + change for a new cluster, as the in-memory state computes it.
            var norm = (row?.NormSquared ?? 0) + change;
            var span = (row is { } r ? Span(r.Earliest, r.Latest) : default).With(published);
            await connection.ExecuteAsync(
                """
                INSERT INTO story_clusters(level, id, story_id, norm_squared, earliest, latest) VALUES (@l, @cluster, @story, @norm, @earliest, @latest)
                ON CONFLICT(level, id) DO UPDATE SET norm_squared = excluded.norm_squared, earliest = excluded.earliest, latest = excluded.latest
                """, new { l, cluster, story, norm, earliest = span.Earliest?.UtcTicks, latest = span.Latest?.UtcTicks }, tx).ConfigureAwait(false);
            var bytes = ClusterArithmetic.ToBytes(vector);
            await connection.ExecuteAsync(level == ClusterLevel.Development
                ? "INSERT INTO story_vectors(document_id, development, story) VALUES (@document, @bytes, x'') ON CONFLICT(document_id) DO UPDATE SET development = excluded.development"
                : "INSERT INTO story_vectors(document_id, development, story) VALUES (@document, x'', @bytes) ON CONFLICT(document_id) DO UPDATE SET story = excluded.story",
                new { document, bytes }, tx).ConfigureAwait(false);
        }

        private static DevelopmentSpan Span(long? earliest, long? latest) => new(
            earliest is { } e ? new DateTimeOffset(e, TimeSpan.Zero) : null,
            latest is { } l ? new DateTimeOffset(l, TimeSpan.Zero) : null);

        public async ValueTask DisposeAsync() => await tx.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingStoryDocument>> PeekPendingAsync(long? upTo, int limit, CancellationToken cancellationToken = default) =>
        ReadPendingAsync(_connection, null, upTo, limit, cancellationToken);

    // Documents get their state in id order, so those with state are a prefix: the next ones are found by index, however large the store.
    private static async Task<IReadOnlyList<PendingStoryDocument>> ReadPendingAsync(SqliteConnection connection, SqliteTransaction? tx, long? upTo, int limit, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<PendingStoryRow>(new CommandDefinition(
            """
            SELECT d.id AS Id, d.title AS Title, d.text AS Text, json_extract(d.metadata_json, '$.published') AS Published, sd.story_id AS Story,
                sd.development_id AS Development, od.story_id AS OriginalStory, od.development_id AS OriginalDevelopment, d.duplicate_of AS DuplicateOf
            FROM documents d
            LEFT JOIN story_documents sd ON sd.document_id = d.id
            LEFT JOIN story_documents od ON od.document_id = d.duplicate_of
            WHERE d.id > coalesce((SELECT max(document_id) FROM story_vectors), 0) AND d.id <= @upTo
            ORDER BY d.id LIMIT @limit
            """, new { upTo = upTo ?? long.MaxValue, limit }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToPending())];
    }
}
