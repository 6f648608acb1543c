using System.Buffers.Binary;

namespace Storyline.Stories;

/// <summary>The two levels of story clustering.</summary>
public enum ClusterLevel
{
    /// <summary>Developments: one event or turn of a story.</summary>
    Development = 0,
    /// <summary>Stories: a subject that runs for years.</summary>
    Story = 1,
}

/// <summary>A cluster as one document sees it: enough to score the document against its centroid without reading the rest of it.</summary>
/// <param name="Key">The cluster's key: a development's first document, or a story's id.</param>
/// <param name="Story">The story a development belongs to (a story's own id at the story level).</param>
/// <param name="NormSquared">Squared L2 norm of the cluster's term sums (the centroid is the sums divided by its root).</param>
/// <param name="Sums">The cluster's term sums for the document's terms only.</param>
/// <param name="Span">The time its members were published in.</param>
public sealed record ClusterMatch(long Key, long Story, double NormSquared, IReadOnlyDictionary<int, double> Sums, DevelopmentSpan Span);

/// <summary>A member document with its vector at one level.</summary>
public sealed record ClusterMember(long Document, TermVector Vector);

/// <summary>The stored clustering state story assignment reads and updates, one document at a time: term statistics and, per cluster,
/// its term sums, norm, time span and members' vectors. Placing a document reads only the parts its own terms reach.</summary>
public interface IStoryClusterState
{
    /// <summary>Counts a document's distinct terms into the document frequencies (terms not seen before get the next ids, in the order given)
    /// and returns their statistics, this document included.</summary>
    ValueTask<TermStatistics> ObserveAsync(IReadOnlyList<string> terms, CancellationToken cancellationToken);

    /// <summary>Clusters of <paramref name="level"/> holding any of the <paramref name="probe"/> terms, oldest first, with their sums for every
    /// term of <paramref name="vector"/>.</summary>
    ValueTask<IReadOnlyList<ClusterMatch>> ClustersSharingAsync(ClusterLevel level, TermVector vector, IReadOnlyCollection<int> probe, CancellationToken cancellationToken);

    /// <summary>A cluster's members with their vectors at that level, in document order.</summary>
    ValueTask<IReadOnlyList<ClusterMember>> MembersAsync(ClusterLevel level, long cluster, CancellationToken cancellationToken);

    /// <summary>Every term sum of a cluster.</summary>
    ValueTask<IReadOnlyDictionary<int, double>> SumsAsync(ClusterLevel level, long cluster, CancellationToken cancellationToken);

    /// <summary>Adds a document to a cluster (creating it), as <see cref="ClusterArithmetic.Join"/> computes, and keeps its vector.</summary>
    ValueTask JoinAsync(ClusterLevel level, long cluster, long story, long document, TermVector vector, PublicationInterval published, CancellationToken cancellationToken);
}

/// <summary>The arithmetic every <see cref="IStoryClusterState"/> shares, so that a stored state and one in memory place documents identically.</summary>
public static class ClusterArithmetic
{
    /// <summary>The new sums of <paramref name="vector"/>'s terms and the change of the squared norm when it joins a cluster whose sums
    /// for those terms are <paramref name="oldSums"/> (absent terms are 0). Updating the norm by the change, rather than recomputing it
    /// over every term, is what keeps joining a large cluster cheap.</summary>
    public static (double[] NewSums, double NormSquaredChange) Join(IReadOnlyDictionary<int, double> oldSums, TermVector vector)
    {
        var sums = new double[vector.Terms.Length];
        double change = 0;
        for (int i = 0; i < sums.Length; i++)
        {
            var old = oldSums.GetValueOrDefault(vector.Terms[i]);
            sums[i] = old + vector.Weights[i];
            change += sums[i] * sums[i] - old * old;
        }
        return (sums, change);
    }

    /// <summary>Cosine similarity of a normalised vector with a cluster's centroid, from the cluster's sums of the vector's terms.</summary>
    public static double CentroidSimilarity(TermVector vector, IReadOnlyDictionary<int, double> sums, double normSquared)
    {
        if (normSquared <= 0) return 0;
        double dot = 0;
        for (int i = 0; i < vector.Terms.Length; i++)
            if (sums.TryGetValue(vector.Terms[i], out var sum)) dot += vector.Weights[i] * sum;
        return dot / Math.Sqrt(normSquared);
    }

