using Dapper;
using Npgsql;
using Storyline.Storage.Shared;
using Storyline.Stories;

namespace Storyline.Storage.Postgres;

/// <summary>Story clustering state in the PostgreSQL store (migration 7): each assignment step is one transaction holding the write lock.</summary>
public sealed partial class PostgresDocumentStore
{
    /// <inheritdoc />
    public async Task<IStoryAssignmentScope> BeginStoryAssignmentAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // The lock is taken before anything is read, as SQLite's IMMEDIATE transaction takes it: two assigners must not both read the
            // same state and place the same document. It is released when the step commits or rolls back.
            await LockWritesAsync(connection, tx).ConfigureAwait(false);
            return new StoryAssignmentScope(connection, tx, _time);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>One assignment step on PostgreSQL. The write lock is held for the whole step, so nothing else changes the clustering state
    /// meanwhile: what the step reads once stays true, and what it changes is kept here and written set-wise when it commits (a round trip
    /// per statement was most of a placement's time). Reads through the scope merge the two, so each document sees the state the documents
    /// before it left, exactly as when each was committed on its own.</summary>
    private sealed class StoryAssignmentScope(NpgsqlConnection connection, NpgsqlTransaction tx, TimeProvider time) : IStoryAssignmentScope
    {
        // Term statistics read or changed in this step, and terms known to be absent from the store.
        private readonly Dictionary<string, TermEntry> _terms = new(StringComparer.Ordinal);
        private readonly HashSet<string> _absentTerms = new(StringComparer.Ordinal);
        private long _nextTermId = -1;
        private long _documents = -1;
        private bool _observed;
        private readonly Dictionary<(long Level, long Id), ClusterEntry> _clusters = [];
        // Term to the clusters it joined in this step, per level; the stored postings are what the store holds.
        private readonly Dictionary<(long Level, long Term), HashSet<long>> _postings = [];
        private readonly SortedDictionary<long, (byte[] Development, byte[] Story)> _vectors = [];
        private readonly SortedDictionary<long, (long Story, long Development, double Similarity)> _records = [];
        private readonly SortedDictionary<long, string> _updated = [];
        private readonly SortedDictionary<long, string> _titles = [];
        private readonly Dictionary<long, string?> _documentTitles = [];

        private sealed class TermEntry(long id, long df)
        {
            public long Id { get; } = id;
            public long Df { get; set; } = df;
            public bool Changed { get; set; }
        }

        private sealed class ClusterEntry
        {
            // Whether the stored row was read (or is known not to exist), and whether the cluster exists now.
            public bool RowKnown { get; set; }
            public bool Exists { get; set; }
            public long Story { get; set; }
            public double NormSquared { get; set; }
            public DevelopmentSpan Span { get; set; }
            public bool RowChanged { get; set; }
            // Nothing of it is stored: it was made in this step, so every sum and member is here.
            public bool New { get; set; }
            // Sums of the terms in Known (a known term missing from Sums is 0); the rest are as stored.
            public Dictionary<int, double> Sums { get; } = [];
            public HashSet<int> Known { get; } = [];
            public HashSet<int> Changed { get; } = [];
            public List<ClusterMember>? StoredMembers { get; set; }
            public List<ClusterMember> Added { get; } = [];

            public bool Knows(int term) => New || Known.Contains(term);

            // Takes the stored row (the cluster exists in the store).
            public void Load(long story, double normSquared, long? earliest, long? latest)
            {
                RowKnown = Exists = true;
                (Story, NormSquared, Span) = (story, normSquared, StoryAssignmentScope.Span(earliest, latest));
            }
        }

        private ClusterEntry Entry(long level, long id)
        {
            if (!_clusters.TryGetValue((level, id), out var entry)) _clusters[(level, id)] = entry = new ClusterEntry();
            return entry;
        }

        private static void MarkNew(ClusterEntry entry)
        {
            entry.RowKnown = true;
            entry.New = true;
            entry.StoredMembers = [];
        }

        public async Task<IReadOnlyList<PendingStoryDocument>> PendingAsync(long? upTo, int limit, CancellationToken cancellationToken = default)
        {
            var rows = await ReadPendingAsync(connection, tx, upTo, limit, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                _documentTitles[row.Id] = row.Title;
                if (!row.DevelopmentStored) MarkNew(Entry((long)ClusterLevel.Development, row.Id));
            }
            return [.. rows.Select(r => r.ToPending())];
        }

