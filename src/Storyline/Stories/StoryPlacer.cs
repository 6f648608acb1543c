namespace Storyline.Stories;

/// <summary>Options for one level of story clustering.</summary>
/// <param name="JoinThreshold">A document joins the most similar cluster when its similarity reaches this; otherwise it starts a new one.</param>
/// <param name="CentroidWeight">Similarity mixes the centroid (what the cluster is about overall) with the nearest member (how it is moving now); stories that run for years drift, so the nearest member matters.</param>
/// <param name="MaxTerms">Keep only this many highest-weighted terms of each document at this level (null: the vectorizer's own limit).</param>
/// <param name="MaxGap">When set, a document joins only a cluster whose members' publication dates come within this of its own (see <see cref="DevelopmentSpan"/>).</param>
/// <param name="ProbeTerms">Candidate clusters are those holding one of the document's this many strongest terms (null: any of its terms). A
/// cluster sharing only the document's weak terms cannot reach the threshold, and the weak terms are the common ones, held by most
/// clusters: probing them would make each placement read a share of the whole store.</param>
public sealed record StoryClustererOptions(float JoinThreshold = 0.24f, float CentroidWeight = 0.5f, int? MaxTerms = null, TimeSpan? MaxGap = null, int? ProbeTerms = 30);

/// <summary>Options for story assignment.</summary>
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

/// <summary>Where a document goes, decided before anything is written: the development and story it joins (null: it starts one).</summary>
/// <param name="Development">The development joined, or null for a new one (keyed by the document).</param>
/// <param name="Story">The story joined, or null for a new one.</param>
/// <param name="Similarity">The similarity that decided it (0 for a new story, 1 for a document that follows a known placement).</param>
/// <param name="DevelopmentVector">The document's vector at the development level.</param>
/// <param name="StoryVector">The document's vector at the story level.</param>
/// <param name="Published">When it was published.</param>
public sealed record PlacementDecision(long? Development, long? Story, float Similarity, TermVector DevelopmentVector, TermVector StoryVector, PublicationInterval Published);

/// <summary>Places one document at a time into developments and stories over an <see cref="IStoryClusterState"/>: the document joins the
/// most similar development (or starts one); a new development joins the most similar story (or starts one). Reads only the clusters
/// that share the document's terms, so its cost does not depend on how many documents are stored.</summary>
public sealed class StoryPlacer(StoryAssignerOptions options, TermVectorizer vectorizer)
{
    /// <summary>Counts the document's terms into <paramref name="state"/> and decides where it goes; <paramref name="known"/> (a near-duplicate
    /// following its original, or a document placed before its state was kept) fixes its development and story.</summary>
    public Task<PlacementDecision> DecideAsync(IStoryClusterState state, string? title, string text, PublicationInterval published,
        (long Story, long Development)? known, CancellationToken cancellationToken) =>
        DecideAsync(state, vectorizer.Terms(title, text), published, known, cancellationToken);

    /// <summary>As <see cref="DecideAsync(IStoryClusterState, string?, string, PublicationInterval, ValueTuple{long, long}?, CancellationToken)"/>,
    /// given the document's term counts (<see cref="Terms"/>).</summary>
    public async Task<PlacementDecision> DecideAsync(IStoryClusterState state, IReadOnlyDictionary<string, float> terms, PublicationInterval published,
        (long Story, long Development)? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var statistics = await state.ObserveAsync([.. terms.Keys], cancellationToken).ConfigureAwait(false);
        var developmentVector = vectorizer.Vectorize(terms, statistics, options.Development.MaxTerms);
        var storyVector = vectorizer.Vectorize(terms, statistics, options.Story.MaxTerms);
        if (known is { } k) return new PlacementDecision(k.Development, k.Story, 1f, developmentVector, storyVector, published);
        var (development, similarity) = await BestAsync(state, ClusterLevel.Development, options.Development, developmentVector, published, cancellationToken).ConfigureAwait(false);
        if (development is { } d) return new PlacementDecision(d.Key, d.Story, similarity, developmentVector, storyVector, published);
        var (story, storySimilarity) = await BestAsync(state, ClusterLevel.Story, options.Story, storyVector, published, cancellationToken).ConfigureAwait(false);
        return new PlacementDecision(null, story?.Key, story is null ? 0 : storySimilarity, developmentVector, storyVector, published);
    }

