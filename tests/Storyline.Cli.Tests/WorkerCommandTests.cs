using System.Text.Json;
using Storyline.Ingestion;
using Storyline.Storage.Tests;
using Storyline.Tests.TestSupport;

namespace Storyline.Cli.Tests;

/// <summary><c>ingest --queue</c> then <c>storyline worker</c>: the store ends as plain ingest leaves it (same claims ledger, same briefing).</summary>
public sealed class WorkerCommandTests : IDisposable
{
    private readonly CliRunner _plain = new();
    private readonly CliRunner _queued = new();

    /// <summary>Every story's claims ledger and the latest story's briefing, as JSON.</summary>
    internal static async Task<(string Claims, string Brief)> ReadAsync(Func<string[], Task<(int Code, string Out, string Err)>> run)
    {
        var (stories, storiesJson, _) = await run(["stories", "--json"]);
        stories.ShouldBe(0);
        var claims = new List<string>();
        foreach (var story in JsonDocument.Parse(storiesJson).RootElement.EnumerateArray())
        {
            var (code, output, err) = await run(["claims", "--story", story.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"]);
            err.ShouldBeEmpty();
            code.ShouldBe(0);
            claims.Add(output);
        }
        // The samples state no publication date: brief warns about that on stderr, on either store alike.
        var (briefCode, brief, _) = await run(["brief", "--format", "json"]);
        briefCode.ShouldBe(0);
        claims.ShouldNotBeEmpty();
        return (string.Join("\n", claims), brief);
    }

    [Theory]
    [InlineData("16")]
    [InlineData("2")]
    public async Task IngestQueue_ThenWorkerOnce_GivesWhatPlainIngestGives(string batch)
    {
        (await _plain.Run("ingest", SharedData.Samples, "--json")).Code.ShouldBe(0);

        var (code, output, err) = await _queued.Run("ingest", SharedData.Samples, "--queue", "--json");
        err.ShouldBeEmpty();
        code.ShouldBe(0);
        var queued = JsonDocument.Parse(output).RootElement.GetProperty("queued");
        queued.GetArrayLength().ShouldBe(5);
        // Nothing analysed yet: no story exists until a worker runs.
        (await _queued.Run("stories", "--json")).Out.Trim().ShouldBe("[]");

        var (workerCode, summary, workerErr) = await _queued.Run("worker", "--once", "--batch", batch, "--json");
        workerErr.ShouldBeEmpty();
        workerCode.ShouldBe(0);
        var result = JsonDocument.Parse(summary).RootElement;
        result.GetProperty("claimed").GetInt32().ShouldBe(5);
        result.GetProperty("completed").GetInt32().ShouldBe(5);
        result.GetProperty("analysed").GetInt32().ShouldBe(5);
        result.GetProperty("queue_depth").GetInt32().ShouldBe(0);

        // The worker wrote the story's briefing when the queue ran dry, as plain ingest wrote it after its batch: the same stored row.
        _queued.Query("SELECT briefing_json FROM story_briefings").ShouldBe(_plain.Query("SELECT briefing_json FROM story_briefings"));
        _queued.Count("SELECT count(*) FROM story_briefings").ShouldBe(1);
        var expected = await ReadAsync(a => _plain.Run(a));
        var actual = await ReadAsync(a => _queued.Run(a));
        actual.Claims.ShouldBe(expected.Claims);
        actual.Brief.ShouldBe(expected.Brief);
    }

    [Fact]
    public async Task WorkerOnce_EmptyQueue_ExitsWithSummaryLine()
    {
        (await _queued.Run("ingest", _queued.Write("a.txt", CliRunner.Article(1)), "--queue")).Code.ShouldBe(0);
        var (code, output, err) = await _queued.Run("worker", "--once");
        err.ShouldBeEmpty();
        code.ShouldBe(0);
        output.ShouldContain("batch 1: 1 claimed, 1 analysed, 1 placed in stories, 1 completed");
        output.ShouldContain("queue depth 0");
        (await _queued.Run("worker", "--once", "--json")).Out.ShouldContain("\"claimed\":0");
    }

    [Fact]
    public async Task Worker_Stopped_ExitsCleanly_AndLeavesNothingWaitingForALease()
    {
        (await _queued.Run("ingest", SharedData.Samples, "--queue")).Code.ShouldBe(0);
        using var stop = new CancellationTokenSource();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var worker = CliApp.RunAsync(["worker", "--batch", "2", "--store", _queued.Store], stdout, stderr, TimeProvider.System, stop.Token);
        // Stopped like Ctrl+C once it holds a batch (not after a fixed time, which a loaded machine may spend starting up): a batch cut
        // short is given back to the queue rather than left to its lease.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (_queued.Count("SELECT count(*) FROM analysis_queue WHERE claimed_by IS NOT NULL") == 0 && !worker.IsCompleted && DateTime.UtcNow < deadline)
            await Task.Delay(5);
        worker.IsCompleted.ShouldBeFalse("the worker stopped before it claimed a batch");
        await stop.CancelAsync();
        var code = await worker.WaitAsync(TimeSpan.FromMinutes(2));
        code.ShouldBe(0);
        stdout.ToString().ShouldContain("queue depth");
        var (drained, summary, _) = await _queued.Run("worker", "--once", "--json");
        drained.ShouldBe(0);
        summary.ShouldContain("\"queue_depth\":0");
        (await ReadAsync(a => _queued.Run(a))).Claims.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task WorkerOnce_StoryTurnHeldByAnother_WaitsForItThenWritesTheBriefing()
    {
        (await _queued.Run("ingest", SharedData.Samples, "--queue")).Code.ShouldBe(0);
        // Another worker is building the first story's ledger and briefing (the samples make one story; ids start at 1).
        await using var other = await Storyline.Storage.Sqlite.SqliteDocumentStore.OpenAsync(_queued.Store);
        (await other.TryTakeLeaseAsync(IngestFinisher.StoryTurn(1), "other", TimeSpan.FromMinutes(5))).ShouldBeTrue();

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var worker = CliApp.RunAsync(["worker", "--once", "--poll", "0.1", "--store", _queued.Store], stdout, stderr, TimeProvider.System, CancellationToken.None);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (await other.QueueDepthAsync() > 0 && !worker.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(50);
        // The queue is drained; the worker's own pass waits for the other's.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        worker.IsCompleted.ShouldBeFalse();
        _queued.Count("SELECT count(*) FROM story_briefings").ShouldBe(0);

        (await other.ReturnLeaseAsync(IngestFinisher.StoryTurn(1), "other")).ShouldBeTrue();
        (await worker.WaitAsync(TimeSpan.FromMinutes(2))).ShouldBe(0);
        stderr.ToString().ShouldBeEmpty();
        _queued.Count("SELECT count(*) FROM story_briefings WHERE story_id = 1").ShouldBe(1);
        _queued.Count("SELECT count(*) FROM story_briefings").ShouldBe(1);
        _queued.Count("SELECT count(*) FROM work_leases").ShouldBe(0); // given back
    }

    [Fact]
    public async Task Worker_BadBatch_OneErrorLine()
    {
        (await _queued.Run("ingest", _queued.Write("a.txt", CliRunner.Article(1)), "--queue")).Code.ShouldBe(0);
        var (code, _, err) = await _queued.Run("worker", "--once", "--batch", "0");
        code.ShouldBe(2);
        err.Split(Environment.NewLine)[0].ShouldBe("error: --batch: not a number from 1 to 10000: 0");
    }

    [Fact]
    public async Task WorkerOnce_OneModelThread_AnalysesTheQueue_BadCountOneErrorLine()
    {
        (await _queued.Run("ingest", _queued.Write("a.txt", CliRunner.Article(1)), "--queue")).Code.ShouldBe(0);
        var (bad, _, badErr) = await _queued.Run("worker", "--once", "--model-threads", "-1");
        bad.ShouldBe(2);
        badErr.Split(Environment.NewLine)[0].ShouldBe("error: --model-threads: not a number from 0 to 256: -1");
        var (code, output, err) = await _queued.Run("worker", "--once", "--model-threads", "1");
        err.ShouldBeEmpty();
        code.ShouldBe(0);
        output.ShouldContain("1 claimed, 1 analysed, 1 placed in stories, 1 completed");
        // The vector stage ran on the one-thread model.
        _queued.Count("SELECT count(*) FROM document_analyses WHERE stage = 'vectors'").ShouldBe(1);
    }

    public void Dispose()
    {
        _plain.Dispose();
        _queued.Dispose();
    }
}

/// <summary>Two workers at once on one PostgreSQL store: the queue is drained once between them and the store ends as plain ingest leaves it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresWorkerTests : IDisposable
{
    private readonly CliRunner _plain = new();
    private readonly PostgresCliStores _stores = new();

    private string NewStore() => _stores.NewStore();

    private static Task<(int Code, string Out, string Err)> RunOn(string store, params string[] args) => PostgresCliStores.RunOn(store, args);

    [SkippableFact]
    public async Task IngestQueue_TwoWorkersAtOnce_DrainTheQueueOnce_AndBriefAsPlainIngest()
    {
        var store = NewStore();
        (await RunOn(store, "ingest", SharedData.Samples, "--queue")).Code.ShouldBe(0);
        var workers = await Task.WhenAll(
            Task.Run(() => RunOn(store, "worker", "--once", "--batch", "1", "--json")),
            Task.Run(() => RunOn(store, "worker", "--once", "--batch", "1", "--json")));
        foreach (var (code, _, err) in workers)
        {
            err.ShouldBeEmpty();
            code.ShouldBe(0);
        }
        var summaries = workers.Select(w => JsonDocument.Parse(w.Out).RootElement).ToList();
        summaries.Sum(s => s.GetProperty("completed").GetInt32()).ShouldBe(5);
        summaries.Sum(s => s.GetProperty("claimed").GetInt32()).ShouldBe(5);
        (await RunOn(store, "worker", "--once", "--json")).Out.ShouldContain("\"queue_depth\":0");

        (await _plain.Run("ingest", SharedData.Samples)).Code.ShouldBe(0);
        var expected = await WorkerCommandTests.ReadAsync(a => _plain.Run(a));
        var actual = await WorkerCommandTests.ReadAsync(a => RunOn(store, a));
        actual.Claims.ShouldBe(expected.Claims);
        actual.Brief.ShouldBe(expected.Brief);
    }

    public void Dispose()
    {
        _stores.Dispose();
        _plain.Dispose();
    }
}
