using System.Text.Json;

namespace Storyline.Cli.Tests;

public class EntitiesCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    private const string Article =
        "China vows reciprocal action after US sanctions\n\n" +
        "China has vowed to retaliate with reciprocal measures against institutions and individuals critical of its policies, after Washington announced sanctions on officials.\n\n" +
        "\u201CChina has decided to take reciprocal action against institutions and individuals,\u201D foreign ministry spokesman Zhao Lijian said on Friday.\n\n" +
        "Asked what those measures would be, Zhao said only that the details would be out very soon, according to people present at the briefing.\n\n" +
        "He also urged the US to withdraw its sanctions, and said China's stance on sovereignty and counterterrorism issues was unshakeable.";

    private async Task Ingest()
    {
        _cli.Write("a.txt", Article);
        (await _cli.Run("ingest", Path.Combine(_cli.Folder, "in"))).Code.ShouldBe(0);
    }

    [Fact]
    public async Task Entities_Json_ListsMentionsWithSpansKindsAndCanonicalEntities()
    {
        await Ingest();
        var (code, stdout, _) = await _cli.Run("entities", "1", "--json");
        code.ShouldBe(0);
        var mentions = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        var zhao = mentions.Where(m => m.GetProperty("entity").GetString() == "Zhao Lijian").ToList();
        zhao.Select(m => m.GetProperty("kind").GetString()).ShouldBe(["name", "surname", "pronoun"]);
        zhao[0].GetProperty("role").GetString().ShouldBe("foreign ministry spokesman");
        zhao[0].GetProperty("type").GetString().ShouldBe("Person");
        zhao[1].GetProperty("text").GetString().ShouldBe("Zhao");
        mentions.ShouldContain(m => m.GetProperty("text").GetString() == "Washington" && m.GetProperty("entity").GetString() == "United States");
    }

    [Fact]
    public async Task Entities_UnknownDocument_OneErrorLine()
    {
        await Ingest();
        var (code, _, stderr) = await _cli.Run("entities", "99");
        code.ShouldBe(1);
        stderr.Trim().ShouldBe("error: document 99: not found");
    }

    [Fact]
    public async Task People_Json_PersonWithRoleAndMentionCounts()
    {
        await Ingest();
        var (code, stdout, _) = await _cli.Run("people", "--json");
        code.ShouldBe(0);
        var zhao = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Zhao Lijian");
        zhao.GetProperty("key").GetString().ShouldBe("person:zhao lijian");
        zhao.GetProperty("roles")[0].GetString().ShouldBe("foreign ministry spokesman");
        zhao.GetProperty("mentions").GetInt32().ShouldBe(3);
        zhao.GetProperty("documents").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task People_Table_ShowsNameAndRole()
    {
        await Ingest();
        var (code, stdout, _) = await _cli.Run("people");
        code.ShouldBe(0);
        stdout.ShouldContain("Zhao Lijian");
        stdout.ShouldContain("foreign ministry spokesman");
    }

    public void Dispose()
    {
        _cli.Dispose();
        GC.SuppressFinalize(this);
    }
}
