namespace Storyline.Stories;

/// <summary>Options for <see cref="StoryClusterer"/>.</summary>
/// <param name="JoinThreshold">A document joins the most similar story when its similarity reaches this; otherwise it starts a new story.</param>
/// <param name="CentroidWeight">Similarity mixes the story centroid (what the story is about overall) with the nearest member (how it is moving now); stories that run for years drift, so the nearest member matters.</param>
/// <param name="MaxTerms">Keep only this many highest-weighted terms of each document at this level (null: the vectorizer's own limit).</param>
/// <param name="MaxGap">When set, a document joins only a cluster whose members' publication dates come within this of its own (see <see cref="DevelopmentSpan"/>).</param>
public sealed record StoryClustererOptions(float JoinThreshold = 0.24f, float CentroidWeight = 0.5f, int? MaxTerms = null, TimeSpan? MaxGap = null);

/// <summary>The story a document was put in.</summary>
/// <param name="Story">The story's key.</param>
/// <param name="Similarity">The similarity that decided it (0 for a new story).</param>
/// <param name="IsNew">True when the document started the story.</param>
public sealed record StoryAssignment(long Story, float Similarity, bool IsNew);

/// <summary>Groups documents into stories incrementally: each new document joins the most similar existing story or starts its own.
/// With <c>observe</c> false the clusterer shares a vectorizer whose frequencies another clusterer updates.</summary>
public sealed class StoryClusterer(StoryClustererOptions options, TermVectorizer vectorizer, bool observe = true)
{
    private sealed class Cluster(long key)
    {
        public long Key { get; } = key;
        public List<(long Document, TermVector Vector)> Members { get; } = [];
        public Dictionary<int, float> Sum { get; } = [];
        public TermVector Centroid { get; set; } = TermVector.Empty;
        public DevelopmentSpan Span { get; set; }
    }

    private readonly List<Cluster> _clusters = [];
    private readonly Dictionary<long, Cluster> _byKey = [];

    /// <summary>Number of stories so far.</summary>
    public int Count => _clusters.Count;

    /// <summary>Assigns a document to the most similar story, or to a new one keyed by <paramref name="newStoryKey"/>;
    /// with <paramref name="knownStory"/> the document is put in that story (rebuilding from a store, or a near-duplicate following its original).</summary>
    public StoryAssignment Add(long document, string? title, string text, Func<long> newStoryKey, long? knownStory = null, CancellationToken cancellationToken = default) =>
        Add(document, title, text, PublicationInterval.Unknown, newStoryKey, knownStory, cancellationToken);

    /// <summary>As <see cref="Add(long, string?, string, Func{long}, long?, CancellationToken)"/>, for a document published in <paramref name="published"/>.</summary>
    public StoryAssignment Add(long document, string? title, string text, PublicationInterval published, Func<long> newStoryKey, long? knownStory = null, CancellationToken cancellationToken = default)
    {
        var terms = vectorizer.Terms(title, text);
        if (observe) vectorizer.Observe(terms);
        var vector = vectorizer.Vectorize(terms, options.MaxTerms);
        if (knownStory is { } known)
        {
            if (!_byKey.TryGetValue(known, out var target)) target = Create(known);
            Join(target, document, vector, published);
            return new StoryAssignment(known, 1f, false);
        }
        Cluster? best = null;
        float bestScore = 0;
        foreach (var cluster in _clusters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Separate events are separate developments however alike their words: coverage published far apart is not one event.
            if (options.MaxGap is { } gap && !cluster.Span.Admits(published, gap)) continue;
            var centroid = vector.Dot(cluster.Centroid);
            if (centroid < options.JoinThreshold * 0.5f) continue; // cheap reject before scanning members
            float nearest = 0;
            foreach (var member in cluster.Members) nearest = Math.Max(nearest, vector.Dot(member.Vector));
            var score = options.CentroidWeight * centroid + (1 - options.CentroidWeight) * nearest;
            if (score > bestScore) { bestScore = score; best = cluster; }
        }
        bool isNew = best is null || bestScore < options.JoinThreshold;
        if (isNew) best = Create(newStoryKey());
        Join(best!, document, vector, published);
        return new StoryAssignment(best!.Key, isNew ? 0 : bestScore, isNew);
    }

    /// <summary>The member document closest to the story's centroid: the one that best says what the story is about.</summary>
    public long Representative(long story)
    {
        var cluster = _byKey[story];
        return cluster.Members.MaxBy(m => m.Vector.Dot(cluster.Centroid)).Document;
    }

    /// <summary>Changes a story's key (a provisional key replaced by the id the store gave the story).</summary>
    public void Rekey(long oldKey, long newKey)
    {
        var cluster = _byKey[oldKey];
        _byKey.Remove(oldKey);
        var renamed = new Cluster(newKey);
        renamed.Members.AddRange(cluster.Members);
        foreach (var kv in cluster.Sum) renamed.Sum[kv.Key] = kv.Value;
        renamed.Centroid = cluster.Centroid;
        renamed.Span = cluster.Span;
        _clusters[_clusters.IndexOf(cluster)] = renamed;
        _byKey[newKey] = renamed;
    }

    private Cluster Create(long key)
    {
        var cluster = new Cluster(key);
        _clusters.Add(cluster);
        _byKey[key] = cluster;
        return cluster;
    }

    private static void Join(Cluster cluster, long document, TermVector vector, PublicationInterval published)
    {
        cluster.Span = cluster.Span.With(published);
        cluster.Members.Add((document, vector));
        for (int i = 0; i < vector.Terms.Length; i++) cluster.Sum[vector.Terms[i]] = cluster.Sum.GetValueOrDefault(vector.Terms[i]) + vector.Weights[i];
        cluster.Centroid = Normalise(cluster.Sum);
    }

    private static TermVector Normalise(Dictionary<int, float> sum)
    {
        var terms = sum.OrderBy(kv => kv.Key).ToArray();
        var norm = MathF.Sqrt(terms.Sum(kv => kv.Value * kv.Value));
        return norm == 0 ? TermVector.Empty : new TermVector([.. terms.Select(kv => kv.Key)], [.. terms.Select(kv => kv.Value / norm)]);
    }
}
