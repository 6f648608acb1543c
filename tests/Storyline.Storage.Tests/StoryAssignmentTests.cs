using System.Text;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Pipeline;
using Storyline.Storage;
using Storyline.Stories;

namespace Storyline.Storage.Tests;

/// <summary>Story assignment through a store's clustering state, run against every provider: it places documents exactly as the in-memory
/// batch path does, one at a time or many at once, with two assigners at once, and over a store assigned before the state was kept.</summary>
public abstract class StoryAssignmentTests<TProvider> : IDisposable where TProvider : IStoreProvider, new()
{
    private readonly string _location = Directory.CreateTempSubdirectory("storyline-stories-").FullName;
    private readonly TProvider _provider = new();
    private readonly DocumentPipeline _pipeline = DocumentPipeline.CreateDefault();

    private static readonly DateTimeOffset July2020 = new(2020, 7, 10, 0, 0, 0, TimeSpan.Zero);

    // Three subjects, told with varying words; the sanctions subject comes back two years later (a new development of the same story).
    private static readonly (string Title, string Text, DateTimeOffset? Published)[] Articles =
    [
        ("US sanctions Xinjiang officials", "Washington imposed sanctions on Chen Quanguo and the Xinjiang police over the detention of Uygurs in camps. Beijing vowed reciprocal action against the sanctions.", July2020),
        ("Meteorite hits Managua", "A small meteorite crashed near the airport in Managua, Nicaragua, leaving a crater, the government of Nicaragua said. Residents heard a loud boom.", null),
        ("China retaliates over Xinjiang sanctions", "Beijing announced reciprocal sanctions after Washington targeted Chen Quanguo and Xinjiang officials over Uygur detention camps.", July2020.AddDays(3)),
        ("Cotton tariffs worry Uzbek growers", "Cotton exporters in Uzbekistan warned that new tariffs on Uzbek cotton would cut shipments, the Tashkent trade ministry said.", null),
        ("Nicaragua crater was a meteorite", "Scientists in Nicaragua confirmed that the crater near the Managua airport was made by a meteorite that fell on Saturday night.", null),
        ("Tashkent seeks tariff talks", "Uzbekistan cotton growers urged talks on the tariffs as exporters in Tashkent counted the cost of lost cotton shipments.", null),
        ("Xinjiang sanctions widen", "Washington widened sanctions over Xinjiang, naming more officials responsible for the detention of Uygurs; Beijing condemned the sanctions on Chen Quanguo.", July2020.AddYears(2)),
        ("Managua meteorite fragments found", "Fragments of the meteorite that hit Managua were found near the crater by scientists from the university of Nicaragua.", null),
    ];

    private NewDocument Make(int i, string text)
    {
        var (title, _, published) = Articles[i];
        var input = new RawInput($"a{i}.txt", null, "text/plain", Encoding.UTF8.GetBytes($"{title}\n\n{text}"), DateTimeOffset.UnixEpoch,
            new InputHints(Published: published));
        return Ingestor.Prepare(input, _pipeline.Process(input));
    }

    private async Task<List<long>> AddAsync(IDocumentStore store, int from, int count)
    {
        var ids = new List<long>();
        for (int i = from; i < from + count; i++) ids.Add((await store.AddAsync(Make(i, Articles[i].Text), 0.7)).DocumentId);
        return ids;
    }

    /// <summary>Story and development of every document as the in-memory batch path places the stored documents in id order.</summary>
    private static async Task<Dictionary<long, (long Story, long Development)>> BatchAsync(IDocumentStore store)
    {
        var clusterer = new TwoLevelClusterer(StoryAssignerOptions.Default, new TermVectorizer(new TermVectorizerOptions(), BackgroundFrequencies.Default));
        var placed = new Dictionary<long, (long Story, long Development)>();
        await foreach (var doc in store.ReadAllAsync())
        {
            (long, long)? follow = doc.DuplicateOf is { } original ? placed[original] : null;
            var p = await clusterer.PlaceAsync(doc.Id, doc.Content.Metadata.Title, doc.Content.Text, PublicationInterval.Of(doc.Content.Metadata.Published), follow, default);
            placed[doc.Id] = (p.Story, p.Development);
        }
        return placed;
    }

    /// <summary>The partition of documents into stories and into developments, whatever the ids: "a-b" for each pair of documents sharing a
    /// story, then "a~b" for each pair sharing a development.</summary>
    private static List<string> Partition(IReadOnlyDictionary<long, (long Story, long Development)> placed) =>
        [.. from a in placed.Keys.Order() from b in placed.Keys.Order() where a < b && placed[a].Story == placed[b].Story select $"{a}-{b}",
         .. from a in placed.Keys.Order() from b in placed.Keys.Order() where a < b && placed[a].Development == placed[b].Development select $"{a}~{b}"];