        public async Task PrepareTermsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default) =>
            await ReadTermsAsync(terms, cancellationToken).ConfigureAwait(false);

        // Reads the statistics of the terms not yet known (and, the first time, the next term id and the document count), in one round trip.
        private async Task ReadTermsAsync(IEnumerable<string> terms, CancellationToken cancellationToken)
        {
            string[] termArray = [.. terms.Where(t => !_terms.ContainsKey(t) && !_absentTerms.Contains(t)).Distinct(StringComparer.Ordinal)];
            if (termArray.Length == 0 && _documents >= 0) return;
            using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
                """
                SELECT id, term, df FROM story_terms WHERE term = ANY(@termArray);
                SELECT coalesce((SELECT max(id) + 1 FROM story_terms), 0), (SELECT documents FROM story_state WHERE id = 1)
                """, new { termArray }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (var (id, term, df) in await grid.ReadAsync<(long, string, long)>().ConfigureAwait(false)) _terms[term] = new TermEntry(id, df);
            var (next, documents) = await grid.ReadSingleAsync<(long, long)>().ConfigureAwait(false);
            if (_documents < 0) (_nextTermId, _documents) = (next, documents);
            foreach (var term in termArray)
                if (!_terms.ContainsKey(term)) _absentTerms.Add(term);
        }

        public async Task<long> CreateStoryAsync(string title, CancellationToken cancellationToken = default)
        {
            var now = Format(time.GetUtcNow());
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO stories(title, created_at, updated_at) VALUES (@title, @now, @now) RETURNING id", new { title, now }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            // A story's clustering state is written after the story: a new one has none stored.
            MarkNew(Entry((long)ClusterLevel.Story, id));
            return id;
        }

        public Task RecordAsync(long documentId, long storyId, long developmentId, double similarity, CancellationToken cancellationToken = default)
        {
            _records[documentId] = (storyId, developmentId, similarity);
            _updated[storyId] = Format(time.GetUtcNow());
            return Task.CompletedTask;
        }

        public async Task<string?> TitleOfAsync(long documentId, CancellationToken cancellationToken = default) =>
            _documentTitles.TryGetValue(documentId, out var title) ? title
            : await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT title FROM documents WHERE id = @documentId", new { documentId }, tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false);

        public Task SetStoryTitleAsync(long storyId, string title, CancellationToken cancellationToken = default)
        {
            _titles[storyId] = title;
            return Task.CompletedTask;
        }

        public async ValueTask<TermStatistics> ObserveAsync(IReadOnlyList<string> terms, CancellationToken cancellationToken)
        {
            // Nothing to read when the step's terms were prepared.
            await ReadTermsAsync(terms, cancellationToken).ConfigureAwait(false);
            var stats = new Dictionary<string, TermStatistic>(terms.Count, StringComparer.Ordinal);
            foreach (var term in terms)
            {
                if (_terms.TryGetValue(term, out var entry)) entry.Df++;
                else
                {
                    // New terms take the next ids in the order given, as the in-memory state numbers them.
                    _terms[term] = entry = new TermEntry(_nextTermId++, 1);
                    _absentTerms.Remove(term);
                }
                entry.Changed = true;
                stats[term] = new TermStatistic((int)entry.Id, (int)entry.Df);
            }
            _documents++;
            _observed = true;
            return new TermStatistics((int)_documents, stats);
        }

