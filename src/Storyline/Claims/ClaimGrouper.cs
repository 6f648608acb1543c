using Storyline.Language.Embeddings;

namespace Storyline.Claims;

/// <summary>A statement that may carry a claim: its text, unit vector (null when not embedded), the speaker's camp, date and key terms or entity names.</summary>
public sealed record ClaimCandidate(long Id, string Text, float[]? Vector, string Camp, DateTimeOffset? Published, IReadOnlyList<string> KeyTerms);

/// <summary>A statement of a claim with its stance toward the claim's label and its similarity to the label statement.</summary>
public sealed record ClaimMember(ClaimCandidate Statement, Stance Stance, float Similarity);

/// <summary>Statements bearing on one proposition: a label (the most representative statement, shortened), when it was first seen, its members and whether camps take opposite sides.</summary>
public sealed record Claim(string Label, long LabelId, DateTimeOffset? FirstSeen, IReadOnlyList<ClaimMember> Members, bool Contested)
{
    /// <summary>Each camp's position: the most frequent of asserts and denies/questions among its members, else reports (camps with no name left out).</summary>
    public IReadOnlyDictionary<string, Stance> Camps => ClaimGrouper.CampStances(Members);
}

/// <summary>Grouping settings.</summary>
public sealed record ClaimGroupingOptions
{
    /// <summary>Two groups merge while their average pairwise similarity is at least this.</summary>
    public float Threshold { get; init; } = 0.5f; // chosen with the weight on FNC-1 training headlines (claims bench)

    /// <summary>Share of the similarity from embeddings (the rest from key terms and content words): 1 = embeddings only, 0 = lexical only.</summary>
    public float EmbeddingWeight { get; init; } = 0.8f;

    /// <summary>Groups smaller than this are not claims (a claim nobody else repeats or disputes is left out of the ledger).</summary>
    public int MinMembers { get; init; } = 2;

    /// <summary>Label length limit in characters (cut at a word).</summary>
    public int MaxLabelLength { get; init; } = 120;
}

