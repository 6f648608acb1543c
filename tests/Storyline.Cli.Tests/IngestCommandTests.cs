using System.Text;
using System.Text.Json;

namespace Storyline.Cli.Tests;

public class IngestCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Ingest_MixedBatchWithBadInputs_ReportsEachOnOneLineAndStoresTheRest()
    {
        _cli.Write("01-good.txt", CliRunner.Article(1));
        _cli.Write("02-empty.txt", "");
        _cli.Write("03-binary.txt", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]);
        _cli.Write("04-huge.txt", new string('x', 5000));
        _cli.Write("05-cp1252.txt", Encoding.Latin1.GetBytes("Caf\u00e9 owners said the new rules were unfair and would cost them dearly in the months ahead."));
        _cli.Write("06-bad.jsonl", "{\"text\": \"A record that is fine and has enough words to count.\"}\n{broken\n");
        _cli.Write("07-broken.rss", "<rss version=\"2.0\"><channel><item><title>x");
        _cli.Write("08-good.html", "<html><head><title>Council approves plan</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Council approves plan</h1><p>"
            + string.Join("</p><p>", Enumerable.Range(1, 6).Select(i => $"In session {i}, the council debated the housing plan for hours, and member {i} argued that the costs of construction had been underestimated by the planning office."))
            + "</p></article></body></html>");
        var missing = Path.Combine(_cli.Folder, "missing.txt");

        var (code, stdout, stderr) = await _cli.Run("ingest", Path.Combine(_cli.Folder, "in"), missing, "--max-bytes", "4000");

        code.ShouldBe(1);
        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        errors.ShouldContain(e => e.Contains("02-empty.txt") && e.EndsWith("empty input"));
        errors.ShouldContain(e => e.Contains("03-binary.txt") && e.Contains("binary"));
        errors.ShouldContain(e => e.Contains("04-huge.txt") && e.Contains("4,000-byte limit"));
        errors.ShouldContain(e => e.Contains("06-bad.jsonl:2") && e.Contains("malformed JSON"));
        errors.ShouldContain(e => e.Contains("07-broken.rss") && e.Contains("malformed"));
        errors.ShouldContain(e => e.Contains("missing.txt") && e.Contains("no such file"));
        errors.Length.ShouldBe(6);
        errors.ShouldAllBe(e => e.StartsWith("error: "));
        stdout.ShouldContain("ingested 4, duplicates 0, near-duplicates 0, failed 6");

        var (_, shown, _) = await _cli.Run("search", "Café", "--json");
        shown.ShouldContain("Café owners");
    }

    [Theory]
    [InlineData("file:///etc/passwd", "redirect to a file: URL refused")]
    [InlineData("http://[::1", "malformed redirect Location")]
    public async Task Ingest_UrlRedirectingToUnusableLocation_FailsThatInputAndIngestsTheRest(string location, string reason)
    {
        using var server = new Storyline.Tests.TestSupport.RawHttpServer(_ => Storyline.Tests.TestSupport.RawHttpServer.Redirect(location));
        var before = _cli.Write("a.txt", CliRunner.Article(1));
        var after = _cli.Write("b.txt", CliRunner.Article(2, "fisheries"));

        var (code, stdout, stderr) = await _cli.Run("ingest", before, server.Prefix + "page", after, "--allow-private");

        code.ShouldBe(1);
        stderr.Trim().ShouldBe($"error: {server.Prefix}page: {reason}" + (reason.StartsWith("malformed", StringComparison.Ordinal) ? $" \"{location}\"" : " (only http and https are followed)"));
        stdout.ShouldContain("ingested 2, duplicates 0, near-duplicates 0, failed 1");
    }

    [Fact]
    public async Task Ingest_SameBatchTwice_SecondRunStoresNothingNew()
    {
        for (int i = 0; i < 3; i++) _cli.Write($"a{i}.txt", CliRunner.Article(i));
        var folder = Path.Combine(_cli.Folder, "in");
        (await _cli.Run("ingest", folder)).Code.ShouldBe(0);
        var (code, stdout, _) = await _cli.Run("ingest", folder);
        code.ShouldBe(0);
        stdout.ShouldContain("ingested 0, duplicates 3");
        var (_, list, _) = await _cli.Run("list", "--json");
        JsonDocument.Parse(list).RootElement.GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task Ingest_Json_GivesResultsAndSummary()
    {
        var path = _cli.Write("a.txt", CliRunner.Article(7));
        var (code, stdout, _) = await _cli.Run("ingest", path, "--json", "--published", "2020-07-10");
        code.ShouldBe(0);
        var root = JsonDocument.Parse(stdout).RootElement;
        root.GetProperty("summary").GetProperty("ingested").GetInt32().ShouldBe(1);
        var result = root.GetProperty("results")[0];
        result.GetProperty("status").GetString().ShouldBe("ingested");
        var id = result.GetProperty("document_id").GetInt64();

        var (_, show, _) = await _cli.Run("show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        var doc = JsonDocument.Parse(show).RootElement;
        doc.GetProperty("metadata").GetProperty("published").GetProperty("source").GetString().ShouldBe("given");
        doc.GetProperty("text").GetString()!.ShouldContain("officials discussed trade item 217");
    }

    [Fact]
    public async Task Ingest_BadPublishedOption_FailsWithOneLine()
    {
        var path = _cli.Write("a.txt", CliRunner.Article(1));
        var (code, _, stderr) = await _cli.Run("ingest", path, "--published", "not-a-date");
        code.ShouldBe(2);
        stderr.Split(Environment.NewLine)[0].ShouldBe("error: --published: not a date (yyyy-MM-dd or an ISO 8601 instant): not-a-date");
    }

    public void Dispose()
    {
        _cli.Dispose();
        GC.SuppressFinalize(this);
    }
}
