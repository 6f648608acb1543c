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

    // The articles, with a near-duplicate of the first sanctions article among them: it follows its original, placed in the same step.
    private async Task<List<AddResult>> AddAllWithDuplicateAsync(IDocumentStore store, int from, int count)
    {
        var results = new List<AddResult>();
        for (int i = from; i < from + count; i++)
        {
            results.Add(await store.AddAsync(Make(i, Articles[i].Text), 0.7));
            // A low bar: the articles are short, so one changed word moves a large share of their shingles.
            if (i == 2) results.Add(await store.AddAsync(Make(0, Articles[0].Text.Replace("vowed", "promised", StringComparison.Ordinal)), 0.3));
        }
        return results;
    }

    /// <summary>Every placement decision (document, story, development, similarity) in the order made, the stories' titles, and the stored
    /// clustering state as a fresh step reads it back: each story's and development's term sums and members with their vectors.</summary>
    private static async Task<string> OutcomeAsync(IDocumentStore store, RecordingStoryStore recorder)
    {
        var stories = (IStoryStore)store;
        var lines = recorder.Records.Select(r => FormattableString.Invariant($"place {r.Document} {r.Story} {r.Development} {r.Similarity:R}")).ToList();
        var list = (await stories.ListStoriesAsync()).OrderBy(s => s.Id).ToList();
        lines.AddRange(list.Select(s => FormattableString.Invariant($"story {s.Id} {s.Title} {s.Documents}")));
        await using var scope = await stories.BeginStoryAssignmentAsync();
        foreach (var story in list)
        {
            lines.Add(await ClusterAsync(scope, ClusterLevel.Story, story.Id));
            foreach (var development in (await stories.GetDevelopmentsAsync(story.Id)).Values.Distinct().Order())
                lines.Add(await ClusterAsync(scope, ClusterLevel.Development, development));
        }
        return string.Join('\n', lines);
    }

    private static async Task<string> ClusterAsync(IStoryAssignmentScope scope, ClusterLevel level, long key)
    {
        var sums = await scope.SumsAsync(level, key, default);
        var members = await scope.MembersAsync(level, key, default);
        return FormattableString.Invariant($"{level} {key}: ") + string.Join(' ', sums.OrderBy(kv => kv.Key).Select(kv => FormattableString.Invariant($"{kv.Key}={kv.Value:R}")))
            + " | " + string.Join(' ', members.Select(m => FormattableString.Invariant($"{m.Document}:") + string.Join(',', m.Vector.Terms.Zip(m.Vector.Weights, (t, w) => FormattableString.Invariant($"{t}={w:R}")))));
    }

    [SkippableFact]
    public async Task AssignPendingAsync_ManyDocumentsPerStep_SameDecisionsSimilaritiesAndStateAsOneAtATime()
    {
        string single = Path.Combine(_location, "single"), whole = Path.Combine(_location, "whole"), steps = Path.Combine(_location, "steps"),
            split = Path.Combine(_location, "split");
        string[] folders = [single, whole, steps, split];
        foreach (var folder in folders) Directory.CreateDirectory(folder);
        try
        {
            // One document at a time, each in its own step: the placement as it was before steps held many documents.
            await using var one = await _provider.OpenAsync(single);
            var oneRecorder = new RecordingStoryStore((IStoryStore)one);
            for (int i = 0; i < Articles.Length; i++)
            {
                var added = await AddAllWithDuplicateAsync(one, i, 1);
                (await new StoryAssigner(oneRecorder).AssignPendingAsync(null, 1, default)).Count.ShouldBe(added.Count);
            }
            // Every document in one step, and in steps of three.
            await using var all = await _provider.OpenAsync(whole);
            var added2 = await AddAllWithDuplicateAsync(all, 0, Articles.Length);
            added2.Count(a => a.OriginalId is not null).ShouldBe(1);
            var allRecorder = new RecordingStoryStore((IStoryStore)all);
            (await new StoryAssigner(allRecorder).AssignPendingAsync()).Count.ShouldBe(Articles.Length + 1);
            await using var some = await _provider.OpenAsync(steps);
            await AddAllWithDuplicateAsync(some, 0, Articles.Length);
            var someRecorder = new RecordingStoryStore((IStoryStore)some);
            (await new StoryAssigner(someRecorder).AssignPendingAsync(null, 3, default)).Count.ShouldBe(Articles.Length + 1);
            allRecorder.Steps.ShouldBe(1);
            someRecorder.Steps.ShouldBe(4); // 9 documents in steps of 3, and the step that finds none left

            var expected = await OutcomeAsync(one, oneRecorder);
            (await OutcomeAsync(all, allRecorder)).ShouldBe(expected);
            (await OutcomeAsync(some, someRecorder)).ShouldBe(expected);
            // Two documents first, then the rest in one step: that step joins stored clusters and reads them again after it changed them.
            await using var twice = await _provider.OpenAsync(split);
            var firstTwo = (await AddAllWithDuplicateAsync(twice, 0, Articles.Length))[1].DocumentId;
            var twiceRecorder = new RecordingStoryStore((IStoryStore)twice);
            (await new StoryAssigner(twiceRecorder).AssignPendingAsync(firstTwo)).Count.ShouldBe(2);
            (await new StoryAssigner(twiceRecorder).AssignPendingAsync()).Count.ShouldBe(Articles.Length - 1);
            (await OutcomeAsync(twice, twiceRecorder)).ShouldBe(expected);
            // The decisions are the in-memory reference's, similarities included.
            var clusterer = new TwoLevelClusterer(StoryAssignerOptions.Default, new TermVectorizer(new TermVectorizerOptions(), BackgroundFrequencies.Default));
            var reference = new List<string>();
            var placed = new Dictionary<long, (long Story, long Development)>();
            await foreach (var doc in all.ReadAllAsync())
            {
                var p = await clusterer.PlaceAsync(doc.Id, doc.Content.Metadata.Title, doc.Content.Text, PublicationInterval.Of(doc.Content.Metadata.Published),
                    doc.DuplicateOf is { } original ? placed[original] : null, default);
                placed[doc.Id] = (p.Story, p.Development);
                reference.Add(FormattableString.Invariant($"place {doc.Id} {p.Story} {p.Development} {(double)p.Similarity:R}"));
            }
            allRecorder.Records.Select(r => FormattableString.Invariant($"place {r.Document} {r.Story} {r.Development} {r.Similarity:R}")).ShouldBe(reference);
            // A later document sees the same state either way.
            const string Later = "Scientists studying the Managua crater published what the meteorite fragments found near the airport in Nicaragua are made of.";
            (await one.AddAsync(Make(1, Later), 0.7)).OriginalId.ShouldBeNull();
            (await all.AddAsync(Make(1, Later), 0.7)).OriginalId.ShouldBeNull();
            await new StoryAssigner(oneRecorder).AssignPendingAsync();
            await new StoryAssigner(allRecorder).AssignPendingAsync();
            allRecorder.Records[^1].ShouldBe(oneRecorder.Records[^1]);
        }
        finally
        {
            foreach (var folder in folders) _provider.Release(folder);
        }
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

/// <summary>A story store that passes everything to another and records the placements its assignment steps make, in order.</summary>
internal sealed class RecordingStoryStore(IStoryStore inner) : IStoryStore
{
    /// <summary>Each recorded placement.</summary>
    public List<(long Document, long Story, long Development, double Similarity)> Records { get; } = [];

    /// <summary>How many assignment steps committed.</summary>
    public int Steps { get; private set; }

    public async Task<IStoryAssignmentScope> BeginStoryAssignmentAsync(CancellationToken cancellationToken = default) =>
        new Scope(await inner.BeginStoryAssignmentAsync(cancellationToken), this);

    public Task<IReadOnlyList<PendingStoryDocument>> PeekPendingAsync(long? upTo, int limit, CancellationToken cancellationToken = default) => inner.PeekPendingAsync(upTo, limit, cancellationToken);
    public Task<IReadOnlyList<StoryIndexEntry>> ReadStoryIndexAsync(CancellationToken cancellationToken = default) => inner.ReadStoryIndexAsync(cancellationToken);
    public Task<long> AssignStoryAsync(long documentId, long? storyId, long developmentId, double similarity, string newStoryTitle, CancellationToken cancellationToken = default) =>
        inner.AssignStoryAsync(documentId, storyId, developmentId, similarity, newStoryTitle, cancellationToken);
    public Task<IReadOnlyDictionary<long, long>> GetDevelopmentsAsync(long storyId, CancellationToken cancellationToken = default) => inner.GetDevelopmentsAsync(storyId, cancellationToken);
    public Task SetStoryTitleAsync(long storyId, string title, CancellationToken cancellationToken = default) => inner.SetStoryTitleAsync(storyId, title, cancellationToken);
    public Task<IReadOnlyList<StoryInfo>> ListStoriesAsync(CancellationToken cancellationToken = default) => inner.ListStoriesAsync(cancellationToken);
    public Task<StoryInfo?> GetStoryAsync(long storyId, CancellationToken cancellationToken = default) => inner.GetStoryAsync(storyId, cancellationToken);
    public Task<IReadOnlyList<long>> GetStoryDocumentIdsAsync(long storyId, CancellationToken cancellationToken = default) => inner.GetStoryDocumentIdsAsync(storyId, cancellationToken);

    private sealed class Scope(IStoryAssignmentScope inner, RecordingStoryStore owner) : IStoryAssignmentScope
    {
        private readonly List<(long, long, long, double)> _records = [];

        public Task<IReadOnlyList<PendingStoryDocument>> PendingAsync(long? upTo, int limit, CancellationToken cancellationToken = default) => inner.PendingAsync(upTo, limit, cancellationToken);
        public Task PrepareTermsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default) => inner.PrepareTermsAsync(terms, cancellationToken);
        public Task<long> CreateStoryAsync(string title, CancellationToken cancellationToken = default) => inner.CreateStoryAsync(title, cancellationToken);
        public Task RecordAsync(long documentId, long storyId, long developmentId, double similarity, CancellationToken cancellationToken = default)
        {
            _records.Add((documentId, storyId, developmentId, similarity));
            return inner.RecordAsync(documentId, storyId, developmentId, similarity, cancellationToken);
        }
        public Task<string?> TitleOfAsync(long documentId, CancellationToken cancellationToken = default) => inner.TitleOfAsync(documentId, cancellationToken);
        public Task SetStoryTitleAsync(long storyId, string title, CancellationToken cancellationToken = default) => inner.SetStoryTitleAsync(storyId, title, cancellationToken);
        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            await inner.CommitAsync(cancellationToken);
            owner.Records.AddRange(_records);
            owner.Steps++;
        }
        public ValueTask<TermStatistics> ObserveAsync(IReadOnlyList<string> terms, CancellationToken cancellationToken) => inner.ObserveAsync(terms, cancellationToken);
        public ValueTask<IReadOnlyList<ClusterMatch>> ClustersSharingAsync(ClusterLevel level, TermVector vector, IReadOnlyCollection<int> probe, CancellationToken cancellationToken) =>
            inner.ClustersSharingAsync(level, vector, probe, cancellationToken);
        public ValueTask<IReadOnlyList<ClusterMember>> MembersAsync(ClusterLevel level, long cluster, CancellationToken cancellationToken) => inner.MembersAsync(level, cluster, cancellationToken);
        public ValueTask<IReadOnlyDictionary<int, double>> SumsAsync(ClusterLevel level, long cluster, CancellationToken cancellationToken) => inner.SumsAsync(level, cluster, cancellationToken);
        public ValueTask JoinAsync(ClusterLevel level, long cluster, long story, long document, TermVector vector, PublicationInterval published, CancellationToken cancellationToken) =>
            inner.JoinAsync(level, cluster, story, document, vector, published, cancellationToken);
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
