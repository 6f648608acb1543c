using System.Text.Json;
using Storyline.Tests.TestSupport;

namespace Storyline.Cli.Tests;

/// <summary>storyline claims reads the ledger ingest built.</summary>
public class ClaimsCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Claims_Samples_LedgerWithStancesAndOffsetsIntoTheStoredText()
    {
        (await _cli.Run("ingest", SharedData.Samples)).Code.ShouldBe(0);
        var (code, stdout, stderr) = await _cli.Run("claims", "--json");
        code.ShouldBe(0, stderr);
        var claims = JsonDocument.Parse(stdout).RootElement;
        claims.GetArrayLength().ShouldBeGreaterThan(0);
        claims.EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ShouldBe(Enumerable.Range(1, claims.GetArrayLength()));
        // Contested claims first.
        var contested = claims.EnumerateArray().Select(c => c.GetProperty("contested").GetBoolean()).ToList();
        contested.ShouldBe(contested.OrderByDescending(c => c));
        var texts = new Dictionary<long, string>();
        foreach (var claim in claims.EnumerateArray())
        {
            claim.GetProperty("label").GetString().ShouldNotBeNullOrWhiteSpace();
            foreach (var s in claim.GetProperty("statements").EnumerateArray())
            {
                s.GetProperty("stance").GetString().ShouldBeOneOf("asserts", "denies", "questions", "reports");
                s.GetProperty("camp").GetString().ShouldNotBeNullOrWhiteSpace();
                var doc = s.GetProperty("document").GetInt64();
                if (!texts.TryGetValue(doc, out var text))
                {
                    var show = await _cli.Run("show", doc.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
                    texts[doc] = text = JsonDocument.Parse(show.Out).RootElement.GetProperty("text").GetString()!;
                }
                var (start, end) = (s.GetProperty("content_start").GetInt32(), s.GetProperty("content_end").GetInt32());
                // The span covers the content (a quote broken by its cue included); the text is the content's words.
                (start < end && end <= text.Length).ShouldBeTrue();
                var firstWord = s.GetProperty("text").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                text[start..end].ShouldContain(firstWord);
            }
        }
    }

    [Theory]
    [InlineData("forced lab")]
    [InlineData("detain")]
    public async Task Claims_Samples_ForcedLabourAndDetentionEachAssertedByOneCampDeniedByAnother(string subject)
    {
        (await _cli.Run("ingest", SharedData.Samples)).Code.ShouldBe(0);
        var (code, stdout, stderr) = await _cli.Run("claims", "--json");
        code.ShouldBe(0, stderr);
        var disputed = JsonDocument.Parse(stdout).RootElement.EnumerateArray()
            .Where(c => c.GetProperty("contested").GetBoolean())
            .Select(c => c.GetProperty("statements").EnumerateArray().Select(s => (Camp: s.GetProperty("camp").GetString()!, Stance: s.GetProperty("stance").GetString()!,
                Text: s.GetProperty("text").GetString()!)).ToList())
            .Where(statements => statements.Any(s => s.Text.Contains(subject, StringComparison.OrdinalIgnoreCase)))
            .Where(statements => statements.Any(a => a.Stance == "asserts" && statements.Any(d => d.Stance == "denies" && d.Camp != a.Camp)))
            .ToList();
        disputed.ShouldNotBeEmpty($"no contested claim on '{subject}' with one camp asserting and another denying");
    }

    [Fact]
    public async Task Claims_UnknownStory_OneErrorLine()
    {
        (await _cli.Run("ingest", _cli.Write("a.txt", CliRunner.Article(1)))).Code.ShouldBe(0);
        var (code, _, stderr) = await _cli.Run("claims", "--story", "999");
        code.ShouldBe(1);
        stderr.Trim().ShouldBe("error: story 999: not found");
    }

    [Fact]
    public async Task Claims_StoryWithoutStatements_EmptyLedger()
    {
        // Nobody is quoted: no statement, no claim.
        (await _cli.Run("ingest", _cli.Write("a.txt", "Steel output rises\n\nSteel output rose in March as two new furnaces opened near the river port.\n\nExports of rolled steel doubled over the quarter."))).Code.ShouldBe(0);
        var (code, stdout, _) = await _cli.Run("claims", "--json");
        code.ShouldBe(0);
        JsonDocument.Parse(stdout).RootElement.GetArrayLength().ShouldBe(0);
    }
}
