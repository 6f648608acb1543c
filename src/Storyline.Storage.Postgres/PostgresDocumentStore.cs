using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Storyline.Dedup;
using Storyline.Documents;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Postgres;

/// <summary>The PostgreSQL store: pooled connections (one <see cref="NpgsqlDataSource"/> per database, shared by every store opened on it),
/// migrated on open, with the same behaviour as the SQLite store.</summary>
/// <remarks>SQLite lets one writer at a time in; the transactions here that read before they write (adding a document and finding its
/// near-duplicates, merging entities, a story assignment step) take one transaction-scoped advisory lock first, so they take turns the
/// same way. Writes that only replace one document's or story's rows need no lock.</remarks>
public sealed partial class PostgresDocumentStore : IStorylineStore
{
    // Any fixed numbers will do; they only have to differ from each other and from what other applications lock in the same database.
    private const long WriteLock = 0x53746f72_796c6e01;
    private const long MigrationLock = 0x53746f72_796c6e02;

    /// <summary>The longest prefix of a document's text that is indexed and highlighted (a tsvector holds at most 1 MB).</summary>
    private const int IndexedCharacters = 500000;

    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> Sources = new(StringComparer.Ordinal);

    // Databases this process has seen at the current schema version: the web app opens a store per request, and need not ask each time.
    private static readonly ConcurrentDictionary<string, bool> Current = new(StringComparer.Ordinal);

    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _time;

    private PostgresDocumentStore(NpgsqlDataSource source, TimeProvider time)
    {
        _source = source;
        _time = time;
    }

    /// <summary>The schema version this code writes.</summary>
    public static int SchemaVersion => Migrations.All.Length;

    /// <summary>True when <paramref name="location"/> names a PostgreSQL database: a <c>postgresql://</c> (or <c>postgres://</c>) URI or an
    /// Npgsql connection string (<c>Host=...</c>).</summary>
    public static bool IsLocation(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || ConnectionStringHost().IsMatch(location);
    }

