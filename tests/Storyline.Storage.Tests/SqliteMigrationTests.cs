using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Storyline.Attribution;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Pipeline;
using Storyline.Storage.Sqlite;

namespace Storyline.Storage.Tests;

/// <summary>What only the SQLite provider has: its schema migrations and the constraints behind the statement tables.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _location = Directory.CreateTempSubdirectory("storyline-migration-").FullName;
    private string Path => System.IO.Path.Combine(_location, "store.db");

    private static NewDocument Make(string text)
    {
        var input = new RawInput("a.txt", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, InputHints.None);
        return Ingestor.Prepare(input, DocumentPipeline.CreateDefault().Process(input));
    }

    private const string Article = "Officials announced new trade measures on Tuesday after months of talks with neighbouring states.\n\n"
        + "A spokesman for the ministry said the government remained open to dialogue and would review the policy in the spring.";

    private static AttributedStatement Said(long documentId, string text) =>
        new(documentId, "a.txt", "Li Wei", "person:li wei", null, "Chinese government",
            new Attribution.Attribution(AttributionContent.Of(new TextSpan(20, text.Length)), null, null, AttributionKind.Indirect), "said", text);

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False;Foreign Keys=True");
        connection.Open();
        return connection;
    }

    [Fact]
    public async Task OpenAsync_ReaderOnOlderStore_FailsNamingMigrateAndWritesNothing()
    {
        await using (var old = await SqliteDocumentStore.OpenAsync(Path, schemaVersion: 3))
            await old.AddAsync(Make(Article), 0.7);
        var error = await Should.ThrowAsync<InvalidOperationException>(() => SqliteDocumentStore.OpenAsync(Path, migrate: false));
        error.Message.ShouldContain("schema version 3");
        error.Message.ShouldContain("storyline migrate");
        using (var connection = Connect()) connection.ExecuteScalar<int>("PRAGMA user_version").ShouldBe(3);

        await using (await SqliteDocumentStore.OpenAsync(Path, migrate: true)) { }
        await using var reader = await SqliteDocumentStore.OpenAsync(Path, migrate: false);
        (await reader.ListIdsAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task OpenAsync_Version3Store_UpgradesKeepingDocumentsAndEntities()
    {
        long id;
        await using (var old = await SqliteDocumentStore.OpenAsync(Path, schemaVersion: 3))
        {
            id = (await old.AddAsync(Make(Article), 0.7)).DocumentId;
            // What a version-3 store held after entity analysis, written as that version wrote it.
            using var connection = Connect();
            connection.Execute(
                """
                INSERT INTO document_entities VALUES (@id, 'person:li wei', 'Li Wei', 'Person', '["spokesman"]', '[]', '[]');
                INSERT INTO entities VALUES ('person:li wei', 'Li Wei', 'Person', '["spokesman"]', '[]', '[]');
                INSERT INTO mentions VALUES (@id, 'person:li wei', 10, 6, 'Name', NULL);
                INSERT INTO entity_analyses VALUES (@id, 1, '2020-01-01T00:00:00Z');
                """, new { id });
            connection.ExecuteScalar<int>("PRAGMA user_version").ShouldBe(3);
        }

        await using var store = await SqliteDocumentStore.OpenAsync(Path);
        (await store.GetAsync(id))!.Content.Text.ShouldContain("open to dialogue");
        var entities = (await store.GetEntitiesAsync(id)).ShouldNotBeNull();
        entities.Resolve(new TextSpan(8, 10))!.Name.ShouldBe("Li Wei");
        entities.Recognized.ShouldBeNull(); // stored before the recogniser's spans were kept
        (await store.ListDocumentsNeedingStatementsAsync(StatementAnalyzer.Version)).ShouldBe([id]);
        await store.SaveStatementsAsync(id, [Said(id, "the government remained open")], StatementAnalyzer.Version);
        (await store.FindStatementsAsync(new StatementQuery(Text: "government"))).ShouldHaveSingleItem();
        (await store.CheckAsync()).ShouldBeEmpty();
        using var check = Connect();
        check.ExecuteScalar<int>("PRAGMA user_version").ShouldBe(SqliteDocumentStore.SchemaVersion);
    }

    [Fact]
    public async Task DeletingADocument_CascadesToItsStatementsAndTheirTextIndex()
    {
        await using var store = await SqliteDocumentStore.OpenAsync(Path);
        var id = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        await store.SaveStatementsAsync(id, [Said(id, "the government remained open")], 1);
        using (var connection = Connect())
        {
            connection.Execute("DELETE FROM minhash_bands WHERE document_id = @id; DELETE FROM documents_fts WHERE rowid = @id; DELETE FROM documents WHERE id = @id", new { id });
            connection.ExecuteScalar<int>("SELECT count(*) FROM statements").ShouldBe(0);
            connection.ExecuteScalar<int>("SELECT count(*) FROM statement_analyses").ShouldBe(0);
        }
        (await store.FindStatementsAsync(new StatementQuery(Text: "government"))).ShouldBeEmpty();
        (await store.CheckAsync()).Where(p => p.Contains("statement", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CheckAsync_StatementsWithoutTheirAnalysisRecord_IsReported()
    {
        await using var store = await SqliteDocumentStore.OpenAsync(Path);
        var id = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        await store.SaveStatementsAsync(id, [Said(id, "the government remained open"), Said(id, "talks continue")], 1);
        (await store.CheckAsync()).ShouldBeEmpty();
        using (var connection = Connect()) connection.Execute("DELETE FROM statements WHERE ordinal = 1");
        (await store.CheckAsync()).ShouldContain(p => p.Contains("not all stored", StringComparison.Ordinal));
        using (var connection = Connect()) connection.Execute("DELETE FROM statement_analyses");
        (await store.CheckAsync()).ShouldContain(p => p.Contains("no statement analysis", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_location, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
