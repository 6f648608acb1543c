using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Storyline.Storage.Sqlite;

namespace Storyline.Cli.Tests;

/// <summary>A process killed mid-batch leaves a consistent store, and re-running the batch completes it without duplicates.</summary>
public class KillMidIngestTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Ingest_KilledMidBatch_StoreConsistentAndRerunCompletes()
    {
        const int total = 1500;
        for (int i = 0; i < total; i++) _cli.Write($"doc{i:D4}.txt", CliRunner.Article(i, $"topic{i}"));
        var folder = Path.Combine(_cli.Folder, "in");
        var cli = Path.Combine(AppContext.BaseDirectory, "Storyline.Cli.dll");

        using (var process = Process.Start(new ProcessStartInfo("dotnet", ["exec", cli, "ingest", folder, "--store", _cli.Store, "--json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var deadline = Stopwatch.StartNew();
            while (CountDocuments() < 50 && deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited) await Task.Delay(20);
            process.HasExited.ShouldBeFalse("the batch finished before it could be killed; the test needs a bigger batch");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var stored = CountDocuments();
        stored.ShouldBeGreaterThanOrEqualTo(50);
        stored.ShouldBeLessThan(total);
        await using (var store = await SqliteDocumentStore.OpenAsync(_cli.Store))
            (await store.CheckAsync()).ShouldBeEmpty();

        var (code, stdout, _) = await _cli.Run("ingest", folder);
        code.ShouldBe(0);
        stdout.ShouldContain($"ingested {total - stored}, duplicates {stored}, near-duplicates 0, failed 0");
        CountDocuments().ShouldBe(total);
        await using (var store = await SqliteDocumentStore.OpenAsync(_cli.Store))
            (await store.CheckAsync()).ShouldBeEmpty();
    }

    private int CountDocuments()
    {
        if (!File.Exists(_cli.Store)) return 0;
        try
        {
            return _cli.Count("SELECT count(*) FROM documents");
        }
        catch (SqliteException)
        {
            return 0; // not yet migrated
        }
    }

    public void Dispose()
    {
        _cli.Dispose();
        GC.SuppressFinalize(this);
    }
}
