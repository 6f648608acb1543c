using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Storyline.Dedup;
using Storyline.Documents;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Sqlite;

/// <summary>The embedded default store: one SQLite file in WAL mode, migrated on open.</summary>
public sealed partial class SqliteDocumentStore : IStorylineStore
{
    /// <summary>Marks the start of a highlighted match in search snippets.</summary>
    public const char HighlightStart = SearchHighlight.Start;
    /// <summary>Marks the end of a highlighted match in search snippets.</summary>
    public const char HighlightEnd = SearchHighlight.End;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;

    private SqliteDocumentStore(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    /// <summary>The schema version this code writes.</summary>
    public static int SchemaVersion => Migrations.All.Length;

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/> and applies pending migrations.</summary>
    public static Task<SqliteDocumentStore> OpenAsync(string path, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        OpenAsync(path, Migrations.All.Length, time, cancellationToken);

    /// <summary>Opens the store at <paramref name="path"/>; without <paramref name="migrate"/> (a reader) it changes nothing, and a store
    /// with pending migrations fails with a message naming <c>storyline migrate</c>.</summary>
    public static Task<SqliteDocumentStore> OpenAsync(string path, bool migrate, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        OpenAsync(path, Migrations.All.Length, time, readOnly: !migrate, cancellationToken);

    /// <summary>Opens the store migrated only up to <paramref name="schemaVersion"/>: tests build stores as older versions left them.</summary>
    internal static Task<SqliteDocumentStore> OpenAsync(string path, int schemaVersion, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        OpenAsync(path, schemaVersion, time, readOnly: false, cancellationToken);

    private static async Task<SqliteDocumentStore> OpenAsync(string path, int schemaVersion, TimeProvider? time, bool readOnly, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!readOnly && !string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        // A reader never creates the file.
        var mode = readOnly ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = mode }.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;").ConfigureAwait(false);
            if (readOnly) await CheckCurrentAsync(connection).ConfigureAwait(false);
            else await MigrateAsync(connection, schemaVersion).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new SqliteDocumentStore(connection, time ?? TimeProvider.System);
    }

    // A reader does not upgrade the schema (reads never write): it says what to run instead.
    private static async Task CheckCurrentAsync(SqliteConnection connection)
    {
        var version = await connection.ExecuteScalarAsync<int>("PRAGMA user_version").ConfigureAwait(false);
        if (version > Migrations.All.Length)
            throw new InvalidOperationException($"the store has schema version {version}, newer than this Storyline ({Migrations.All.Length}); upgrade Storyline");
        if (version == 0) throw new InvalidOperationException("the file holds no Storyline store (ingest creates one)");
        if (version < Migrations.All.Length)
            throw new InvalidOperationException($"the store has schema version {version}, older than this Storyline's {Migrations.All.Length}; run 'storyline migrate' (or any command that writes) to upgrade it");
    }

    private static async Task MigrateAsync(SqliteConnection connection, int schemaVersion)
    {
        var version = await connection.ExecuteScalarAsync<int>("PRAGMA user_version").ConfigureAwait(false);
        if (version > Migrations.All.Length)
            throw new InvalidOperationException($"the store has schema version {version}, newer than this Storyline ({Migrations.All.Length}); upgrade Storyline");
        for (int v = version; v < schemaVersion; v++)
        {
            await using var tx = await connection.BeginTransactionAsync().ConfigureAwait(false);
            await connection.ExecuteAsync(Migrations.All[v], transaction: tx).ConfigureAwait(false);
            await connection.ExecuteAsync($"PRAGMA user_version = {v + 1}", transaction: tx).ConfigureAwait(false);
            await tx.CommitAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<AddResult> AddAsync(NewDocument document, double nearDuplicateThreshold, CancellationToken cancellationToken = default)
    {
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var existing = await _connection.ExecuteScalarAsync<long?>(
            """
            SELECT d.id FROM inputs i JOIN documents d ON d.input_id = i.id WHERE i.content_sha256 = @InputHash
            UNION ALL SELECT id FROM documents WHERE text_sha256 = @TextHash LIMIT 1
            """, new { document.InputHash, document.TextHash }, tx).ConfigureAwait(false);
        if (existing is { } same) return new AddResult(AddOutcome.ExactDuplicate, same, same);

        var bands = MinHash.BandKeys(document.Signature);
        var original = await FindNearDuplicateAsync(bands, document.Signature, nearDuplicateThreshold, null, tx).ConfigureAwait(false);

        var input = document.Input;
        var inputId = await _connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO inputs(name, url, content_type, content, content_sha256, retrieved_at, hints_json)
            VALUES (@Name, @Url, @ContentType, @Content, @Hash, @RetrievedAt, @Hints) RETURNING id
            """,
            new { input.Name, input.Url, input.ContentType, input.Content, Hash = document.InputHash, RetrievedAt = Format(input.RetrievedAt), Hints = JsonSerializer.Serialize(input.Hints, JsonOptions.Default) },
            tx).ConfigureAwait(false);
        var c = document.Content;
        var id = await _connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO documents(input_id, text, text_sha256, blocks_json, metadata_json, title, publisher, published, word_count, duplicate_of, minhash, pipeline_version, ingested_at)
            VALUES (@InputId, @Text, @TextHash, @Blocks, @Metadata, @Title, @Publisher, @Published, @WordCount, @DuplicateOf, @MinHash, @Version, @IngestedAt) RETURNING id
            """,
            new
            {
                InputId = inputId, c.Text, document.TextHash,
                Blocks = JsonSerializer.Serialize(c.Blocks, JsonOptions.Default),
                Metadata = JsonSerializer.Serialize(c.Metadata, JsonOptions.Default),
                c.Metadata.Title, c.Metadata.Publisher,
                Published = c.Metadata.Published is { } p ? Format(p.Value) : null,
                c.WordCount, DuplicateOf = original, MinHash = MinHash.ToBytes(document.Signature),
                Version = ProcessedDocument.PipelineVersion, IngestedAt = Format(_time.GetUtcNow()),
            }, tx).ConfigureAwait(false);
        await WriteIndexesAsync(id, c, bands, tx).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return original is null ? new AddResult(AddOutcome.Added, id, null) : new AddResult(AddOutcome.NearDuplicate, id, original);
    }

    private async Task WriteIndexesAsync(long id, ProcessedDocument content, long[] bands, SqliteTransaction tx)
    {
        await _connection.ExecuteAsync("INSERT INTO documents_fts(rowid, title, text) VALUES (@id, @title, @text)",
            new { id, title = content.Metadata.Title ?? "", text = content.Text }, tx).ConfigureAwait(false);
        await _connection.ExecuteAsync("INSERT OR IGNORE INTO minhash_bands(band_key, document_id) VALUES (@band, @id)",
            bands.Select(b => new { band = b, id }), tx).ConfigureAwait(false);
    }

    private async Task<long?> FindNearDuplicateAsync(long[] bands, ulong[] signature, double threshold, long? excludeId, SqliteTransaction tx)
    {
        // Candidates share at least one LSH band; the earliest sufficiently similar original (itself not a copy) wins.
        var candidates = await _connection.QueryAsync<(long Id, byte[] MinHash, long? DuplicateOf)>(
            $"""
            SELECT d.id, d.minhash, d.duplicate_of FROM documents d
            WHERE d.id IN (SELECT DISTINCT document_id FROM minhash_bands WHERE band_key IN ({string.Join(',', bands)}))
            ORDER BY d.id
            """, transaction: tx).ConfigureAwait(false);
        foreach (var candidate in candidates)
        {
            if (candidate.Id == excludeId) continue;
            if (MinHash.Similarity(signature, MinHash.FromBytes(candidate.MinHash)) >= threshold) return candidate.DuplicateOf ?? candidate.Id;
        }
        return null;
    }

    /// <inheritdoc />
    public async Task UpdateContentAsync(long id, ProcessedDocument content, string textHash, ulong[] signature, CancellationToken cancellationToken = default)
    {
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var bands = MinHash.BandKeys(signature);
        var original = await FindNearDuplicateAsync(bands, signature, 0.7, id, tx).ConfigureAwait(false);
        if (original > id) original = null; // only an earlier document can be the original
        var updated = await _connection.ExecuteAsync(
            """
            UPDATE documents SET text = @Text, text_sha256 = @TextHash, blocks_json = @Blocks, metadata_json = @Metadata, title = @Title,
                publisher = @Publisher, published = @Published, word_count = @WordCount, minhash = @MinHash, duplicate_of = @DuplicateOf,
                pipeline_version = @Version
            WHERE id = @Id
            """,
            new
            {
                Id = id, content.Text, TextHash = textHash,
                Blocks = JsonSerializer.Serialize(content.Blocks, JsonOptions.Default),
                Metadata = JsonSerializer.Serialize(content.Metadata, JsonOptions.Default),
                content.Metadata.Title, content.Metadata.Publisher,
                Published = content.Metadata.Published is { } p ? Format(p.Value) : null,
                content.WordCount, MinHash = MinHash.ToBytes(signature), DuplicateOf = original, Version = ProcessedDocument.PipelineVersion,
            }, tx).ConfigureAwait(false);
        if (updated == 0) throw new KeyNotFoundException($"no document {id}");
        // The text changed, so its entity mentions' and statements' offsets no longer hold: the document is analysed again.
        await _connection.ExecuteAsync(
            """
            DELETE FROM documents_fts WHERE rowid = @id; DELETE FROM minhash_bands WHERE document_id = @id; DELETE FROM entity_analyses WHERE document_id = @id;
            DELETE FROM statements WHERE document_id = @id; DELETE FROM statement_analyses WHERE document_id = @id;
            DELETE FROM document_analyses WHERE document_id = @id
            """, new { id }, tx).ConfigureAwait(false);
        await WriteIndexesAsync(id, content, bands, tx).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredDocument?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var row = await _connection.QuerySingleOrDefaultAsync<DocumentRow>(DocumentRows.Select + " WHERE d.id = @id", new { id }).ConfigureAwait(false);
        return row?.ToStored();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredDocument>> GetManyAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var byId = new Dictionary<long, StoredDocument>(ids.Count);
        // Chunks keep each statement's parameter count well under SQLite's limit.
        foreach (var chunk in ids.Distinct().Chunk(500))
            foreach (var row in await _connection.QueryAsync<DocumentRow>(new CommandDefinition(DocumentRows.Select + " WHERE d.id IN @chunk",
                         new { chunk }, cancellationToken: cancellationToken)).ConfigureAwait(false))
                byId[row.Id] = row.ToStored();
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredDocument> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var id in await ListIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } doc) yield return doc;
        }
    }

    /// <inheritdoc />
    public async Task<RawInput?> GetInputAsync(long id, CancellationToken cancellationToken = default)
    {
        var row = await _connection.QuerySingleOrDefaultAsync<(string Name, string? Url, string ContentType, byte[] Content, string RetrievedAt, string Hints)>(
            "SELECT i.name, i.url, i.content_type, i.content, i.retrieved_at, i.hints_json FROM inputs i JOIN documents d ON d.input_id = i.id WHERE d.id = @id",
            new { id }).ConfigureAwait(false);
        if (row.Name is null) return null;
        return new RawInput(row.Name, row.Url, row.ContentType, row.Content, Parse(row.RetrievedAt),
            JsonSerializer.Deserialize<InputHints>(row.Hints, JsonOptions.Default) ?? InputHints.None);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await _connection.QueryAsync<(long Id, string Name, string? Title, string? Publisher, string MetadataJson, long WordCount, long? DuplicateOf, string IngestedAt)>(
            "SELECT d.id, i.name, d.title, d.publisher, d.metadata_json, d.word_count, d.duplicate_of, d.ingested_at FROM documents d JOIN inputs i ON i.id = d.input_id ORDER BY d.id").ConfigureAwait(false);
        return [.. rows.Select(r => new DocumentSummary(r.Id, r.Name, r.Title, r.Publisher,
            JsonSerializer.Deserialize<DocumentMetadata>(r.MetadataJson, JsonOptions.Default)?.Published,
            (int)r.WordCount, r.DuplicateOf, Parse(r.IngestedAt)))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ListIdsAsync(CancellationToken cancellationToken = default) =>
        [.. await _connection.QueryAsync<long>("SELECT id FROM documents ORDER BY id").ConfigureAwait(false)];

    /// <inheritdoc />
    public async Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        await _connection.ExecuteScalarAsync<int>("SELECT count(*) FROM documents").ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken = default)
    {
        var match = ToFtsQuery(query);
        if (match.Length == 0) return [];
        var rows = await _connection.QueryAsync<(long Id, string Title, string Snippet, double Score)>(
            """
            SELECT rowid, title, snippet(documents_fts, 1, char(2), char(3), '…', 16), bm25(documents_fts, 4.0, 1.0) AS score
            FROM documents_fts WHERE documents_fts MATCH @match ORDER BY score LIMIT @limit
            """, new { match, limit }).ConfigureAwait(false);
        // bm25() is lower-is-better and negative; report a positive relevance.
        return [.. rows.Select(r => new SearchHit(r.Id, string.IsNullOrEmpty(r.Title) ? null : r.Title, r.Snippet, -r.Score))];
    }

    /// <summary>Turns user words into a safe FTS5 query: every word (or "quoted phrase") must occur; FTS syntax characters are neutralised.</summary>
    public static string ToFtsQuery(string query)
    {
        var terms = new List<string>();
        var parts = query.Split('"');
        for (int i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1)
            {
                var phrase = Clean(parts[i]);
                if (phrase.Length > 0) terms.Add($"\"{phrase}\"");
            }
            else
            {
                foreach (var word in Clean(parts[i]).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    terms.Add($"\"{word}\"");
            }
        }
        return string.Join(' ', terms);

        static string Clean(string s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (var c in s) sb.Append(char.IsLetterOrDigit(c) ? c : ' ');
            return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>Runs SQLite's integrity check and the store's own invariants; returns the problems found (empty when consistent).</summary>
    public async Task<IReadOnlyList<string>> CheckAsync()
    {
        var problems = new List<string>();
        var integrity = await _connection.ExecuteScalarAsync<string>("PRAGMA integrity_check").ConfigureAwait(false);
        if (integrity != "ok") problems.Add($"integrity_check: {integrity}");
        var docs = await CountAsync().ConfigureAwait(false);
        var fts = await _connection.ExecuteScalarAsync<int>("SELECT count(*) FROM documents_fts").ConfigureAwait(false);
        if (fts != docs) problems.Add($"full-text index has {fts} rows for {docs} documents");
        var orphans = await _connection.ExecuteScalarAsync<int>("SELECT count(*) FROM inputs WHERE id NOT IN (SELECT input_id FROM documents)").ConfigureAwait(false);
        if (orphans > 0) problems.Add($"{orphans} inputs without a document");
        await CheckStatementsAsync(problems).ConfigureAwait(false);
        return problems;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _connection.DisposeAsync().ConfigureAwait(false);
}
