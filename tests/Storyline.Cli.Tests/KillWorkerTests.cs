using System.Diagnostics;
using Storyline.Storage.Sqlite;

namespace Storyline.Cli.Tests;

/// <summary>A worker killed (kill -9) mid-batch: nothing is lost, nothing is analysed twice into duplicates, the store passes its integrity
/// check, and once its lease runs out another worker finishes the queue with what plain ingest gives per document.</summary>
public sealed class KillWorkerTests : IDisposable
{
    private readonly CliRunner _queued = new();
    private readonly CliRunner _plain = new();

    [Fact]
    public async Task Worker_KilledMidBatch_LeaseExpires_SecondWorkerFinishes_NoDuplicates()
    {
        // Enough that the kill, made once the first batch is complete, comes well before the queue runs dry: a batch of these short
        // articles takes a fraction of a second.
        const int total = 64;
        for (int i = 0; i < total; i++)
        {
            _queued.Write($"doc{i:D3}.txt", CliRunner.Article(i, $"topic{i % 8}"));
            _plain.Write($"doc{i:D3}.txt", CliRunner.Article(i, $"topic{i % 8}"));
        }
        (await _queued.Run("ingest", Path.Combine(_queued.Folder, "in"), "--queue")).Code.ShouldBe(0);
        _queued.Count("SELECT count(*) FROM analysis_queue").ShouldBe(total);

        var cli = Path.Combine(AppContext.BaseDirectory, "Storyline.Cli.dll");
        using (var worker = Process.Start(new ProcessStartInfo("dotnet", ["exec", cli, "worker", "--batch", "4", "--lease", "2", "--store", _queued.Store])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!)
        {
            _ = worker.StandardOutput.ReadToEndAsync();
            _ = worker.StandardError.ReadToEndAsync();
            var deadline = Stopwatch.StartNew();
            // Killed once a batch is complete, so that it dies holding a claim part-way through the queue.
            while (_queued.Count("SELECT count(*) FROM analysis_queue") > total - 4 && deadline.Elapsed < TimeSpan.FromSeconds(120) && !worker.HasExited)
                await Task.Delay(10);
            worker.HasExited.ShouldBeFalse("the worker stopped before it could be killed");
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }
        var left = _queued.Count("SELECT count(*) FROM analysis_queue");
        left.ShouldBeGreaterThan(0, "the queue was drained before the kill; the test needs a longer queue");
        await using (var store = await SqliteDocumentStore.OpenAsync(_queued.Store))
            (await store.CheckAsync()).ShouldBeEmpty();

        // The dead worker's claim holds for its lease (2 s); after that a second worker takes it.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var (code, _, err) = await _queued.Run("worker", "--once", "--batch", "4");
        err.ShouldBeEmpty();
        code.ShouldBe(0);

        _queued.Count("SELECT count(*) FROM analysis_queue").ShouldBe(0);
        _queued.Count("SELECT count(*) FROM documents").ShouldBe(total);
        _queued.Count("SELECT count(*) FROM story_documents").ShouldBe(total);
        await using (var store = await SqliteDocumentStore.OpenAsync(_queued.Store))
            (await store.CheckAsync()).ShouldBeEmpty();

        // Per document, the analysis a plain ingest stores: each stage once, the same statements and mentions.
        (await _plain.Run("ingest", Path.Combine(_plain.Folder, "in"))).Code.ShouldBe(0);
        const string perDocument = """
            SELECT i.name || '|' ||
                (SELECT count(*) FROM document_analyses a WHERE a.document_id = d.id) || ' ' ||
                (SELECT count(*) FROM statements s WHERE s.document_id = d.id) || ' ' ||
                (SELECT count(*) FROM mentions m WHERE m.document_id = d.id)
            FROM documents d JOIN inputs i ON i.id = d.input_id ORDER BY i.name
            """;
        // Input names are paths under each runner's own folder: compare the file names.
        static List<string> Named(List<string> rows) => [.. rows.Select(r => Path.GetFileName(r[..r.IndexOf('|')]) + r[r.IndexOf('|')..]).Order(StringComparer.Ordinal)];
        var queued = Named(_queued.Query(perDocument));
        queued.Count.ShouldBe(total);
        queued.ShouldBe(Named(_plain.Query(perDocument)));
    }

    public void Dispose()
    {
        _queued.Dispose();
        _plain.Dispose();
    }
}