    [GeneratedRegex(@"^\s*(?:[^;=]+=[^;]*;\s*)*(?:host|server)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionStringHost();

    /// <summary>The Npgsql connection string for a location <see cref="IsLocation"/> accepts; a URI's user, password, host, port, database
    /// and query parameters (libpq names such as <c>host</c> for a socket folder or <c>sslmode</c>, or Npgsql keywords) are carried over.</summary>
    public static string ToConnectionString(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!location.Contains("://", StringComparison.Ordinal)) return new NpgsqlConnectionStringBuilder(location).ConnectionString;
        // Read by hand rather than by System.Uri, which refuses libpq's empty host (postgresql://user@/db?host=/run/postgresql).
        var rest = location[(location.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var query = "";
        if (rest.IndexOf('?', StringComparison.Ordinal) is var q and >= 0) (rest, query) = (rest[..q], rest[(q + 1)..]);
        var database = "";
        if (rest.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0) (rest, database) = (rest[..slash], Uri.UnescapeDataString(rest[(slash + 1)..]));
        var builder = new NpgsqlConnectionStringBuilder();
        if (rest.LastIndexOf('@') is var at and >= 0)
        {
            var user = rest[..at];
            rest = rest[(at + 1)..];
            var colon = user.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? user : user[..colon]);
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(user[(colon + 1)..]);
        }
        // host, host:port, [v6 address] or [v6 address]:port
        var portAt = rest.LastIndexOf(':');
        if (portAt >= 0 && rest.IndexOf(']', StringComparison.Ordinal) < portAt)
        {
            builder.Port = int.Parse(rest[(portAt + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
            rest = rest[..portAt];
        }
        if (rest.Length > 0) builder.Host = Uri.UnescapeDataString(rest.Trim('[', ']'));
        if (database.Length > 0) builder.Database = database;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            builder[key.ToLowerInvariant() switch
            {
                "user" => "Username",
                "dbname" => "Database",
                "sslmode" => "SSL Mode",
                "application_name" => "Application Name",
                "connect_timeout" => "Timeout",
                _ => key,
            }] = value;
        }
        return builder.ConnectionString;
    }

    /// <summary>Opens the store at <paramref name="location"/> (see <see cref="IsLocation"/>) and applies pending migrations. With
    /// <paramref name="create"/>, a missing database is created (when the user may) and an empty one gets the schema; without it, a database
    /// holding no store is an <see cref="InvalidOperationException"/>.</summary>
    public static async Task<PostgresDocumentStore> OpenAsync(string location, TimeProvider? time = null, bool create = true, CancellationToken cancellationToken = default) =>
        await OpenAsync(location, time, create, migrate: true, cancellationToken).ConfigureAwait(false);

    /// <summary>Opens the store; without <paramref name="migrate"/> (a reader) it changes nothing, and a store with pending migrations fails
    /// with a message naming <c>storyline migrate</c>.</summary>
    public static async Task<PostgresDocumentStore> OpenAsync(string location, TimeProvider? time, bool create, bool migrate, CancellationToken cancellationToken)
    {
        var connectionString = ToConnectionString(location);
        // No reset on close: nothing here leaves session state behind (locks, settings and temporary data are all transaction-scoped, and an
        // open transaction is rolled back when its connection returns anyway), and the DISCARD ALL sent on each reuse was a statement for
        // every connection a worker opened (1,140 in a 48-document run).
        var source = Sources.GetOrAdd(connectionString, static cs => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(cs) { NoResetOnClose = true }));
        if (!Current.ContainsKey(connectionString))
        {
            try
            {
                await MigrateAsync(source, create, migrate, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (create && e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                await CreateDatabaseAsync(connectionString, cancellationToken).ConfigureAwait(false);
                await MigrateAsync(source, create, migrate, cancellationToken).ConfigureAwait(false);
            }
            Current[connectionString] = true;
        }
        return new PostgresDocumentStore(source, time ?? TimeProvider.System);
    }

    private static async Task CreateDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database ?? builder.Username ?? throw new InvalidOperationException("no database named");
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it first.
        }
    }

    private static async Task MigrateAsync(NpgsqlDataSource source, bool create, bool migrate, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var version = await VersionAsync(connection, null).ConfigureAwait(false);
        if (version > Migrations.All.Length)
            throw new InvalidOperationException($"the store has schema version {version}, newer than this Storyline ({Migrations.All.Length}); upgrade Storyline");
        if (version == Migrations.All.Length) return;
        if (version < 0 && !create) throw new InvalidOperationException("the database holds no Storyline store (ingest creates one)");
        if (!migrate)
            throw new InvalidOperationException($"the store has schema version {version}, older than this Storyline's {Migrations.All.Length}; run 'storyline migrate' (or any command that writes) to upgrade it");
        // Every step in one transaction under a lock: two processes opening a new database at once must not both create the schema.
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@MigrationLock)", new { MigrationLock }, tx).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            CREATE TABLE IF NOT EXISTS storyline_schema(id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL);
            INSERT INTO storyline_schema(id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING
            """, transaction: tx).ConfigureAwait(false);
        version = await VersionAsync(connection, tx).ConfigureAwait(false);
        if (version > Migrations.All.Length)
            throw new InvalidOperationException($"the store has schema version {version}, newer than this Storyline ({Migrations.All.Length}); upgrade Storyline");
        for (int v = version; v < Migrations.All.Length; v++)
        {
            await connection.ExecuteAsync(Migrations.All[v], transaction: tx).ConfigureAwait(false);
            await connection.ExecuteAsync("UPDATE storyline_schema SET version = @next", new { next = v + 1 }, tx).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The schema version, or -1 when the database has no store.</summary>
    private static async Task<int> VersionAsync(NpgsqlConnection connection, NpgsqlTransaction? tx)
    {
        if (!await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('storyline_schema') IS NOT NULL", transaction: tx).ConfigureAwait(false)) return -1;
        return await connection.ExecuteScalarAsync<int?>("SELECT version FROM storyline_schema WHERE id = 1", transaction: tx).ConfigureAwait(false) ?? 0;
    }

    private static async Task LockWritesAsync(NpgsqlConnection connection, NpgsqlTransaction tx) =>
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@WriteLock)", new { WriteLock }, tx).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<AddResult> AddAsync(NewDocument document, double nearDuplicateThreshold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockWritesAsync(connection, tx).ConfigureAwait(false);
        var existing = await connection.ExecuteScalarAsync<long?>(
            """
            (SELECT d.id FROM inputs i JOIN documents d ON d.input_id = i.id WHERE i.content_sha256 = @InputHash)
            UNION ALL (SELECT id FROM documents WHERE text_sha256 = @TextHash) LIMIT 1
            """, new { document.InputHash, document.TextHash }, tx).ConfigureAwait(false);
        if (existing is { } same) return new AddResult(AddOutcome.ExactDuplicate, same, same);

        var bands = MinHash.BandKeys(document.Signature);
        var original = await FindNearDuplicateAsync(connection, bands, document.Signature, nearDuplicateThreshold, null, tx).ConfigureAwait(false);

        var input = document.Input;
        var inputId = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO inputs(name, url, content_type, content, content_sha256, retrieved_at, hints_json)
            VALUES (@Name, @Url, @ContentType, @Content, @Hash, @RetrievedAt, @Hints) RETURNING id
            """,
            new { input.Name, input.Url, input.ContentType, input.Content, Hash = document.InputHash, RetrievedAt = Format(input.RetrievedAt), Hints = JsonSerializer.Serialize(input.Hints, JsonOptions.Default) },
            tx).ConfigureAwait(false);
        var c = document.Content;
        var id = await connection.ExecuteScalarAsync<long>(
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
                WordCount = (long)c.WordCount, DuplicateOf = original, MinHash = MinHash.ToBytes(document.Signature),
                Version = (long)ProcessedDocument.PipelineVersion, IngestedAt = Format(_time.GetUtcNow()),
            }, tx).ConfigureAwait(false);
        await WriteBandsAsync(connection, id, bands, tx).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return original is null ? new AddResult(AddOutcome.Added, id, null) : new AddResult(AddOutcome.NearDuplicate, id, original);
    }

    // The full-text index is a generated column of documents: only the near-duplicate bands are written apart.
    private static async Task WriteBandsAsync(NpgsqlConnection connection, long id, long[] bands, NpgsqlTransaction tx) =>
        await connection.ExecuteAsync("INSERT INTO minhash_bands(band_key, document_id) SELECT DISTINCT unnest(@bands), @id ON CONFLICT DO NOTHING", new { bands, id }, tx).ConfigureAwait(false);

    private static async Task<long?> FindNearDuplicateAsync(NpgsqlConnection connection, long[] bands, ulong[] signature, double threshold, long? excludeId, NpgsqlTransaction tx)
    {
        // Candidates share at least one LSH band; the earliest sufficiently similar original (itself not a copy) wins.
        var candidates = await connection.QueryAsync<(long Id, byte[] MinHash, long? DuplicateOf)>(
            """
            SELECT d.id, d.minhash, d.duplicate_of FROM documents d
            WHERE d.id IN (SELECT DISTINCT document_id FROM minhash_bands WHERE band_key = ANY(@bands))
            ORDER BY d.id
            """, new { bands }, tx).ConfigureAwait(false);
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
        ArgumentNullException.ThrowIfNull(content);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockWritesAsync(connection, tx).ConfigureAwait(false);
        var bands = MinHash.BandKeys(signature);
        var original = await FindNearDuplicateAsync(connection, bands, signature, 0.7, id, tx).ConfigureAwait(false);
        if (original > id) original = null; // only an earlier document can be the original
        var updated = await connection.ExecuteAsync(
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
                WordCount = (long)content.WordCount, MinHash = MinHash.ToBytes(signature), DuplicateOf = original, Version = (long)ProcessedDocument.PipelineVersion,
            }, tx).ConfigureAwait(false);
        if (updated == 0) throw new KeyNotFoundException($"no document {id}");
        // The text changed, so its entity mentions' and statements' offsets no longer hold: the document is analysed again.
        await connection.ExecuteAsync(
            """
            DELETE FROM minhash_bands WHERE document_id = @id; DELETE FROM entity_analyses WHERE document_id = @id;
            DELETE FROM statements WHERE document_id = @id; DELETE FROM statement_analyses WHERE document_id = @id;
            DELETE FROM document_analyses WHERE document_id = @id
            """, new { id }, tx).ConfigureAwait(false);
        await WriteBandsAsync(connection, id, bands, tx).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredDocument?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<DocumentRow>(DocumentRows.Select + " WHERE d.id = @id", new { id }).ConfigureAwait(false);
        return row?.ToStored();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredDocument>> GetManyAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var wanted = ids.Distinct().ToArray();
        var byId = (await connection.QueryAsync<DocumentRow>(new CommandDefinition(DocumentRows.Select + " WHERE d.id = ANY(@wanted)",
            new { wanted }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToDictionary(r => r.Id, r => r.ToStored());
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
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(string Name, string? Url, string ContentType, byte[] Content, string RetrievedAt, string Hints)>(
            "SELECT i.name, i.url, i.content_type, i.content, i.retrieved_at, i.hints_json FROM inputs i JOIN documents d ON d.input_id = i.id WHERE d.id = @id",
            new { id }).ConfigureAwait(false);
        if (row.Name is null) return null;
        return new RawInput(row.Name, row.Url, row.ContentType, row.Content, Parse(row.RetrievedAt),
            JsonSerializer.Deserialize<InputHints>(row.Hints, JsonOptions.Default) ?? InputHints.None);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Id, string Name, string? Title, string? Publisher, string MetadataJson, long WordCount, long? DuplicateOf, string IngestedAt)>(
            "SELECT d.id, i.name, d.title, d.publisher, d.metadata_json, d.word_count, d.duplicate_of, d.ingested_at FROM documents d JOIN inputs i ON i.id = d.input_id ORDER BY d.id").ConfigureAwait(false);
        return [.. rows.Select(r => new DocumentSummary(r.Id, r.Name, r.Title, r.Publisher,
            JsonSerializer.Deserialize<DocumentMetadata>(r.MetadataJson, JsonOptions.Default)?.Published,
            (int)r.WordCount, r.DuplicateOf, Parse(r.IngestedAt)))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ListIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<long>("SELECT id FROM documents ORDER BY id").ConfigureAwait(false)];
    }

    /// <inheritdoc />
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (int)await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM documents").ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken = default)
    {
        var match = ToTsQuery(query);
        if (match.Length == 0) return [];
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Ranked and cut first, highlighted after: ts_headline reads the whole text, so only the hits returned pay for it. It highlights the
        // text as indexed (punctuation blanked); Restore puts the punctuation back.
        var rows = await connection.QueryAsync<(long Id, string Title, string Headline, string Text, double Score)>(
            """
            SELECT h.id, coalesce(d.title, ''), ts_headline('storyline_search', storyline_words(left(d.text, @IndexedCharacters)), q, @options), left(d.text, @IndexedCharacters), h.score
            FROM (SELECT d.id, ts_rank('{0.25, 0, 0, 1}', d.search, q)::float8 AS score
                  FROM documents d, to_tsquery('storyline_search', @match) q
                  WHERE d.search @@ q ORDER BY score DESC, d.id LIMIT @limit) h
            JOIN documents d ON d.id = h.id, to_tsquery('storyline_search', @match) q
            ORDER BY h.score DESC, h.id
            """, new { match, limit, IndexedCharacters, options = HeadlineOptions }).ConfigureAwait(false);
        return [.. rows.Select(r => new SearchHit(r.Id, string.IsNullOrEmpty(r.Title) ? null : r.Title, Restore(r.Headline, r.Text, Phrases(query)), r.Score))];
    }

    // About the 16 tokens of SQLite's snippet(), in one fragment, every match marked with the same control characters.
    private static readonly string HeadlineOptions =
        $"StartSel={SearchHighlight.Start}, StopSel={SearchHighlight.End}, MaxWords=16, MinWords=8, ShortWord=0, MaxFragments=1, FragmentDelimiter=…";

    /// <summary>The snippet as the text has it: the fragment <paramref name="headline"/> (of the text with its punctuation blanked, matches
    /// marked) with the text's own characters put back, and "…" where it cuts words off before or after, as SQLite's snippet() does.</summary>
    internal static string Restore(string headline, string text, IReadOnlyList<string[]>? phrases = null)
    {
        var plain = headline.Replace(SearchHighlight.Start.ToString(), "", StringComparison.Ordinal).Replace(SearchHighlight.End.ToString(), "", StringComparison.Ordinal);
        var at = plain.Length == 0 ? -1 : Words(text).IndexOf(plain, StringComparison.Ordinal);
        if (at < 0) return headline;
        var restored = new StringBuilder(headline.Length + 2);
        var k = at;
        foreach (var c in headline) restored.Append(c is SearchHighlight.Start or SearchHighlight.End ? c : text[k++]);
        var before = text.AsSpan(0, at).IndexOfAnyExcept(NotWords) >= 0;
        var after = text.AsSpan(at + plain.Length).IndexOfAnyExcept(NotWords) >= 0;
        var marked = phrases is { Count: > 0 } ? JoinPhrases(restored.ToString(), phrases) : restored.ToString();
        return (before ? "…" : "") + marked + (after ? "…" : "");
    }

    /// <summary>The quoted phrases of a query, as words (those of two words or more).</summary>
    internal static List<string[]> Phrases(string query)
    {
        var parts = query.Split('"');
        return [.. parts.Where((_, i) => i % 2 == 1).Select(p => ToTsQuery(p).Split(" & ").Select(w => w.Trim('\'')).ToArray()).Where(w => w.Length > 1)];
    }

    /// <summary>Marks each occurrence of a phrase as one span, as SQLite's snippet() does, where ts_headline marks its words one by one.</summary>
    internal static string JoinPhrases(string snippet, IReadOnlyList<string[]> phrases)
    {
        // The marked spans, as [start, end) of the text between their markers.
        var spans = new List<(int Start, int End)>();
        for (int i = snippet.IndexOf(SearchHighlight.Start, StringComparison.Ordinal); i >= 0; i = snippet.IndexOf(SearchHighlight.Start, i + 1))
        {
            var end = snippet.IndexOf(SearchHighlight.End, i + 1);
            if (end < 0) break;
            spans.Add((i + 1, end));
        }
        var inner = new HashSet<int>(); // positions of the markers to drop: an end and the next start inside one phrase
        for (int i = 0; i < spans.Count; i++)
        {
            foreach (var phrase in phrases)
            {
                if (i + phrase.Length > spans.Count || !Enumerable.Range(0, phrase.Length).All(k => SameWord(snippet[spans[i + k].Start..spans[i + k].End], phrase[k])
                        && (k == 0 || snippet.AsSpan(spans[i + k - 1].End + 1, spans[i + k].Start - 1 - (spans[i + k - 1].End + 1)).IndexOfAnyExcept(NotWords) < 0)))
                    continue;
                for (int k = 1; k < phrase.Length; k++) { inner.Add(spans[i + k - 1].End); inner.Add(spans[i + k].Start - 1); }
                i += phrase.Length - 1;
                break;
            }
        }
        if (inner.Count == 0) return snippet;
        var joined = new StringBuilder(snippet.Length);
        for (int i = 0; i < snippet.Length; i++) if (!inner.Contains(i)) joined.Append(snippet[i]);
        return joined.ToString();

        static bool SameWord(string marked, string word) =>
            string.Compare(marked, word, CultureInfo.InvariantCulture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) == 0;
    }

    /// <summary>What storyline_words makes of a text: ASCII punctuation blanked, one character for one.</summary>
    internal static string Words(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++) span[i] = char.IsAsciiLetterOrDigit(source[i]) || source[i] > '~' || source[i] <= ' ' ? source[i] : ' ';
        });

    private static readonly System.Buffers.SearchValues<char> NotWords = System.Buffers.SearchValues.Create(
        " \t\r\n.,;:!?\"'()[]{}-–—…«»“”‘’");

    /// <summary>Turns user words into a safe tsquery: every word (or "quoted phrase") must occur, as the SQLite store's query does; only
    /// letters and digits reach the query, so its syntax cannot be injected.</summary>
    internal static string ToTsQuery(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = new List<string>();
        var parts = query.Split('"');
        for (int i = 0; i < parts.Length; i++)
        {
            var words = Clean(parts[i]);
            if (words.Length == 0) continue;
            if (i % 2 == 1) terms.Add("(" + string.Join(" <-> ", words.Select(w => $"'{w}'")) + ")");
            else terms.AddRange(words.Select(w => $"'{w}'"));
        }
        return string.Join(" & ", terms);

        static string[] Clean(string s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (var c in s) sb.Append(char.IsLetterOrDigit(c) ? c : ' ');
            return sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <inheritdoc />
    /// <remarks>The pooled data source stays open for the next store opened on the same database (the web app opens one per request).</remarks>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