        public async ValueTask<IReadOnlyList<ClusterMatch>> ClustersSharingAsync(ClusterLevel level, TermVector vector, IReadOnlyCollection<int> probe, CancellationToken cancellationToken)
        {
            if (probe.Count == 0) return [];
            var l = (long)level;
            // The clusters holding a probe term are those the store says hold one, and those that took one in this step; each cluster's
            // sums are looked up by its key (lateral), so a common term's postings in every other cluster are never read.
            var joined = new SortedSet<long>();
            foreach (var term in probe)
                if (_postings.TryGetValue((l, term), out var holders)) joined.UnionWith(holders);
            var probeIds = probe.Select(t => (long)t).ToArray();
            var terms = vector.Terms.Select(t => (long)t).ToArray();
            var stored = joined.Where(c => !Entry(l, c).New).ToArray();
            var rows = await connection.QueryAsync<(long Id, long Story, double NormSquared, long? Earliest, long? Latest, long? Term, double? Sum)>(new CommandDefinition(
                """
                SELECT c.id, c.story_id, c.norm_squared, c.earliest, c.latest, t.term_id, t.sum
                FROM story_clusters c
                LEFT JOIN LATERAL (SELECT term_id, sum FROM story_cluster_terms WHERE level = c.level AND cluster_id = c.id AND term_id = ANY(@terms)) t ON true
                WHERE c.level = @l AND c.id IN (SELECT cluster_id FROM story_cluster_terms WHERE level = @l AND term_id = ANY(@probeIds) UNION ALL SELECT unnest(@stored))
                """, new { l, terms, probeIds, stored }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var read = new Dictionary<long, Dictionary<int, double>>();
            foreach (var row in rows)
            {
                var entry = Entry(l, row.Id);
                if (!entry.RowKnown) entry.Load(row.Story, row.NormSquared, row.Earliest, row.Latest);
                if (!read.TryGetValue(row.Id, out var sums)) read[row.Id] = sums = [];
                if (row.Term is { } term) sums[(int)term] = row.Sum!.Value;
                joined.Add(row.Id);
            }
            foreach (var (id, sums) in read) Learn(Entry(l, id), vector, sums);
            return [.. joined.Select(id =>
            {
                var entry = Entry(l, id);
                var sums = new Dictionary<int, double>();
                foreach (var term in vector.Terms)
                    if (entry.Sums.TryGetValue(term, out var sum)) sums[term] = sum;
                return new ClusterMatch(id, entry.Story, entry.NormSquared, sums, entry.Span);
            })];
        }

        // Takes the stored sums of a vector's terms (a term missing from them is 0) for the terms the step has not changed.
        private static void Learn(ClusterEntry entry, TermVector vector, Dictionary<int, double> stored)
        {
            foreach (var term in vector.Terms)
            {
                if (entry.Knows(term)) continue;
                entry.Known.Add(term);
                if (stored.TryGetValue(term, out var sum)) entry.Sums[term] = sum;
            }
        }

        public async ValueTask<IReadOnlyList<ClusterMember>> MembersAsync(ClusterLevel level, long cluster, CancellationToken cancellationToken)
        {
            var entry = Entry((long)level, cluster);
            if (entry.StoredMembers is null)
            {
                var sql = level == ClusterLevel.Development
                    ? "SELECT v.document_id, v.development FROM story_documents sd JOIN story_vectors v ON v.document_id = sd.document_id WHERE sd.development_id = @cluster ORDER BY v.document_id"
                    : "SELECT v.document_id, v.story FROM story_documents sd JOIN story_vectors v ON v.document_id = sd.document_id WHERE sd.story_id = @cluster ORDER BY v.document_id";
                entry.StoredMembers = [.. (await connection.QueryAsync<(long Document, byte[] Vector)>(new CommandDefinition(sql, new { cluster }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false))
                    .Select(r => new ClusterMember(r.Document, ClusterArithmetic.FromBytes(r.Vector)))];
            }
            // Members placed in this step have higher ids than every stored one (placement goes in id order).
            return entry.Added.Count == 0 ? entry.StoredMembers : [.. entry.StoredMembers, .. entry.Added];
        }

        public async ValueTask<IReadOnlyDictionary<int, double>> SumsAsync(ClusterLevel level, long cluster, CancellationToken cancellationToken)
        {
            var entry = Entry((long)level, cluster);
            if (entry.New) return new Dictionary<int, double>(entry.Sums);
            var sums = (await connection.QueryAsync<(long Term, double Sum)>(new CommandDefinition(
                "SELECT term_id, sum FROM story_cluster_terms WHERE level = @l AND cluster_id = @cluster ORDER BY term_id",
                new { l = (long)level, cluster }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToDictionary(r => (int)r.Term, r => r.Sum);
            foreach (var term in entry.Known)
            {
                if (entry.Sums.TryGetValue(term, out var sum)) sums[term] = sum;
                else sums.Remove(term);
            }
            return sums;
        }

        public async ValueTask JoinAsync(ClusterLevel level, long cluster, long story, long document, TermVector vector, PublicationInterval published, CancellationToken cancellationToken)
        {
            var l = (long)level;
            var entry = Entry(l, cluster);
            var missing = vector.Terms.Where(t => !entry.Knows(t)).Select(t => (long)t).ToArray();
            if (!entry.RowKnown || missing.Length > 0)
            {
                using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
                    """
                    SELECT story_id, norm_squared, earliest, latest FROM story_clusters WHERE level = @l AND id = @cluster;
                    SELECT term_id, sum FROM story_cluster_terms WHERE level = @l AND cluster_id = @cluster AND term_id = ANY(@missing)
                    """, new { l, cluster, missing }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var row = await grid.ReadSingleOrDefaultAsync<(long Story, double NormSquared, long? Earliest, long? Latest)?>().ConfigureAwait(false);
                var stored = (await grid.ReadAsync<(long Term, double Sum)>().ConfigureAwait(false)).ToDictionary(r => (int)r.Term, r => r.Sum);
                if (!entry.RowKnown)
                {
                    if (row is { } r) entry.Load(r.Story, r.NormSquared, r.Earliest, r.Latest);
                    // A cluster without a stored row has no stored sums or members either (they are written together).
                    else MarkNew(entry);
                }
                Learn(entry, vector, stored);
            }
            var (sums, change) = ClusterArithmetic.Join(entry.Sums, vector);
            for (int i = 0; i < sums.Length; i++)
            {
                var term = vector.Terms[i];
                entry.Sums[term] = sums[i];
                entry.Known.Add(term);
                entry.Changed.Add(term);
                if (!_postings.TryGetValue((l, term), out var holders)) _postings[(l, term)] = holders = [];
                holders.Add(cluster);
            }
            if (!entry.Exists)
            {
                // 0 + change for a new cluster, as the in-memory state computes it; the story is set when the cluster is made.
                entry.Exists = true;
                entry.Story = story;
                entry.NormSquared = 0;
                entry.Span = default;
            }
            entry.NormSquared += change;
            // As the store keeps it (UTC ticks), so that later documents see the span they would read back.
            var span = entry.Span.With(published);
            entry.Span = Span(span.Earliest?.UtcTicks, span.Latest?.UtcTicks);
            entry.RowChanged = true;
            entry.Added.Add(new ClusterMember(document, vector));
            var bytes = ClusterArithmetic.ToBytes(vector);
            var vectors = _vectors.GetValueOrDefault(document, ([], []));
            _vectors[document] = level == ClusterLevel.Development ? (bytes, vectors.Story) : (vectors.Development, bytes);
        }

        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        // Writes the step's changes, one statement per table (rows as arrays), in one round trip.
        private async Task FlushAsync(CancellationToken cancellationToken)
        {
            await using var batch = new NpgsqlBatch(connection, tx);
            void Add(string sql, params object[] values)
            {
                var command = new NpgsqlBatchCommand(sql);
                foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
                batch.BatchCommands.Add(command);
            }
            var terms = _terms.Where(t => t.Value.Changed).ToList();
            if (terms.Count > 0)
                Add("""
                    INSERT INTO story_terms(id, term, df) SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[])
                    ON CONFLICT(id) DO UPDATE SET df = excluded.df
                    """, terms.Select(t => t.Value.Id).ToArray(), terms.Select(t => t.Key).ToArray(), terms.Select(t => t.Value.Df).ToArray());
            if (_observed) Add("UPDATE story_state SET documents = $1 WHERE id = 1", _documents);
            var rows = _clusters.Where(c => c.Value.RowChanged).OrderBy(c => c.Key).ToList();
            if (rows.Count > 0)
                Add("""
                    INSERT INTO story_clusters(level, id, story_id, norm_squared, earliest, latest)
                    SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::float8[], $5::bigint[], $6::bigint[])
                    ON CONFLICT(level, id) DO UPDATE SET norm_squared = excluded.norm_squared, earliest = excluded.earliest, latest = excluded.latest
                    """, rows.Select(r => r.Key.Level).ToArray(), rows.Select(r => r.Key.Id).ToArray(), rows.Select(r => r.Value.Story).ToArray(),
                    rows.Select(r => r.Value.NormSquared).ToArray(), rows.Select(r => r.Value.Span.Earliest?.UtcTicks).ToArray(),
                    rows.Select(r => r.Value.Span.Latest?.UtcTicks).ToArray());
            var sums = rows.SelectMany(r => r.Value.Changed.Order().Select(term => (r.Key.Level, Term: (long)term, Cluster: r.Key.Id, Sum: r.Value.Sums[term]))).ToList();
            if (sums.Count > 0)
                Add("""
                    INSERT INTO story_cluster_terms(level, term_id, cluster_id, sum) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::float8[])
                    ON CONFLICT(level, term_id, cluster_id) DO UPDATE SET sum = excluded.sum
                    """, sums.Select(s => s.Level).ToArray(), sums.Select(s => s.Term).ToArray(), sums.Select(s => s.Cluster).ToArray(), sums.Select(s => s.Sum).ToArray());
            if (_vectors.Count > 0)
                Add("""
                    INSERT INTO story_vectors(document_id, development, story) SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bytea[])
                    ON CONFLICT(document_id) DO UPDATE SET development = excluded.development, story = excluded.story
                    """, _vectors.Keys.ToArray(), _vectors.Values.Select(v => v.Development).ToArray(), _vectors.Values.Select(v => v.Story).ToArray());
            if (_records.Count > 0)
                Add("""
                    INSERT INTO story_documents(document_id, story_id, development_id, similarity) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::float8[])
                    ON CONFLICT(document_id) DO UPDATE SET story_id = excluded.story_id, development_id = excluded.development_id, similarity = excluded.similarity
                    """, _records.Keys.ToArray(), _records.Values.Select(r => r.Story).ToArray(), _records.Values.Select(r => r.Development).ToArray(),
                    _records.Values.Select(r => r.Similarity).ToArray());
            if (_updated.Count > 0)
                Add("UPDATE stories s SET updated_at = u.at FROM unnest($1::bigint[], $2::text[]) AS u(id, at) WHERE s.id = u.id",
                    _updated.Keys.ToArray(), _updated.Values.ToArray());
            if (_titles.Count > 0)
                Add("UPDATE stories s SET title = u.title FROM unnest($1::bigint[], $2::text[]) AS u(id, title) WHERE s.id = u.id",
                    _titles.Keys.ToArray(), _titles.Values.ToArray());
            if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        private static DevelopmentSpan Span(long? earliest, long? latest) => new(
            earliest is { } e ? new DateTimeOffset(e, TimeSpan.Zero) : null,
            latest is { } l ? new DateTimeOffset(l, TimeSpan.Zero) : null);

        public async ValueTask DisposeAsync()
        {
            await tx.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PendingStoryDocument>> PeekPendingAsync(long? upTo, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await ReadPendingAsync(connection, null, upTo, limit, cancellationToken).ConfigureAwait(false)).Select(r => r.ToPending())];
    }

    // Documents get their state in id order (adds take the write lock too, so ids commit in order), so those with state are a prefix: the
    // next ones are found by index, however large the store. Whether a development keyed by each is stored comes along (it never is: a
    // development is keyed by its first document, placed with it), so that a step's new development costs no read when it is joined.
    private static async Task<List<PendingStoryRow>> ReadPendingAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, long? upTo, int limit, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<PendingStoryRow>(new CommandDefinition(
            """
            SELECT d.id AS Id, d.title AS Title, d.text AS Text, (d.metadata_json::json -> 'published')::text AS Published, sd.story_id AS Story,
                sd.development_id AS Development, od.story_id AS OriginalStory, od.development_id AS OriginalDevelopment, d.duplicate_of AS DuplicateOf,
                EXISTS (SELECT 1 FROM story_clusters c WHERE c.level = 0 AND c.id = d.id) AS DevelopmentStored
            FROM documents d
            LEFT JOIN story_documents sd ON sd.document_id = d.id
            LEFT JOIN story_documents od ON od.document_id = d.duplicate_of
            WHERE d.id > coalesce((SELECT max(document_id) FROM story_vectors), 0) AND d.id <= @upTo
            ORDER BY d.id LIMIT @limit
            """, new { upTo = upTo ?? long.MaxValue, limit = (long)limit }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false)];
}
