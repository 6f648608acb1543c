using System.Text;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Pipeline;

namespace Storyline.Storage.Tests;

/// <summary>The stories pass shared between processes (workers) through per-story turns, run against every provider: each story's
/// ledger and briefing is built by one of them, a story another process is building is waited for or left, and every turn is given back.</summary>
public abstract class StoriesPassTests<TProvider> : IDisposable where TProvider : IStoreProvider, new()
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly string _location = Directory.CreateTempSubdirectory("storyline-pass-").FullName;
    private readonly TProvider _provider = new();

    /// <summary>Stores three unrelated stories of two documents each, placed and analysed but with no ledger or briefing yet (as a
    /// worker's batches leave them); returns the story ids.</summary>
    private async Task<List<long>> SeedAsync(IStorylineStore store)
    {
        var pipeline = DocumentPipeline.CreateDefault();
        // Two reports each of three unrelated events, worded apart so that story placement cannot join them.
        string[][] reports =
        [
            ["Ferry crews in Dunmore walked out on Monday, stranding commuters at the harbour. \"We will not sail until wages rise,\" union leader Maria Okafor said.",
             "The Dunmore ferry strike entered its third day as harbour crews refused to sail. \"The ferries stay tied up,\" Maria Okafor told reporters at the pier."],
            ["A late frost destroyed apple blossom across the Vallorn orchards, growers said. \"Half the crop is gone,\" farmer Pieter Haas said on Thursday.",
             "Vallorn apple growers counted frost losses in their orchards. \"We have never seen blossom blacken so fast,\" Pieter Haas said of the frost."],
            ["The Kestrel museum closed its east gallery after rain leaked through the roof. \"The paintings are safe,\" curator Lena Brandt said.",
             "Roofers began repairs at the Kestrel museum, whose gallery roof leaked in storms. \"Repairs will take the summer,\" Lena Brandt said of the museum roof."],
        ];
        int n = 0;
        var ids = new List<long>();
        foreach (var text in reports.SelectMany(r => r))
        {
            var input = new RawInput($"doc{n++}.txt", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, new InputHints());
            ids.Add((await store.AddAsync(Ingestor.Prepare(input, pipeline.Process(input)), 0.99)).DocumentId);
        }
        await IngestFinisher.For(store, storiesAtFinish: false).FinishAsync(ids);
        var stories = (await store.ListStoriesAsync()).Select(s => s.Id).ToList();
        stories.Count.ShouldBe(3, "each topic should make one story");
        foreach (var id in stories) (await store.GetBriefingStampAsync(id)).ShouldBeNull();
        return stories;
    }

    private static LeaseTurns TurnsOf(IStorylineStore store, string holder) => new(store, holder, Lease, TimeSpan.FromMilliseconds(20), TimeProvider.System);

    /// <summary>Every turn is free: a third process takes and gives back each.</summary>
    private static async Task AllTurnsFreeAsync(IStorylineStore store, IEnumerable<long> stories)
    {
        foreach (var name in stories.Select(IngestFinisher.StoryTurn).Append(IngestFinisher.SpeakersTurn))
        {
            (await store.TryTakeLeaseAsync(name, "checker", Lease)).ShouldBeTrue(name);
            (await store.ReturnLeaseAsync(name, "checker")).ShouldBeTrue(name);
        }
    }

    [SkippableFact]
    public async Task RefreshStories_TwoProcessesAtOnce_EachBriefingWrittenOnce_AndTurnsGivenBack()
    {
        await using var a = await _provider.OpenAsync(_location);
        await using var b = await _provider.OpenAsync(_location);
        var stories = await SeedAsync(a);

        var passes = await Task.WhenAll(
            Task.Run(() => IngestFinisher.For(a).RefreshStoriesAsync(TurnsOf(a, "a"), waitForOthers: true)),
            Task.Run(() => IngestFinisher.For(b).RefreshStoriesAsync(TurnsOf(b, "b"), waitForOthers: true)));

        passes.Sum(p => p.Briefings).ShouldBe(stories.Count);
        passes.ShouldAllBe(p => p.Left == 0);
        foreach (var id in stories) (await a.GetBriefingStampAsync(id)).ShouldNotBeNull();
        await AllTurnsFreeAsync(a, stories);
        // A second pass finds nothing to do.
        (await IngestFinisher.For(a).RefreshStoriesAsync(TurnsOf(a, "a"), waitForOthers: true)).ShouldBe(new StoriesRefresh(0, 0, 0));
    }

    [SkippableFact]
    public async Task RefreshStories_StoryTurnHeldByAnother_LeftWhenNotWaiting_BuiltOnceGivenBackWhenWaiting()
    {
        await using var store = await _provider.OpenAsync(_location);
        var stories = await SeedAsync(store);
        var busy = stories[1];
        (await store.TryTakeLeaseAsync(IngestFinisher.StoryTurn(busy), "other", Lease)).ShouldBeTrue();

        var first = await IngestFinisher.For(store).RefreshStoriesAsync(TurnsOf(store, "a"), waitForOthers: false);
        first.Left.ShouldBe(1);
        first.Briefings.ShouldBe(stories.Count - 1);
        (await store.GetBriefingStampAsync(busy)).ShouldBeNull();

        // Waiting: the other process gives its turn back while this one waits, and this one then builds the story.
        var waits = 0;
        var turns = new ReturningTurns(TurnsOf(store, "a"), async () =>
        {
            waits++;
            (await store.ReturnLeaseAsync(IngestFinisher.StoryTurn(busy), "other")).ShouldBeTrue();
        });
        var second = await IngestFinisher.For(store).RefreshStoriesAsync(turns, waitForOthers: true);
        second.ShouldBe(new StoriesRefresh(Ledgers: 1, Briefings: 1, Left: 0));
        waits.ShouldBe(1);
        (await store.GetBriefingStampAsync(busy)).ShouldNotBeNull();
        await AllTurnsFreeAsync(store, stories);
    }

    /// <summary>Turns whose first wait runs <paramref name="onWait"/> (another process finishing its work).</summary>
    private sealed class ReturningTurns(IWorkTurns inner, Func<Task> onWait) : IWorkTurns
    {
        private bool _waited;

        public Task<IAsyncDisposable?> TryTakeAsync(string name, CancellationToken cancellationToken = default) => inner.TryTakeAsync(name, cancellationToken);

        public async Task WaitAsync(CancellationToken cancellationToken = default)
        {
            if (!_waited) await onWait();
            _waited = true;
        }
    }

    public void Dispose()
    {
        _provider.Release(_location);
        try { Directory.Delete(_location, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The shared stories pass on SQLite.</summary>
public sealed class SqliteStoriesPassTests : StoriesPassTests<SqliteProvider>;

/// <summary>The shared stories pass on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoriesPassTests : StoriesPassTests<PostgresProvider>;