    /// <summary>A document's term counts, as <see cref="DecideAsync(IStoryClusterState, IReadOnlyDictionary{string, float}, PublicationInterval, ValueTuple{long, long}?, CancellationToken)"/> takes them.</summary>
    public Dictionary<string, float> Terms(string? title, string text) => vectorizer.Terms(title, text);

    /// <summary>Puts the document where <paramref name="decision"/> says, in the story <paramref name="story"/> (the decided one, or the id a new story got).</summary>
    public async Task ApplyAsync(IStoryClusterState state, long document, PlacementDecision decision, long story, CancellationToken cancellationToken)
    {
        await state.JoinAsync(ClusterLevel.Development, decision.Development ?? document, story, document, decision.DevelopmentVector, decision.Published, cancellationToken).ConfigureAwait(false);
        await state.JoinAsync(ClusterLevel.Story, story, story, document, decision.StoryVector, decision.Published, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The member document closest to a story's centroid: the one that best says what the story is about.</summary>
    public static async Task<long> RepresentativeAsync(IStoryClusterState state, long story, CancellationToken cancellationToken)
    {
        var sums = await state.SumsAsync(ClusterLevel.Story, story, cancellationToken).ConfigureAwait(false);
        var members = await state.MembersAsync(ClusterLevel.Story, story, cancellationToken).ConfigureAwait(false);
        // The centroid's norm is the same for every member, so the dot with the sums ranks them alike.
        return members.MaxBy(m => ClusterArithmetic.CentroidSimilarity(m.Vector, sums, 1))!.Document;
    }

    private static async Task<(ClusterMatch? Cluster, float Similarity)> BestAsync(IStoryClusterState state, ClusterLevel level, StoryClustererOptions levelOptions,
        TermVector vector, PublicationInterval published, CancellationToken cancellationToken)
    {
        ClusterMatch? best = null;
        double bestScore = 0;
        int[] probe = levelOptions.ProbeTerms is { } k && k < vector.Terms.Length
            ? [.. Enumerable.Range(0, vector.Terms.Length).OrderByDescending(i => vector.Weights[i]).Take(k).Select(i => vector.Terms[i])]
            : vector.Terms;
        foreach (var cluster in await state.ClustersSharingAsync(level, vector, probe, cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Separate events are separate developments however alike their words: coverage published far apart is not one event.
            if (levelOptions.MaxGap is { } gap && !cluster.Span.Admits(published, gap)) continue;
            var centroid = ClusterArithmetic.CentroidSimilarity(vector, cluster.Sums, cluster.NormSquared);
            if (centroid < levelOptions.JoinThreshold * 0.5) continue; // cheap reject before reading members
            double nearest = 0;
            foreach (var member in await state.MembersAsync(level, cluster.Key, cancellationToken).ConfigureAwait(false)) nearest = Math.Max(nearest, vector.Dot(member.Vector));
            var score = levelOptions.CentroidWeight * centroid + (1 - levelOptions.CentroidWeight) * nearest;
            if (score > bestScore) { bestScore = score; best = cluster; }
        }
        return best is null || bestScore < levelOptions.JoinThreshold ? (null, 0) : (best, (float)bestScore);
    }
}

/// <summary>Documents into developments, and new developments into stories, in memory: the batch path of benchmarks and tests, giving
/// the same placements as assignment through a store for the same documents in the same order.</summary>
public sealed class TwoLevelClusterer(StoryAssignerOptions options, TermVectorizer vectorizer)
{
    private readonly InMemoryStoryState _state = new();
    private readonly StoryPlacer _placer = new(options, vectorizer);
    private long _stories;

    /// <summary>Where a document was placed.</summary>
    public sealed record Placement(long Story, long Development, float Similarity, bool NewStory);

    /// <summary>Places a document; <paramref name="follow"/> puts a near-duplicate with its original. New stories are numbered 1, 2, … in order.</summary>
    public async Task<Placement> PlaceAsync(long document, string? title, string text, PublicationInterval published, (long Story, long Development)? follow, CancellationToken cancellationToken)
    {
        var decision = await _placer.DecideAsync(_state, title, text, published, follow, cancellationToken).ConfigureAwait(false);
        var story = decision.Story ?? ++_stories;
        await _placer.ApplyAsync(_state, document, decision, story, cancellationToken).ConfigureAwait(false);
        return new Placement(story, decision.Development ?? document, decision.Similarity, decision.Story is null);
    }

    /// <summary>The document that best represents a story.</summary>
    public Task<long> RepresentativeOfStoryAsync(long story, CancellationToken cancellationToken) => StoryPlacer.RepresentativeAsync(_state, story, cancellationToken);
}
