using Storyline.Language.Embeddings;

namespace Storyline.Claims;

/// <summary>A statement that may carry a claim: its text, unit vector (null when not embedded), the speaker's camp, date and key terms or entity names;
/// <paramref name="Denies"/> when the speaker's own words deny or reject the content ("denied accusations of forced labour").</summary>
public sealed record ClaimCandidate(long Id, string Text, float[]? Vector, string Camp, DateTimeOffset? Published, IReadOnlyList<string> KeyTerms, bool Denies = false);

/// <summary>A statement of a claim with its stance toward the claim's label and its similarity to the label statement.</summary>
public sealed record ClaimMember(ClaimCandidate Statement, Stance Stance, float Similarity);

/// <summary>Statements bearing on one proposition: a label (the most representative statement, shortened), when it was first seen, its members and whether
/// camps take opposite sides; <paramref name="Topic"/> is the phrase a denial and the statements it answers share ("forced labour"), when the claim was found that way.</summary>
public sealed record Claim(string Label, long LabelId, DateTimeOffset? FirstSeen, IReadOnlyList<ClaimMember> Members, bool Contested, string? Topic = null)
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

    /// <summary>A phrase (two content words in a row) names a claim when at most this share of the story's statements name it: rarer than the
    /// story's own subject ("US sanctions" in a sanctions story), common enough to be repeated.</summary>
    public float MaxPhraseShare { get; init; } = 0.1f;
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
        var (groups, topics) = AnchorDenials(Cluster(sims, options.Threshold), usable, features, sims, options);
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            cancellationToken.ThrowIfCancellationRequested();
            if (group.Count < options.MinMembers) continue;
            // The medoid states the claim best: the member most similar on average to the others (earliest on ties).
            // A denial states the claim only as what it rejects: the label is an assertion where the claim has one.
            int label = group.OrderBy(i => usable[i].Denies ? 1 : 0).ThenByDescending(i => group.Where(j => j != i).Sum(j => sims[i][j]))
                .ThenBy(i => usable[i].Published ?? DateTimeOffset.MaxValue).ThenBy(i => usable[i].Id).First();
            var claimDoc = StanceDocument.FromSentences([usable[label].Text], [usable[label].Vector!]);
            var members = new List<ClaimMember>();
            foreach (var i in group)
            {
                var doc = StanceDocument.FromSentences([usable[i].Text], [usable[i].Vector!]);
                var stance = classifier.Classify(claimDoc, doc).Stance;
                if (i == label && stance == Stance.Unrelated) stance = Stance.Asserts; // the label states its own claim
                // The speaker's denial decides its stance; the model reads only the content, which states what is denied. A denial that joined
                // the claim by the phrase it names is related to it by that phrase, whatever the model makes of a short fragment.
                if (usable[i].Denies && (stance != Stance.Unrelated || topics[g] is not null)) stance = Stance.Denies;
                if (stance != Stance.Unrelated) members.Add(new ClaimMember(usable[i], stance, i == label ? 1 : sims[label][i]));
            }
            if (members.Count < options.MinMembers) continue;
            members.Sort((a, b) => Nullable.Compare(a.Statement.Published, b.Statement.Published) is var c && c != 0 ? c : a.Statement.Id.CompareTo(b.Statement.Id));
            var first = members.Where(m => m.Statement.Published is not null).Select(m => m.Statement.Published).DefaultIfEmpty(null).Min();
            claims.Add(new Claim(Shorten(usable[label].Text, options.MaxLabelLength), usable[label].Id, first, members, IsContested(members), topics[g]));
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

    /// <summary>A camp's position per camp name (camps with no name left out), by <see cref="CampPosition"/>.</summary>
    public static IReadOnlyDictionary<string, Stance> CampStances(IEnumerable<ClaimMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var result = new SortedDictionary<string, Stance>(StringComparer.Ordinal);
        foreach (var camp in members.Where(m => !string.IsNullOrWhiteSpace(m.Statement.Camp)).GroupBy(m => m.Statement.Camp, StringComparer.Ordinal))
            result[camp.Key] = CampPosition(camp.Count(m => m.Stance == Stance.Asserts), camp.Count(m => m.Stance == Stance.Denies), camp.Count(m => m.Stance == Stance.Questions));
        return result;
    }

    /// <summary>One camp's position from how many of its statements assert, deny and question a claim: the side with more weight, reports on a tie
    /// or when the camp only reports. A denial weighs twice: it is marked in the speaker's own words ("denied", "rejected"), while an assertion is
    /// also what the stance model makes of a camp's counter-claim ("they are vocational training centres") read against the claim.</summary>
    public static Stance CampPosition(int asserts, int denies, int questions)
    {
        int pro = asserts, contra = 2 * denies + questions;
        return pro > contra ? Stance.Asserts
            : contra > pro ? (2 * denies >= questions ? Stance.Denies : Stance.Questions)
            : Stance.Reports;
    }

    private static bool IsContested(IReadOnlyList<ClaimMember> members)
    {
        var camps = CampStances(members);
        return camps.Values.Any(s => s == Stance.Asserts) && camps.Values.Any(s => s is Stance.Denies or Stance.Questions);
    }

    private sealed record CandidateFeatures(float[]? Vector, HashSet<string> Terms, HashSet<string> Stems, HashSet<string> Phrases);

    private static CandidateFeatures Features(ClaimCandidate c)
    {
        var stems = StanceText.ContentStems(StanceText.Words(c.Text ?? ""));
        return new(c.Vector, [.. (c.KeyTerms ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim().ToLowerInvariant())], [.. stems], Phrases(stems));
    }

    /// <summary>Pairs of content words in a row (stop words skipped), spelled one way ("labour" and "labor" meet): the phrases a claim is named by.</summary>
    private static HashSet<string> Phrases(List<string> stems)
    {
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < stems.Count; i++)
            if (!char.IsAsciiDigit(stems[i - 1][0]) && !char.IsAsciiDigit(stems[i][0])) phrases.Add(OneSpelling(stems[i - 1]) + " " + OneSpelling(stems[i]));
        return phrases;
    }

    // British "-our" and American "-or" spellings of one word (labour/labor, behaviour/behavior); short words ("tour", "four") keep theirs.
    private static string OneSpelling(string stem) => stem.Length >= 6 && stem.EndsWith("our", StringComparison.Ordinal) ? stem[..^3] + "or" : stem;

    /// <summary>A denial names what it denies in a few words ("denied accusations of forced labour"), which sentence vectors do not bring together with
    /// the long assertions it answers, so it often ends up beside its own camp's other words. A denial whose group no other camp speaks in joins,
    /// with the other camps' statements naming the same rare phrase (and its own camp's denials of it), one claim: what the denial answers. Those
    /// statements leave their groups. Unrelated to grouping otherwise (no denial, nothing moves), so the headline bench does not see it.</summary>
    private static (List<List<int>> Groups, List<string?> Topics) AnchorDenials(List<List<int>> groups, List<ClaimCandidate> usable, List<CandidateFeatures> features,
        float[][] sims, ClaimGroupingOptions options)
    {
        var topics = groups.Select(_ => (string?)null).ToList();
        if (!usable.Any(c => c.Denies)) return (groups, topics);
        int n = usable.Count;
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in features)
            foreach (var p in f.Phrases) df[p] = df.GetValueOrDefault(p) + 1;
        int maxDf = Math.Max(2, (int)(options.MaxPhraseShare * n));
        var groupOf = new int[n];
        for (int g = 0; g < groups.Count; g++) foreach (var i in groups[g]) groupOf[i] = g;
        var anchored = new HashSet<int>();
        bool Named(string camp) => !string.IsNullOrWhiteSpace(camp);
        foreach (var d in Enumerable.Range(0, n).Where(i => usable[i].Denies && Named(usable[i].Camp)))
        {
            if (anchored.Contains(d)) continue;
            var camp = usable[d].Camp;
            if (groups[groupOf[d]].Any(j => j != d && Named(usable[j].Camp) && usable[j].Camp != camp)) continue;
            // The rarest phrase the denial shares with another camp's statement; ties to the phrase whose statements are most like the denial.
            var best = features[d].Phrases.Where(p => df[p] >= 2 && df[p] <= maxDf)
                .Select(p => (Phrase: p, Members: Enumerable.Range(0, n).Where(j => j != d && !anchored.Contains(j) && features[j].Phrases.Contains(p)
                    && Named(usable[j].Camp) && (usable[j].Camp != camp || usable[j].Denies)).ToList()))
                .Where(x => x.Members.Any(j => usable[j].Camp != camp))
                .OrderBy(x => df[x.Phrase]).ThenByDescending(x => x.Members.Max(j => sims[d][j])).ThenBy(x => x.Phrase, StringComparer.Ordinal).FirstOrDefault();
            if (best.Phrase is null) continue;
            var claim = new List<int> { d };
            claim.AddRange(best.Members);
            foreach (var i in claim)
            {
                groups[groupOf[i]].Remove(i);
                groupOf[i] = groups.Count;
                anchored.Add(i);
            }
            claim.Sort();
            groups.Add(claim);
            topics.Add(Surface(usable[d].Text, best.Phrase));
        }
        var kept = Enumerable.Range(0, groups.Count).Where(g => groups[g].Count > 0).ToList();
        return ([.. kept.Select(g => groups[g])], [.. kept.Select(g => topics[g])]);
    }

    /// <summary>The words of <paramref name="text"/> a phrase was built from, as written ("forced labour"); the phrase itself when not found.</summary>
    private static string Surface(string text, string phrase)
    {
        var words = System.Text.RegularExpressions.Regex.Matches(text, @"[\p{L}\p{N}]+(?:['’][\p{L}]+)*");
        var parts = phrase.Split(' ');
        for (int i = 0; i < words.Count; i++)
        {
            var w = words[i].Value.ToLowerInvariant();
            if (StanceText.IsStop(w) || w.Length <= 1 || OneSpelling(StanceText.Stem(w.EndsWith("'s") || w.EndsWith("’s") ? w[..^2] : w)) != parts[0]) continue;
            for (int j = i + 1; j < words.Count; j++)
            {
                var v = words[j].Value.ToLowerInvariant();
                if (StanceText.IsStop(v) || v.Length <= 1) continue;
                if (OneSpelling(StanceText.Stem(v.EndsWith("'s") || v.EndsWith("’s") ? v[..^2] : v)) == parts[1])
                    return text[words[i].Index..(words[j].Index + words[j].Length)];
                break;
            }
        }
        return phrase;
    }

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
