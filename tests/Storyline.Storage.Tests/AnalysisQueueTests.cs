using System.Text;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Pipeline;

namespace Storyline.Storage.Tests;

/// <summary>The analysis queue's contract, run against every provider: claims never overlap, lapsed leases are taken again, and only the
/// current claim holder completes an entry.</summary>
public abstract class AnalysisQueueTests<TProvider> : IDisposable where TProvider : IStoreProvider, new()
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly string _location = Directory.CreateTempSubdirectory("storyline-queue-").FullName;
    private readonly TProvider _provider = new();
    private readonly DocumentPipeline _pipeline = DocumentPipeline.CreateDefault();
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }

    private async Task<List<long>> AddDocumentsAsync(IStorylineStore store, int count)
    {
        var ids = new List<long>();
        for (int i = 0; i < count; i++)
        {
            var text = $"Report number {i} on the harbour: the {i}th ferry of the season docked at pier {i * 7 % 13} carrying {i * 31 % 97} passengers and freight.";
            var input = new RawInput($"doc{i}.txt", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, new InputHints());
            var result = await store.AddAsync(Ingestor.Prepare(input, _pipeline.Process(input)), 0.99);
            ids.Add(result.DocumentId);
        }
        ids.Distinct().Count().ShouldBe(count);
        return ids;
    }

    [SkippableFact]
    public async Task Claim_TakesOldestFirst_UpToMax_AndDepthCountsClaimedAndUnclaimed()
    {
        await using var store = await _provider.OpenAsync(_location, _time);
        var ids = await AddDocumentsAsync(store, 5);
        (await store.QueueDepthAsync()).ShouldBe(0);
        await store.EnqueueAsync(ids);
        await store.EnqueueAsync([ids[0]]); // already queued: keeps its place
        (await store.QueueDepthAsync()).ShouldBe(5);
        (await store.ClaimAsync("a", 3, Lease)).ShouldBe(ids.Take(3));
        (await store.QueueDepthAsync()).ShouldBe(5);
        (await store.ClaimAsync("b", 3, Lease)).ShouldBe(ids.Skip(3));
        (await store.ClaimAsync("c", 3, Lease)).ShouldBeEmpty();
        (await store.CompleteAsync(ids.Take(3).ToList(), "a")).ShouldBe(3);
        (await store.QueueDepthAsync()).ShouldBe(2);
    }

    [SkippableFact]
    public async Task TwoWorkers_ClaimingAtOnce_NeverGetTheSameDocument()
    {
        await using var first = await _provider.OpenAsync(_location, _time);
        await using var second = await _provider.OpenAsync(_location, _time);
        var ids = await AddDocumentsAsync(first, 40);
        await first.EnqueueAsync(ids);

        async Task<List<long>> Work(IStorylineStore store, string worker)
        {
            var done = new List<long>();
            while (await store.ClaimAsync(worker, 3, Lease) is { Count: > 0 } claimed)
            {
                done.AddRange(claimed);
                await Task.Yield();
                (await store.CompleteAsync(claimed, worker)).ShouldBe(claimed.Count);
            }
            return done;
        }

        var results = await Task.WhenAll(Task.Run(() => Work(first, "a")), Task.Run(() => Work(second, "b")));
        results[0].Intersect(results[1]).ShouldBeEmpty();
        results[0].Concat(results[1]).Order().ShouldBe(ids.Order());
        (await first.QueueDepthAsync()).ShouldBe(0);
    }

    [SkippableFact]
    public async Task ExpiredLease_IsClaimedAgain_AndTheLateWorkerCannotCompleteTheNewClaim()
    {
        await using var store = await _provider.OpenAsync(_location, _time);
        var ids = await AddDocumentsAsync(store, 2);
        await store.EnqueueAsync(ids);
        (await store.ClaimAsync("killed", 10, Lease)).ShouldBe(ids);
        _time.Advance(Lease - TimeSpan.FromSeconds(1));
        (await store.ClaimAsync("other", 10, Lease)).ShouldBeEmpty(); // still held
        _time.Advance(TimeSpan.FromSeconds(1));
        (await store.ClaimAsync("other", 10, Lease)).ShouldBe(ids); // the lease ran out

        // The first worker comes back late: its completion removes nothing, the new claim stays.
        (await store.CompleteAsync(ids, "killed")).ShouldBe(0);
        (await store.QueueDepthAsync()).ShouldBe(2);
        (await store.ClaimAsync("third", 10, Lease)).ShouldBeEmpty();
        (await store.CompleteAsync(ids, "other")).ShouldBe(2);
        (await store.QueueDepthAsync()).ShouldBe(0);
    }

    [SkippableFact]
    public async Task ExpiredLease_NotYetTakenByAnother_IsStillCompletedByItsWorker()
    {
        await using var store = await _provider.OpenAsync(_location, _time);
        var ids = await AddDocumentsAsync(store, 1);
        await store.EnqueueAsync(ids);
        (await store.ClaimAsync("slow", 1, Lease)).ShouldBe(ids);
        _time.Advance(Lease * 2);
        (await store.CompleteAsync(ids, "slow")).ShouldBe(1);
        (await store.QueueDepthAsync()).ShouldBe(0);
    }

    [SkippableFact]
    public async Task Release_GivesBackOnlyTheWorkersOwnClaims_ForAnyWorkerAtOnce()
    {
        await using var store = await _provider.OpenAsync(_location, _time);
        var ids = await AddDocumentsAsync(store, 3);
        await store.EnqueueAsync(ids);
        (await store.ClaimAsync("stopping", 2, Lease)).ShouldBe(ids.Take(2));
        (await store.ClaimAsync("busy", 1, Lease)).ShouldBe([ids[2]]);
        (await store.ReleaseAsync(ids, "stopping")).ShouldBe(2);
        (await store.QueueDepthAsync()).ShouldBe(3);
        (await store.ClaimAsync("next", 10, Lease)).ShouldBe(ids.Take(2)); // no wait for the lease; the busy worker keeps its own
        (await store.CompleteAsync(ids, "stopping")).ShouldBe(0);
    }

    [SkippableFact]
    public async Task Renew_ExtendsOnlyTheWorkersOwnClaims_SoALongBatchIsNotTakenAgain()
    {
        await using var store = await _provider.OpenAsync(_location, _time);
        var ids = await AddDocumentsAsync(store, 3);
        await store.EnqueueAsync(ids);
        (await store.ClaimAsync("long", 2, Lease)).ShouldBe(ids.Take(2));
        (await store.ClaimAsync("short", 1, Lease)).ShouldBe([ids[2]]);
        _time.Advance(Lease - TimeSpan.FromSeconds(10));
        (await store.RenewAsync(ids, "long", Lease)).ShouldBe(2); // the other worker's entry is not touched
        _time.Advance(TimeSpan.FromSeconds(20)); // past the first lease, within the renewed one
        (await store.ClaimAsync("other", 10, Lease)).ShouldBe([ids[2]]); // only the unrenewed claim lapsed
        (await store.RenewAsync(ids, "short", Lease)).ShouldBe(0); // taken by another meanwhile: nothing to renew
        (await store.CompleteAsync(ids.Take(2).ToList(), "long")).ShouldBe(2);
    }

    [SkippableFact]
    public async Task TryTakeLease_HeldByAnother_RefusedUntilItLapsesOrIsReturned_AndItsHolderRenews()
    {
        await using var store = await _provider.OpenAsync(_location, _time);
        (await store.TryTakeLeaseAsync("pass", "a", Lease)).ShouldBeTrue();
        (await store.TryTakeLeaseAsync("pass", "b", Lease)).ShouldBeFalse();
        (await store.TryTakeLeaseAsync("other", "b", Lease)).ShouldBeTrue(); // leases are per name
        _time.Advance(Lease - TimeSpan.FromSeconds(10));
        (await store.TryTakeLeaseAsync("pass", "a", Lease)).ShouldBeTrue(); // renewed
        _time.Advance(TimeSpan.FromSeconds(20)); // past the first lease, within the renewed one
        (await store.TryTakeLeaseAsync("pass", "b", Lease)).ShouldBeFalse();
        _time.Advance(Lease);
        (await store.TryTakeLeaseAsync("pass", "b", Lease)).ShouldBeTrue(); // a's lapsed: its holder was killed
        (await store.ReturnLeaseAsync("pass", "a")).ShouldBeFalse(); // the late holder cannot free b's
        (await store.TryTakeLeaseAsync("pass", "a", Lease)).ShouldBeFalse();
        (await store.ReturnLeaseAsync("pass", "b")).ShouldBeTrue();
        (await store.TryTakeLeaseAsync("pass", "a", Lease)).ShouldBeTrue();
    }

    [SkippableFact]
    public async Task TryTakeLease_ManyTakersAtOnce_ExactlyOneGetsIt()
    {
        var stores = new List<IStorylineStore>();
        for (int i = 0; i < 4; i++) stores.Add(await _provider.OpenAsync(_location, _time));
        try
        {
            var taken = await Task.WhenAll(stores.Select((store, i) => Task.Run(() => store.TryTakeLeaseAsync("pass", $"w{i}", Lease))));
            taken.Count(t => t).ShouldBe(1);
        }
        finally
        {
            foreach (var store in stores) await store.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _provider.Release(_location);
        try { Directory.Delete(_location, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The analysis queue on SQLite.</summary>
public sealed class SqliteAnalysisQueueTests : AnalysisQueueTests<SqliteProvider>;

/// <summary>The analysis queue on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAnalysisQueueTests : AnalysisQueueTests<PostgresProvider>;