    /// <summary>A vector as bytes: the term count, the ids, then the weights, little-endian.</summary>
    public static byte[] ToBytes(TermVector vector)
    {
        var bytes = new byte[4 + vector.Terms.Length * 8];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, vector.Terms.Length);
        for (int i = 0; i < vector.Terms.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 + i * 4), vector.Terms[i]);
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 + (vector.Terms.Length + i) * 4), vector.Weights[i]);
        }
        return bytes;
    }

    /// <summary>A vector written by <see cref="ToBytes"/>.</summary>
    public static TermVector FromBytes(byte[] bytes)
    {
        var n = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var terms = new int[n];
        var weights = new float[n];
        for (int i = 0; i < n; i++)
        {
            terms[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4 + i * 4));
            weights[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 + (n + i) * 4));
        }
        return n == 0 ? TermVector.Empty : new TermVector(terms, weights);
    }
}

/// <summary>Clustering state held in memory: the batch path (benchmarks, tests) and the reference a stored state must agree with.</summary>
public sealed class InMemoryStoryState : IStoryClusterState
{
    private sealed class Cluster(long key, long story)
    {
        public long Key { get; } = key;
        public long Story { get; } = story;
        public double NormSquared { get; set; }
        public Dictionary<int, double> Sums { get; } = [];
        public DevelopmentSpan Span { get; set; }
        public List<ClusterMember> Members { get; } = [];
    }

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<int> _frequencies = [];
    private int _documents;
    private readonly SortedDictionary<long, Cluster>[] _clusters = [new(), new()];
    // Term id to the clusters holding it, per level: what lets a document reach only the clusters it shares terms with.
    private readonly Dictionary<int, HashSet<long>>[] _postings = [new(), new()];

    /// <inheritdoc />
    public ValueTask<TermStatistics> ObserveAsync(IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        _documents++;
        var stats = new Dictionary<string, TermStatistic>(terms.Count, StringComparer.Ordinal);
        foreach (var term in terms)
        {
            if (!_ids.TryGetValue(term, out var id))
            {
                id = _ids.Count;
                _ids[term] = id;
                _frequencies.Add(0);
            }
            stats[term] = new TermStatistic(id, ++_frequencies[id]);
        }
        return ValueTask.FromResult(new TermStatistics(_documents, stats));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ClusterMatch>> ClustersSharingAsync(ClusterLevel level, TermVector vector, IReadOnlyCollection<int> probe, CancellationToken cancellationToken)
    {
        var keys = new SortedSet<long>();
        foreach (var term in probe)
            if (_postings[(int)level].TryGetValue(term, out var holders)) keys.UnionWith(holders);
        IReadOnlyList<ClusterMatch> matches = [.. keys.Select(k =>
        {
            var c = _clusters[(int)level][k];
            var sums = new Dictionary<int, double>();
            foreach (var term in vector.Terms)
                if (c.Sums.TryGetValue(term, out var sum)) sums[term] = sum;
            return new ClusterMatch(c.Key, c.Story, c.NormSquared, sums, c.Span);
        })];
        return ValueTask.FromResult(matches);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ClusterMember>> MembersAsync(ClusterLevel level, long cluster, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ClusterMember>>(_clusters[(int)level][cluster].Members);

    /// <inheritdoc />
    public ValueTask<IReadOnlyDictionary<int, double>> SumsAsync(ClusterLevel level, long cluster, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyDictionary<int, double>>(_clusters[(int)level][cluster].Sums);

    /// <inheritdoc />
    public ValueTask JoinAsync(ClusterLevel level, long cluster, long story, long document, TermVector vector, PublicationInterval published, CancellationToken cancellationToken)
    {
        var clusters = _clusters[(int)level];
        if (!clusters.TryGetValue(cluster, out var c)) clusters[cluster] = c = new Cluster(cluster, story);
        var (sums, change) = ClusterArithmetic.Join(c.Sums, vector);
        for (int i = 0; i < sums.Length; i++)
        {
            c.Sums[vector.Terms[i]] = sums[i];
            var postings = _postings[(int)level];
            if (!postings.TryGetValue(vector.Terms[i], out var holders)) postings[vector.Terms[i]] = holders = [];
            holders.Add(cluster);
        }
        c.NormSquared += change;
        c.Span = c.Span.With(published);
        c.Members.Add(new ClusterMember(document, vector));
        return ValueTask.CompletedTask;
    }
}
