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
    public async Task Show_UnknownId_OneErrorLine()
    {
        var (code, _, stderr) = await _cli.Run("show", "999");
        code.ShouldBe(1);
        stderr.Trim().ShouldBe("error: document 999: not in the store");
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
