using Storyline.Storage;

namespace Storyline.Stories;

/// <summary>Options for <see cref="StoryAssigner"/>.</summary>
/// <param name="Development">Clustering of documents into developments: one event or turn of the story (tuned on FNC-1, where related bodies form one event), never spanning coverage published weeks apart.</param>
/// <param name="Story">Clustering of new developments into stories: a subject that runs for years (sanctions in 2020, a UN report in 2022 and a visit in 2025 are one story), so the bar is lower.</param>
public sealed record StoryAssignerOptions(StoryClustererOptions Development, StoryClustererOptions Story)
{
    /// <summary>Developments at the FNC-tuned threshold within three weeks of each other; stories at a broader threshold over each
    /// document's 60 strongest terms (tuned on FNC-1 training: a story is what its articles are most about, so sharing the long tail of a
    /// broad subject's vocabulary, as ISIS or Apple coverage does, does not chain separate stories together).</summary>
    public static StoryAssignerOptions Default { get; } = new(
        new StoryClustererOptions(MaxGap: TimeSpan.FromDays(21)),
        new StoryClustererOptions(JoinThreshold: 0.19f, MaxTerms: 60));
}

/// <summary>Assigns stored documents that have no story yet: rebuilds both clusterings from the store's existing assignments, then
/// puts each new document in a development (joining an existing one or starting it) and each new development in a story.
/// Near-duplicates follow their original.</summary>
public sealed class StoryAssigner(IStoryStore store, StoryAssignerOptions? options = null, TermVectorizerOptions? vectorOptions = null)
{
    private readonly StoryAssignerOptions _options = options ?? StoryAssignerOptions.Default;

    /// <summary>Assigns every unassigned document; returns the (document, story) pairs assigned now.</summary>
    public async Task<IReadOnlyList<(long Document, long Story)>> AssignPendingAsync(CancellationToken cancellationToken = default)
    {
        var index = await store.ReadStoryIndexAsync(cancellationToken).ConfigureAwait(false);
        if (index.All(e => e.StoryId is not null)) return [];
        // One vectorizer: both levels see the same term statistics.
        var vectorizer = new TermVectorizer(vectorOptions ?? new TermVectorizerOptions(), BackgroundFrequencies.Default);
        var levels = new TwoLevelClusterer(_options, vectorizer);
        var placed = index.Where(e => e.StoryId is not null).ToDictionary(e => e.DocumentId, e => (Story: e.StoryId!.Value, Development: e.DevelopmentId ?? e.DocumentId));
        var titles = index.ToDictionary(e => e.DocumentId, e => e.Title);
        var assigned = new List<(long, long)>();
        var touched = new HashSet<long>();
        foreach (var entry in index)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.StoryId is { } knownStory)
            {
                levels.Restore(entry.DocumentId, entry.Title, entry.Text, PublicationInterval.Of(entry.Published), knownStory, entry.DevelopmentId ?? entry.DocumentId, cancellationToken);
                continue;
            }
            (long Story, long Development)? follow = entry.DuplicateOf is { } original && placed.TryGetValue(original, out var o) ? o : null;
            var result = levels.Place(entry.DocumentId, entry.Title, entry.Text, PublicationInterval.Of(entry.Published), follow, cancellationToken);
            var story = await store.AssignStoryAsync(entry.DocumentId, result.NewStory ? null : result.Story, result.Development, result.Similarity,
                entry.Title ?? "Untitled story", cancellationToken).ConfigureAwait(false);
            if (result.NewStory) levels.RekeyStory(result.Story, story);
            placed[entry.DocumentId] = (story, result.Development);
            assigned.Add((entry.DocumentId, story));
            touched.Add(story);
        }
        foreach (var story in touched)
        {
            var title = titles[levels.RepresentativeOfStory(story)];
            if (!string.IsNullOrWhiteSpace(title)) await store.SetStoryTitleAsync(story, title, cancellationToken).ConfigureAwait(false);
        }
        return assigned;
    }
}

/// <summary>Documents into developments, and new developments into stories.</summary>
public sealed class TwoLevelClusterer(StoryAssignerOptions options, TermVectorizer vectorizer)
{
    private readonly StoryClusterer _developments = new(options.Development, vectorizer, observe: true);
    private readonly StoryClusterer _stories = new(options.Story, vectorizer, observe: false);
    private readonly Dictionary<long, long> _storyOfDevelopment = [];
    private long _provisional;

    /// <summary>Where a document was placed.</summary>
    public sealed record Placement(long Story, long Development, float Similarity, bool NewStory);

    /// <summary>Re-adds a document whose story and development are already known.</summary>
    public void Restore(long document, string? title, string text, PublicationInterval published, long story, long development, CancellationToken cancellationToken)
    {
        _developments.Add(document, title, text, published, () => development, development, cancellationToken);
        _stories.Add(document, title, text, published, () => story, story, cancellationToken);
        _storyOfDevelopment[development] = story;
    }

    /// <summary>Places a new document; <paramref name="follow"/> puts a near-duplicate with its original. A new story gets a provisional (negative) key: see <see cref="RekeyStory"/>.</summary>
    public Placement Place(long document, string? title, string text, PublicationInterval published, (long Story, long Development)? follow, CancellationToken cancellationToken)
    {
        if (follow is { } f)
        {
            Restore(document, title, text, published, f.Story, f.Development, cancellationToken);
            return new Placement(f.Story, f.Development, 1f, false);
        }
        var development = _developments.Add(document, title, text, published, () => document, null, cancellationToken);
        if (!development.IsNew)
        {
            var story = _storyOfDevelopment[development.Story];
            _stories.Add(document, title, text, published, () => story, story, cancellationToken);
            return new Placement(story, development.Story, development.Similarity, false);
        }
        var provisional = --_provisional;
        var placed = _stories.Add(document, title, text, published, () => provisional, null, cancellationToken);
        _storyOfDevelopment[development.Story] = placed.Story;
        return new Placement(placed.Story, development.Story, placed.Similarity, placed.IsNew);
    }

    /// <summary>Replaces a provisional story key by the id the store gave it.</summary>
    public void RekeyStory(long provisional, long story)
    {
        _stories.Rekey(provisional, story);
        foreach (var key in _storyOfDevelopment.Where(kv => kv.Value == provisional).Select(kv => kv.Key).ToList()) _storyOfDevelopment[key] = story;
    }

    /// <summary>The document that best represents a story.</summary>
    public long RepresentativeOfStory(long story) => _stories.Representative(story);
}