/// <summary>Groups the statements of one story into claims (average-linkage clustering over embedding and key-term similarity) and gives each member's stance from the stance model. Pure: same input, same output.</summary>
public static class ClaimGrouper
{
    /// <summary>Claims of <paramref name="candidates"/>, contested ones first, then by size and first date. Missing vectors are embedded with <paramref name="embedder"/> (MiniLM by default); members the stance model finds unrelated to the label leave the claim.</summary>
    public static IReadOnlyList<Claim> Group(IReadOnlyList<ClaimCandidate> candidates, StanceClassifier classifier, ClaimGroupingOptions? options = null,
        ISentenceEmbedder? embedder = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(classifier);
        options ??= new ClaimGroupingOptions();
        var usable = candidates.Where(c => !string.IsNullOrWhiteSpace(c.Text)).ToList();
        if (usable.Count == 0) return [];
        var missing = Enumerable.Range(0, usable.Count).Where(i => usable[i].Vector is not { } v || v.Length != classifier.Dimensions).ToList();
        if (missing.Count > 0)
        {
            var vectors = (embedder ?? MiniLmEmbedder.Default).Embed([.. missing.Select(i => usable[i].Text)], cancellationToken);
            for (int k = 0; k < missing.Count; k++) usable[missing[k]] = usable[missing[k]] with { Vector = vectors[k] };
        }
        var features = usable.Select(Features).ToList();
        var sims = Similarities(features, options);
        var claims = new List<Claim>();
        foreach (var group in Cluster(sims, options.Threshold))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (group.Count < options.MinMembers) continue;
            // The medoid states the claim best: the member most similar on average to the others (earliest on ties).
            int label = group.OrderByDescending(i => group.Where(j => j != i).Sum(j => sims[i][j])).ThenBy(i => usable[i].Published ?? DateTimeOffset.MaxValue).ThenBy(i => usable[i].Id).First();
            var claimDoc = StanceDocument.FromSentences([usable[label].Text], [usable[label].Vector!]);
            var members = new List<ClaimMember>();
            foreach (var i in group)
            {
                var doc = StanceDocument.FromSentences([usable[i].Text], [usable[i].Vector!]);
                var stance = classifier.Classify(claimDoc, doc).Stance;
                if (i == label && stance == Stance.Unrelated) stance = Stance.Asserts; // the label states its own claim
                if (stance != Stance.Unrelated) members.Add(new ClaimMember(usable[i], stance, i == label ? 1 : sims[label][i]));
            }
            if (members.Count < options.MinMembers) continue;
            members.Sort((a, b) => Nullable.Compare(a.Statement.Published, b.Statement.Published) is var c && c != 0 ? c : a.Statement.Id.CompareTo(b.Statement.Id));
            var first = members.Where(m => m.Statement.Published is not null).Select(m => m.Statement.Published).DefaultIfEmpty(null).Min();
            claims.Add(new Claim(Shorten(usable[label].Text, options.MaxLabelLength), usable[label].Id, first, members, IsContested(members)));
        }
        return [.. claims.OrderByDescending(c => c.Contested).ThenByDescending(c => c.Members.Select(m => m.Statement.Camp).Distinct().Count())
            .ThenByDescending(c => c.Members.Count).ThenBy(c => c.FirstSeen ?? DateTimeOffset.MaxValue).ThenBy(c => c.LabelId)];
    }

    /// <summary>Groups of candidate indices (every candidate in exactly one group, singletons included) without stances: the grouping alone, as measured by the claims bench.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Cluster(IReadOnlyList<ClaimCandidate> candidates, ClaimGroupingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        options ??= new ClaimGroupingOptions();
        var features = candidates.Select(Features).ToList();
        return Cluster(Similarities(features, options), options.Threshold);
    }

    /// <summary>Similarity of two candidates in [0, 1]-ish: the weighted mix of vector cosine and key-term/content-word overlap (the embedding part falls back to the lexical one when a vector is missing).</summary>
    public static float Similarity(ClaimCandidate a, ClaimCandidate b, ClaimGroupingOptions? options = null) =>
        Similarity(Features(a), Features(b), options ?? new ClaimGroupingOptions());

    /// <summary>A camp's position per camp name: asserts or denies (questions count with denies) by majority, reports when a camp only reports or is split evenly.</summary>
    public static IReadOnlyDictionary<string, Stance> CampStances(IEnumerable<ClaimMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var result = new SortedDictionary<string, Stance>(StringComparer.Ordinal);
        foreach (var camp in members.Where(m => !string.IsNullOrWhiteSpace(m.Statement.Camp)).GroupBy(m => m.Statement.Camp, StringComparer.Ordinal))
        {
            int pro = camp.Count(m => m.Stance == Stance.Asserts), contra = camp.Count(m => m.Stance is Stance.Denies or Stance.Questions);
            result[camp.Key] = pro > contra ? Stance.Asserts
                : contra > pro ? (camp.Count(m => m.Stance == Stance.Denies) >= camp.Count(m => m.Stance == Stance.Questions) ? Stance.Denies : Stance.Questions)
                : Stance.Reports;
        }
        return result;
    }

    private static bool IsContested(IReadOnlyList<ClaimMember> members)
    {
        var camps = CampStances(members);
        return camps.Values.Any(s => s == Stance.Asserts) && camps.Values.Any(s => s is Stance.Denies or Stance.Questions);
    }

    private sealed record CandidateFeatures(float[]? Vector, HashSet<string> Terms, HashSet<string> Stems);

    private static CandidateFeatures Features(ClaimCandidate c) => new(
        c.Vector,
        [.. (c.KeyTerms ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim().ToLowerInvariant())],
        [.. StanceText.ContentStems(StanceText.Words(c.Text ?? ""))]);

    private static float Similarity(CandidateFeatures a, CandidateFeatures b, ClaimGroupingOptions options)
    {
        // Key terms (entities) say who and what; content words catch the rest. Both as Dice overlaps, key terms first when both sides have them.
        float stems = Dice(a.Stems, b.Stems);
        float lexical = a.Terms.Count > 0 && b.Terms.Count > 0 ? 0.5f * Dice(a.Terms, b.Terms) + 0.5f * stems : stems;
        if (a.Vector is null || b.Vector is null || a.Vector.Length != b.Vector.Length || a.Vector.Length == 0) return lexical;
        float cosine = Vectors.Dot(a.Vector, b.Vector);
        return options.EmbeddingWeight * cosine + (1 - options.EmbeddingWeight) * lexical;
    }

    private static float Dice(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        int shared = a.Count < b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return 2f * shared / (a.Count + b.Count);
    }

    private static float[][] Similarities(List<CandidateFeatures> features, ClaimGroupingOptions options)
    {
        int n = features.Count;
        var sims = new float[n][];
        for (int i = 0; i < n; i++) sims[i] = new float[n];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                sims[i][j] = sims[j][i] = Similarity(features[i], features[j], options);
        return sims;
    }

    /// <summary>Average-linkage agglomerative clustering stopped at <paramref name="threshold"/>. Each component of the graph of pairs at or above the threshold is clustered apart:
    /// an average-linkage group never spans two components, and components are small in practice, which keeps a story of thousands of statements cheap.</summary>
    private static List<List<int>> Cluster(float[][] sims, float threshold)
    {
        int n = sims.Length;
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (sims[i][j] >= threshold) parent[Find(i)] = Find(j);
        var result = new List<List<int>>();
        foreach (var component in Enumerable.Range(0, n).GroupBy(Find).OrderBy(g => g.Min()))
            result.AddRange(AverageLinkage([.. component], sims, threshold));
        return [.. result.OrderBy(g => g[0])];
    }

    private static List<List<int>> AverageLinkage(List<int> items, float[][] sims, float threshold)
    {
        var groups = items.Select(i => new List<int> { i }).ToList();
        if (groups.Count == 1) return groups;
        // Linkage sums between groups, updated on each merge (Lance–Williams for average linkage with sums).
        int m = groups.Count;
        var sum = new double[m, m];
        for (int a = 0; a < m; a++) for (int b = 0; b < m; b++) sum[a, b] = a == b ? 0 : sims[items[a]][items[b]];
        var alive = Enumerable.Repeat(true, m).ToArray();
        double Avg(int a, int b) => sum[a, b] / (groups[a].Count * groups[b].Count);
        // Each group's nearest group, cached: average linkage is reducible (a merged group is never closer to a third than the nearer of its parts was),
        // so only rows whose nearest was one of the merged pair need a rescan; the whole run is about O(m²) instead of O(m³).
        var nearest = new int[m];
        void Rescan(int a)
        {
            nearest[a] = -1;
            for (int b = 0; b < m; b++)
                if (b != a && alive[b] && (nearest[a] < 0 || Avg(a, b) > Avg(a, nearest[a]))) nearest[a] = b;
        }
        for (int a = 0; a < m; a++) Rescan(a);
        while (true)
        {
            int bestA = -1;
            for (int a = 0; a < m; a++)
                if (alive[a] && nearest[a] >= 0 && (bestA < 0 || Avg(a, nearest[a]) > Avg(bestA, nearest[bestA]))) bestA = a;
            if (bestA < 0 || Avg(bestA, nearest[bestA]) < threshold) break;
            int bestB = nearest[bestA];
            if (bestB < bestA) (bestA, bestB) = (bestB, bestA);
            groups[bestA].AddRange(groups[bestB]);
            alive[bestB] = false;
            for (int c = 0; c < m; c++)
                if (alive[c] && c != bestA) sum[bestA, c] = sum[c, bestA] = sum[bestA, c] + sum[bestB, c];
            for (int c = 0; c < m; c++)
                if (alive[c] && (c == bestA || nearest[c] == bestA || nearest[c] == bestB)) Rescan(c);
        }
        return [.. Enumerable.Range(0, m).Where(a => alive[a]).Select(a => groups[a].Order().ToList())];
    }

    private static string Shorten(string text, int max)
    {
        var t = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (t.Length <= max) return t;
        int cut = t.LastIndexOf(' ', Math.Max(0, max - 1));
        return (cut > max / 2 ? t[..cut] : t[..(max - 1)]).TrimEnd(',', ';', ':') + "…";
    }
}
