using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Storyline.Cli.Tests;

/// <summary>quotes and speakers read the statements ingest stored.</summary>
public class StoredStatementsTests : IDisposable
{
    private readonly CliRunner _cli = new();

    private const string Article =
        "China vows reciprocal action after US sanctions\n\n" +
        "China has vowed to retaliate with reciprocal measures against institutions and individuals critical of its policies, after Washington announced sanctions on officials.\n\n" +
        "\u201CChina has decided to take reciprocal action against institutions and individuals,\u201D foreign ministry spokesman Zhao Lijian said on Friday.\n\n" +
        "Asked what those measures would be, Zhao said only that the details would be out very soon, according to people present at the briefing.\n\n" +
        "Shi Yinhong, an international relations professor at Renmin University, said the dispute would deepen.";

    private string Input => Path.Combine(_cli.Folder, "in");

    private List<JsonElement> Lines(string stdout) =>
        [.. JsonDocument.Parse(stdout).RootElement.EnumerateArray()];

    private T Scalar<T>(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_cli.Store};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_cli.Store};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Quotes_SecondRun_ReadsStoredStatementsWithoutAnalysingAgain()
    {
        _cli.Write("a.txt", Article);
        var first = await _cli.Run("quotes", Input, "--json");
        first.Code.ShouldBe(0);
        Lines(first.Out).ShouldContain(l => l.GetProperty("speaker").GetString() == "Zhao Lijian");
        var analysed = Scalar<string>("SELECT group_concat(analysed_at) FROM statement_analyses");
        Scalar<long>("SELECT count(*) FROM statements").ShouldBeGreaterThan(0);

        var second = await _cli.Run("quotes", Input, "--json");
        second.Out.ShouldBe(first.Out);
        Scalar<string>("SELECT group_concat(analysed_at) FROM statement_analyses").ShouldBe(analysed);
    }

    [Fact]
    public async Task Quotes_StoredStatementChanged_PrintsWhatIsStored()
    {
        _cli.Write("a.txt", Article);
        (await _cli.Run("ingest", Input)).Code.ShouldBe(0);
        Execute("UPDATE statements SET speaker = 'Stored Speaker' WHERE speaker = 'Zhao Lijian'");
        var (code, stdout, _) = await _cli.Run("quotes", "--json");
        code.ShouldBe(0);
        var speakers = Lines(stdout).Select(l => l.GetProperty("speaker").GetString()).ToList();
        speakers.ShouldContain("Stored Speaker");
        speakers.ShouldNotContain("Zhao Lijian");
    }

    [Fact]
    public async Task Quotes_CampsFile_ReclassifiesStoredStatementsWithoutAnalysingAgain()
    {
        _cli.Write("a.txt", Article);
        (await _cli.Run("ingest", Input)).Code.ShouldBe(0);
        var analysed = Scalar<string>("SELECT group_concat(analysed_at) FROM statement_analyses");
        var camps = Path.Combine(_cli.Folder, "camps.txt");
        File.WriteAllText(camps, "Diplomats: spokesman, ministry\nScholars: professor, university\n");
        var (code, stdout, _) = await _cli.Run("quotes", "--json", "--camps", camps);
        code.ShouldBe(0);
        var lines = Lines(stdout);
        lines.Where(l => l.GetProperty("speaker").GetString() == "Zhao Lijian").ShouldAllBe(l => l.GetProperty("camp").GetString() == "Diplomats");
        lines.Where(l => l.GetProperty("speaker").GetString() == "Shi Yinhong").ShouldAllBe(l => l.GetProperty("camp").GetString() == "Scholars");
        Scalar<string>("SELECT group_concat(analysed_at) FROM statement_analyses").ShouldBe(analysed);
        Scalar<long>("SELECT count(*) FROM statements WHERE camp = 'Diplomats'").ShouldBe(0);
    }

    [Fact]
    public async Task Speakers_Json_CountsStoredStatementsPerSpeaker()
    {
        _cli.Write("a.txt", Article);
        (await _cli.Run("ingest", Input)).Code.ShouldBe(0);
        var (code, stdout, _) = await _cli.Run("speakers", "--json");
        code.ShouldBe(0);
        var zhao = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Single(s => s.GetProperty("speaker").GetString() == "Zhao Lijian");
        zhao.GetProperty("camp").GetString().ShouldBe("Chinese government");
        zhao.GetProperty("statements").GetInt32().ShouldBe(Scalar<int>("SELECT count(*) FROM statements WHERE speaker = 'Zhao Lijian' AND is_question = 0"));
        zhao.GetProperty("documents").GetInt32().ShouldBe(1);
    }

    public void Dispose()
    {
        _cli.Dispose();
        GC.SuppressFinalize(this);
    }
}
