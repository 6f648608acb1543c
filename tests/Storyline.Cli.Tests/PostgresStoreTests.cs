using System.Text.Json;
using Storyline.Storage.Tests;
using Storyline.Tests.TestSupport;

namespace Storyline.Cli.Tests;

/// <summary>The CLI on a PostgreSQL store named by URI (on the test run's throwaway cluster): it writes and reads as on SQLite, and the
/// samples' briefing comes out byte for byte the same.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly PostgresCliStores _stores = new();

    private string NewStore() => _stores.NewStore();

    private static Task<(int Code, string Out, string Err)> RunOn(string store, params string[] args) => PostgresCliStores.RunOn(store, args);

    [SkippableFact]
    public async Task Ingest_PostgresUri_CreatesTheDatabaseAndListsAndSearchesWhatWasStored()
    {
        var store = NewStore();
        var (code, _, stderr) = await RunOn(store, "ingest", _cli.Write("a.txt", CliRunner.Article(1, "cotton")), _cli.Write("b.txt", CliRunner.Article(2, "steel")));
        stderr.ShouldBeEmpty();
        code.ShouldBe(0);
        var (listed, list, _) = await RunOn(store, "list", "--json");
        listed.ShouldBe(0);
        JsonDocument.Parse(list).RootElement.GetArrayLength().ShouldBe(2);
        var (searched, hits, _) = await RunOn(store, "search", "steel", "--json");
        searched.ShouldBe(0);
        var hit = JsonDocument.Parse(hits).RootElement.EnumerateArray().ShouldHaveSingleItem();
        hit.GetProperty("highlights").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [SkippableFact]
    public async Task ReadCommand_PostgresDatabaseWithoutStore_OneErrorLine()
    {
        var store = NewStore();
        PostgresCluster.Instance.CreateDatabase(_stores.LastDatabase);
        var (code, stdout, stderr) = await RunOn(store, "list");
        code.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldBe($"error: store {store} cannot be opened: the database holds no Storyline store (ingest creates one)" + Environment.NewLine);
    }

    [SkippableFact]
    public async Task Brief_SamplesOnPostgres_SameJsonAsOnSqlite()
    {
        var (sqliteCode, onSqlite, _) = await _cli.Run("brief", SharedData.Samples, "--format", "json");
        var (postgresCode, onPostgres, _) = await RunOn(NewStore(), "brief", SharedData.Samples, "--format", "json");
        (sqliteCode, postgresCode).ShouldBe((0, 0));
        onPostgres.ShouldBe(onSqlite);
    }

    public void Dispose()
    {
        _stores.Dispose();
        _cli.Dispose();
    }
}
