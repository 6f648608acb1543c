namespace Storyline.Stories;

/// <summary>Options for <see cref="StoryClusterer"/>.</summary>
/// <param name="JoinThreshold">A document joins the most similar story when its similarity reaches this; otherwise it starts a new story.</param>
/// <param name="CentroidWeight">Similarity mixes the story centroid (what the story is about overall) with the nearest member (how it is moving now); stories that run for years drift, so the nearest member matters.</param>
public sealed record StoryClustererOptions(float JoinThreshold = 0.24f, float CentroidWeight = 0.5f);

/// <summary>Groups documents into stories incrementally: each new document joins the most similar existing story or starts its own.</summary>
public sealed class StoryClusterer(StoryClustererOptions options, TermVectorizer vectorizer)
{
    private sealed class Cluster(int id)
    {
        public int Id { get; } = id;
        public List<TermVector> Members { get; } = [];
        public Dictionary<int, float> Sum { get; } = [];
        public TermVector Centroid { get; set; } = TermVector.Empty;
    }

    private readonly List<Cluster> _clusters = [];

    /// <summary>Number of stories so far.</summary>
    public int Count => _clusters.Count;

    /// <summary>Assigns a document to a story and returns the story's index (0-based, in order of creation) and the similarity that decided it.</summary>
    public (int Story, float Similarity) Add(string? title, string text, CancellationToken cancellationToken = default)
    {
        var terms = vectorizer.Terms(title, text);
        vectorizer.Observe(terms);
        var vector = vectorizer.Vectorize(terms);
        Cluster? best = null;
        float bestScore = 0;
        foreach (var cluster in _clusters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var centroid = vector.Dot(cluster.Centroid);
            if (centroid < options.JoinThreshold * 0.5f) continue; // cheap reject before scanning members
            float nearest = 0;
            foreach (var member in cluster.Members) nearest = Math.Max(nearest, vector.Dot(member));
            var score = options.CentroidWeight * centroid + (1 - options.CentroidWeight) * nearest;
            if (score > bestScore) { bestScore = score; best = cluster; }
        }
        if (best is null || bestScore < options.JoinThreshold)
        {
            best = new Cluster(_clusters.Count);
            _clusters.Add(best);
        }
        best.Members.Add(vector);
        for (int i = 0; i < vector.Terms.Length; i++) best.Sum[vector.Terms[i]] = best.Sum.GetValueOrDefault(vector.Terms[i]) + vector.Weights[i];
        best.Centroid = Normalise(best.Sum);
        return (best.Id, bestScore);
    }

    private static TermVector Normalise(Dictionary<int, float> sum)
    {
        var terms = sum.OrderBy(kv => kv.Key).ToArray();
        var norm = MathF.Sqrt(terms.Sum(kv => kv.Value * kv.Value));
        return norm == 0 ? TermVector.Empty : new TermVector([.. terms.Select(kv => kv.Key)], [.. terms.Select(kv => kv.Value / norm)]);
    }
}
