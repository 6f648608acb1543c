using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Storyline.Cli;

namespace Storyline.Cli.Tests;

public partial class ServeCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [GeneratedRegex(@"at (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Address();

    [Fact]
    public async Task Serve_SameStore_ServesWhatIngestStoredUntilCancelled()
    {
        _cli.Write("a.txt", CliRunner.Article(1, "cotton sanctions"));
        (await _cli.Run("ingest", Path.Combine(_cli.Folder, "in"))).Code.ShouldBe(0);

        var stdout = new StringWriter();
        var output = TextWriter.Synchronized(stdout);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var serving = CliApp.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--store", _cli.Store], output, TextWriter.Null, TimeProvider.System, stop.Token);

        string? baseUrl = null;
        for (int i = 0; i < 300 && baseUrl is null && !serving.IsCompleted; i++)
        {
            await Task.Delay(100);
            if (Address().Match(stdout.ToString()) is { Success: true } m) baseUrl = m.Groups[1].Value;
        }
        baseUrl.ShouldNotBeNull($"serve printed: {stdout}");
        if (Environment.GetEnvironmentVariable("STORYLINE_API_KEY") is null) stdout.ToString().ShouldContain("writes are disabled");

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var documents = JsonDocument.Parse(await http.GetStringAsync("/api/documents")).RootElement;
        documents.GetArrayLength().ShouldBe(1);
        documents[0].GetProperty("title").GetString().ShouldBe("Headline number 1 about cotton sanctions");
        (await http.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await stop.CancelAsync();
        (await serving).ShouldBe(0);
    }

    public void Dispose() => _cli.Dispose();
}