    private static async Task<Dictionary<long, (long Story, long Development)>> StoredAsync(IDocumentStore store)
    {
        var stories = (IStoryStore)store;
        var placed = new Dictionary<long, (long, long)>();
        foreach (var story in await stories.ListStoriesAsync())
            foreach (var (document, development) in await stories.GetDevelopmentsAsync(story.Id)) placed[document] = (story.Id, development);
        return placed;
    }

    [SkippableFact]
    public async Task AssignPendingAsync_OneDocumentAtATime_SameStoriesAndDevelopmentsAsBatch()
    {
        await using var store = await _provider.OpenAsync(_location);
        var assigner = new StoryAssigner((IStoryStore)store);
        for (int i = 0; i < Articles.Length; i++)
        {
            await AddAsync(store, i, 1);
            (await assigner.AssignPendingAsync()).Count.ShouldBe(1);
        }
        var stored = await StoredAsync(store);
        var batch = await BatchAsync(store);
        stored.Count.ShouldBe(Articles.Length);
        Partition(stored).ShouldBe(Partition(batch));
        // The subjects are apart, and the sanctions two years later are a new development of the same story.
        stored.Values.Select(p => p.Story).Distinct().Count().ShouldBe(3);
        stored[7].Story.ShouldBe(stored[1].Story);
        stored[7].Development.ShouldNotBe(stored[1].Development);
        stored[3].Development.ShouldBe(stored[1].Development);
    }

    [SkippableFact]
    public async Task AssignPendingAsync_UpToAnId_PlacesOnlyThatPrefix_AndTheRestLaterAsOneBatchWould()
    {
        await using var store = await _provider.OpenAsync(_location);
        var ids = await AddAsync(store, 0, Articles.Length);
        var assigner = new StoryAssigner((IStoryStore)store);
        (await assigner.AssignPendingAsync(ids[2])).Select(a => a.Document).ShouldBe(ids.Take(3));
        (await StoredAsync(store)).Keys.Order().ShouldBe(ids.Take(3));
        (await assigner.AssignPendingAsync(ids[2])).ShouldBeEmpty(); // that prefix is placed already
        (await assigner.AssignPendingAsync(ids[^1])).Select(a => a.Document).ShouldBe(ids.Skip(3));
        Partition(await StoredAsync(store)).ShouldBe(Partition(await BatchAsync(store)));
    }

    [SkippableFact]
    public async Task AssignPendingAsync_TwoAssignersAtOnce_EachDocumentOnceAsOneAssignerWould()
    {
        await using (var seed = await _provider.OpenAsync(_location)) await AddAsync(seed, 0, Articles.Length);
        await using var first = await _provider.OpenAsync(_location);
        await using var second = await _provider.OpenAsync(_location);
        var results = await Task.WhenAll(
            Task.Run(() => new StoryAssigner((IStoryStore)first).AssignPendingAsync()),
            Task.Run(() => new StoryAssigner((IStoryStore)second).AssignPendingAsync()));
        results.SelectMany(r => r.Select(a => a.Document)).Order().ShouldBe(Enumerable.Range(1, Articles.Length).Select(i => (long)i));
        var stored = await StoredAsync(first);
        Partition(stored).ShouldBe(Partition(await BatchAsync(first)));
    }

    [SkippableFact]
    public async Task AssignPendingAsync_StoreAssignedBeforeStateWasKept_RebuildsStateAndPlacesLikeBatch()
    {
        await using var store = await _provider.OpenAsync(_location);
        var stories = (IStoryStore)store;
        await AddAsync(store, 0, 6);
        // As an older version left it: memberships without clustering state.
        var storyIds = new Dictionary<long, long>();
        foreach (var (document, (story, development)) in (await BatchAsync(store)).OrderBy(kv => kv.Key))
            storyIds[story] = await stories.AssignStoryAsync(document, storyIds.TryGetValue(story, out var s) ? s : null, development, 0.5, "old");
        await AddAsync(store, 6, Articles.Length - 6);
        (await new StoryAssigner(stories).AssignPendingAsync()).Select(a => a.Document).ShouldBe(Enumerable.Range(7, Articles.Length - 6).Select(i => (long)i));
        Partition(await StoredAsync(store)).ShouldBe(Partition(await BatchAsync(store)));
    }

    public void Dispose()
    {
        _provider.Release(_location);
        try { Directory.Delete(_location, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

/// <summary>Story assignment on SQLite.</summary>
public sealed class SqliteStoryAssignmentTests : StoryAssignmentTests<SqliteProvider>;

/// <summary>Story assignment on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoryAssignmentTests : StoryAssignmentTests<PostgresProvider>;
