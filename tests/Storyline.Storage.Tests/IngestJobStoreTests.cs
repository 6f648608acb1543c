using Storyline.Ingestion;

namespace Storyline.Storage.Tests;

/// <summary>The ingest-job store's contract, run against every provider: a batch's outcomes come back in input order from any connection,
/// it ends once, and ended batches are pruned.</summary>
public abstract class IngestJobStoreTests<TProvider> : IDisposable where TProvider : IStoreProvider, new()
{
    private readonly string _location = Directory.CreateTempSubdirectory("storyline-jobs-").FullName;
    private readonly TProvider _provider = new();
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(2));

    [SkippableFact]
    public async Task GetJob_ResultsAddedOnAnotherConnection_InInputOrderWithEveryField()
    {
        await using var web1 = await _provider.OpenAsync(_location, TimeProvider.System);
        await using var web2 = await _provider.OpenAsync(_location, TimeProvider.System);
        await web1.CreateJobAsync("job-a", "3 files", Start);
        var running = (await web2.GetJobAsync("job-a")).ShouldNotBeNull();
        running.Finished.ShouldBeFalse();
        running.Description.ShouldBe("3 files");
        running.Started.ShouldBe(Start);
        running.Results.ShouldBeEmpty();

        await web1.AddJobResultAsync("job-a", 1, new IngestResult("b.html", IngestStatus.Failed, null, null, "no article text found", null));
        await web1.AddJobResultAsync("job-a", 0, new IngestResult("a.txt", IngestStatus.NearDuplicate, 7, 3, null, "Cotton “sanctions”"));
        await web1.AddJobResultAsync("job-a", 2, new IngestResult("c.txt", IngestStatus.Ingested, 8, null, null, "Third"));
        await web1.FinishJobAsync("job-a", Start.AddMinutes(1), null);

        var done = (await web2.GetJobAsync("job-a")).ShouldNotBeNull();
        done.Finished.ShouldBeTrue();
        done.FinishedAt.ShouldBe(Start.AddMinutes(1));
        done.Error.ShouldBeNull();
        done.Results.ShouldBe([
            new IngestResult("a.txt", IngestStatus.NearDuplicate, 7, 3, null, "Cotton “sanctions”"),
            new IngestResult("b.html", IngestStatus.Failed, null, null, "no article text found", null),
            new IngestResult("c.txt", IngestStatus.Ingested, 8, null, null, "Third"),
        ]);
    }

    [SkippableFact]
    public async Task FinishJob_Twice_FirstEndingKept()
    {
        await using var store = await _provider.OpenAsync(_location, TimeProvider.System);
        await store.CreateJobAsync("job-b", "https://example.org/feed", Start);
        await store.FinishJobAsync("job-b", Start.AddSeconds(5), "stopped: the server is shutting down");
        await store.FinishJobAsync("job-b", Start.AddSeconds(9), null);
        var job = (await store.GetJobAsync("job-b")).ShouldNotBeNull();
        job.Error.ShouldBe("stopped: the server is shutting down");
        job.FinishedAt.ShouldBe(Start.AddSeconds(5));
    }

    [SkippableFact]
    public async Task PruneJobs_EndedOrSilentBefore_RemovedWithResults_RunningKept()
    {
        await using var store = await _provider.OpenAsync(_location, TimeProvider.System);
        await store.CreateJobAsync("old", "1 file", Start);
        await store.AddJobResultAsync("old", 0, new IngestResult("a.txt", IngestStatus.Ingested, 1, null, null, "A"));
        await store.FinishJobAsync("old", Start.AddMinutes(1), null);
        await store.CreateJobAsync("recent", "1 file", Start.AddDays(2));
        await store.FinishJobAsync("recent", Start.AddDays(2).AddMinutes(1), null);
        await store.CreateJobAsync("running", "1 file", Start);
        await store.BeatJobAsync("running", Start.AddDays(2));
        await store.CreateJobAsync("dead", "1 file", Start);
        await store.AddJobResultAsync("dead", 0, new IngestResult("b.txt", IngestStatus.Ingested, 2, null, null, "B"));

        (await store.PruneJobsAsync(Start.AddDays(1))).ShouldBe(2);
        (await store.GetJobAsync("old")).ShouldBeNull();
        (await store.GetJobAsync("dead")).ShouldBeNull();
        (await store.GetJobAsync("recent")).ShouldNotBeNull();
        (await store.GetJobAsync("running")).ShouldNotBeNull();
        (await store.GetJobAsync("never")).ShouldBeNull();
    }

    [SkippableFact]
    public async Task BeatJob_Running_LastSeenMoves_EndedLeftAlone()
    {
        await using var store = await _provider.OpenAsync(_location, TimeProvider.System);
        await store.CreateJobAsync("job-c", "2 files", Start);
        (await store.GetJobAsync("job-c")).ShouldNotBeNull().LastSeen.ShouldBe(Start);
        await store.BeatJobAsync("job-c", Start.AddSeconds(10));
        (await store.GetJobAsync("job-c")).ShouldNotBeNull().LastSeen.ShouldBe(Start.AddSeconds(10));
        await store.FinishJobAsync("job-c", Start.AddSeconds(12), null);
        await store.BeatJobAsync("job-c", Start.AddSeconds(20));
        (await store.GetJobAsync("job-c")).ShouldNotBeNull().LastSeen.ShouldBe(Start.AddSeconds(10));
    }

    public void Dispose()
    {
        _provider.Release(_location);
        try { Directory.Delete(_location, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

/// <summary>Ingest jobs on SQLite.</summary>
public sealed class SqliteIngestJobStoreTests : IngestJobStoreTests<SqliteProvider>;

/// <summary>Ingest jobs on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresIngestJobStoreTests : IngestJobStoreTests<PostgresProvider>;
