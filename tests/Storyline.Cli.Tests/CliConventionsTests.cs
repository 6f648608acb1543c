namespace Storyline.Cli.Tests;

/// <summary>What every command shares: exit codes, where errors go, --version, completion, --quiet.</summary>
public sealed class CliConventionsTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Run_UnknownOption_ExitsTwoWithErrorsOnStderrOnly()
    {
        var (code, stdout, stderr) = await _cli.Run("list", "--no-such-option");
        code.ShouldBe(2);
        stdout.ShouldBeEmpty();
        stderr.ShouldStartWith("error: ");
        stderr.ShouldContain("run 'storyline list --help' for usage");
    }

    [Fact]
    public async Task Brief_UnknownFormat_UsageErrorBeforeAnythingRuns()
    {
        var (code, stdout, stderr) = await _cli.Run("brief", "--format", "pdf");
        code.ShouldBe(2);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("pdf");
        File.Exists(_cli.Store).ShouldBeFalse();
    }

    [Fact]
    public async Task Search_LimitZero_UsageError()
    {
        var (code, _, stderr) = await _cli.Run("search", "cotton", "--limit", "0");
        code.ShouldBe(2);
        stderr.ShouldStartWith("error: --limit: not a number from 1 to 1000: 0");
    }

    [Fact]
    public async Task Run_QuietAndVerbose_UsageError()
    {
        var (code, _, stderr) = await _cli.Run("list", "--quiet", "--verbose");
        code.ShouldBe(2);
        stderr.ShouldContain("--quiet and --verbose");
    }

    [Fact]
    public async Task Run_NoCommand_UsageOnStderrExitsTwo()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        (await CliApp.RunAsync([], stdout, stderr, TimeProvider.System)).ShouldBe(2);
        stdout.ToString().ShouldBeEmpty();
        stderr.ToString().ShouldContain("ingest");
    }

    [Fact]
    public async Task Version_Option_PrintsTheVersion()
    {
        var stdout = new StringWriter();
        (await CliApp.RunAsync(["--version"], stdout, TextWriter.Null, TimeProvider.System)).ShouldBe(0);
        stdout.ToString().Trim().ShouldMatch(@"^\d+\.\d+\.\d+");
    }

    [Fact]
    public async Task Suggest_Directive_CompletesCommandNames()
    {
        var stdout = new StringWriter();
        (await CliApp.RunAsync(["[suggest:2]", "br"], stdout, TextWriter.Null, TimeProvider.System)).ShouldBe(0);
        stdout.ToString().ShouldContain("brief");
    }

    [Fact]
    public async Task Show_MissingDocument_OneNotFoundLine()
    {
        (await _cli.Run("ingest", _cli.Write("a.txt", CliRunner.Article(1)))).Code.ShouldBe(0);
        var (code, _, stderr) = await _cli.Run("show", "99", "--verbose");
        code.ShouldBe(1);
        stderr.ShouldContain("info: store ");
        stderr.Trim().Split(Environment.NewLine)[^1].ShouldBe("error: document 99: not found");
    }

    [Fact]
    public async Task Brief_QuietUndatedInputs_NoWarningLine()
    {
        var path = _cli.Write("a.txt", CliRunner.Article(1));
        var (code, _, stderr) = await _cli.Run("brief", path, "--quiet");
        code.ShouldBe(0);
        stderr.ShouldBeEmpty();
        var loud = await _cli.Run("brief", path);
        loud.Err.ShouldContain("warning: ");
    }

    public void Dispose() => _cli.Dispose();
}
