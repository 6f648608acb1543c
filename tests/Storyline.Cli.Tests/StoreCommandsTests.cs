using System.Text.Json;

namespace Storyline.Cli.Tests;

public class StoreCommandsTests : IDisposable
{
    private readonly CliRunner _cli = new();

    private async Task<string> IngestTwo()
    {
        _cli.Write("a.txt", CliRunner.Article(1, "cotton sanctions"));
        _cli.Write("b.txt", CliRunner.Article(2, "football transfers"));
        var folder = Path.Combine(_cli.Folder, "in");
        (await _cli.Run("ingest", folder)).Code.ShouldBe(0);
        return folder;
    }

    [Fact]
    public async Task Search_Word_ReturnsRankedJsonWithHighlights()
    {
        await IngestTwo();
        var (code, stdout, _) = await _cli.Run("search", "cotton", "--json");
        code.ShouldBe(0);
        var hits = JsonDocument.Parse(stdout).RootElement;
        hits.GetArrayLength().ShouldBe(1);
        var snippet = hits[0].GetProperty("snippet").GetString()!;
        var range = hits[0].GetProperty("highlights")[0];
        snippet[range[0].GetInt32()..range[1].GetInt32()].ShouldBe("cotton");
    }

    [Fact]
    public async Task Search_SmallStore_ScoreNotShownAsZero()
    {
        await IngestTwo();
        var (_, json, _) = await _cli.Run("search", "cotton", "--json");
        JsonDocument.Parse(json).RootElement[0].GetProperty("score").GetDouble().ShouldNotBe(0);
        var (_, table, _) = await _cli.Run("search", "cotton");
        table.ShouldNotContain("(0.00)");
        table.ShouldNotContain("(-0.00)");
    }

    [Fact]
    public async Task Show_UnknownId_OneErrorLine()
    {
        await IngestTwo();
        var (code, _, stderr) = await _cli.Run("show", "999");
        code.ShouldBe(1);
        stderr.Trim().ShouldBe("error: document 999: not found");
    }

    private static async Task<(int Code, string Out, string Err)> RunOn(string store, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--store", store], stdout, stderr, TimeProvider.System);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("list")]
    [InlineData("stories")]
    [InlineData("search", "x")]
    [InlineData("brief")]
    public async Task ReadCommand_StoreDoesNotExist_OneErrorLineAndNothingCreated(params string[] command)
    {
        var store = Path.Combine(_cli.Folder, "nonexistent", "dir", "x.db");
        var (code, stdout, stderr) = await RunOn(store, command);
        code.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldBe($"error: store {store} does not exist (check --store or STORYLINE_STORE; ingest creates a store)" + Environment.NewLine);
        Directory.Exists(Path.Combine(_cli.Folder, "nonexistent")).ShouldBeFalse();
    }

    [Fact]
    public async Task ReadCommand_StoreSchemaBehind_AsksForMigrateAndLeavesItAsIs()
    {
        var store = Path.Combine(_cli.Folder, "old.db");
        await using (await Storyline.Storage.Sqlite.SqliteDocumentStore.OpenAsync(store, schemaVersion: 3)) { }
        var (code, stdout, stderr) = await RunOn(store, "list");
        code.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("schema version 3");
        stderr.ShouldContain("run 'storyline migrate'");
        (await RunOn(store, "list")).Code.ShouldBe(1); // still behind: the read wrote nothing

        var migrated = await RunOn(store, "migrate", "--json");
        migrated.Code.ShouldBe(0);
        migrated.Out.ShouldContain($"\"schema_version\":{Storyline.Storage.Sqlite.SqliteDocumentStore.SchemaVersion}");
        (await RunOn(store, "list")).Code.ShouldBe(0);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("ingest")]
    public async Task Command_StoreNotSqlite_OneErrorLine(string command)
    {
        var store = _cli.Write("not-a-store.db", "This is a text file, not a database. " + new string('x', 5000));
        string[] args = command == "ingest" ? ["ingest", _cli.Write("a.txt", CliRunner.Article(1))] : [command];
        var (code, _, stderr) = await RunOn(store, args);
        code.ShouldBe(1);
        stderr.ShouldBe($"error: store {store} cannot be opened: not a SQLite database" + Environment.NewLine);
    }

    [Fact]
    public async Task Export_AllDocuments_OneJsonLineEach()
    {
        await IngestTwo();
        var (code, stdout, _) = await _cli.Run("export");
        code.ShouldBe(0);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        first.GetProperty("input").GetString()!.ShouldEndWith("a.txt");
        first.GetProperty("text").GetString()!.ShouldContain("cotton sanctions");
        first.GetProperty("metadata").ValueKind.ShouldBe(JsonValueKind.Object);
    }

    [Fact]
    public async Task Reprocess_StoredInputs_RebuildsWithoutLoss()
    {
        await IngestTwo();
        var (_, before, _) = await _cli.Run("export");
        var (code, stdout, _) = await _cli.Run("reprocess", "--json");
        code.ShouldBe(0);
        JsonDocument.Parse(stdout).RootElement.GetProperty("reprocessed").GetInt32().ShouldBe(2);
        var (_, after, _) = await _cli.Run("export");
        after.ShouldBe(before);
    }

    [Fact]
    public async Task List_Table_ShowsTitleAndWordCount()
    {
        await IngestTwo();
        var (_, stdout, _) = await _cli.Run("list");
        stdout.ShouldContain("Words");
        stdout.ShouldContain("Headline number 1 about cotton sanctions");
    }

    public void Dispose()
    {
        _cli.Dispose();
        GC.SuppressFinalize(this);
    }
}
