using Storyline.Language.Embeddings;
using Storyline.Learning;

namespace Storyline.Claims;

/// <summary>Features of a (claim, body) pair: how related they are, and what the body sentences closest to the claim say about it.</summary>
internal static class StanceFeatures
{
    public const int Buckets = 1 << 14;
    public const int TopSentences = 3;

    // Cue lexicons (after the FNC-1 baseline's refuting words, extended with denials, hedges and confirmations): counted, not hashed, so they generalise beyond the training bodies.
    internal static readonly HashSet<string> Refuting = new(StringComparer.Ordinal)
    {
        "fake","fraud","hoax","hoaxes","false","deny","denies","denied","denial","denying","despite","nope","doubt","doubts","bogus","debunk","debunked",
        "debunks","prank","pranks","retract","retracted","retraction","untrue","myth","satire","satirical","fabricated","misleading","wrong","incorrect",
        "refute","refuted","refutes","dismissed","dismisses","baseless","unfounded","rejected","rejects","falsely","lie","lies","lied","not","never","no",
        "nothing","isn't","wasn't","didn't","doesn't","don't","won't","aren't","hasn't","haven't","contrary","photoshopped","scam","spoof",
    };

    internal static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not","no","never","nothing","none","neither","nor","isn't","wasn't","didn't","doesn't","don't","won't","aren't","hasn't","haven't","weren't","can't","cannot","without",
    };

    internal static readonly HashSet<string> Hedging = new(StringComparer.Ordinal)
    {
        "reportedly","allegedly","alleged","alleges","claims","claim","claimed","claiming","according","rumor","rumors","rumour","rumours","rumored","rumoured",
        "unconfirmed","may","might","could","possibly","possible","purportedly","purported","apparently","appears","appear","suggests","suggest","suggested",
        "if","unverified","speculation","speculate","speculated","reports","report","reported","believed","supposedly","seems","seem","likely","unclear",
        "whether","question","questions","perhaps","sources","source","tabloid","viral","circulating","unknown",
    };

    internal static readonly HashSet<string> Asserting = new(StringComparer.Ordinal)
    {
        "confirmed","confirms","confirm","confirmation","revealed","reveals","announced","announces","indeed","actually","officially","official","proved",
        "proof","evidence","true","verified","shows","showed","statement","admitted","admits","acknowledged","definitely","certainly","fact","real",
    };

    public const int RelatednessCount = 18;

    /// <summary>Dense relatedness features (lexical overlap and embedding similarity).</summary>
    public static float[] Relatedness(StanceDocument claim, StanceDocument body, StanceIdf idf)
    {
        var f = new float[RelatednessCount];
        var claimStems = claim.Stems.SelectMany(s => s).ToList();
        if (claimStems.Count == 0 || body.Sentences.Count == 0) return f;
        var claimSet = claimStems.ToHashSet(StringComparer.Ordinal);
        var bodyStems = body.Stems.SelectMany(s => s).ToList();
        var bodySet = bodyStems.ToHashSet(StringComparer.Ordinal);
        var claimTf = idf.Weigh(claimStems);
        f[0] = StanceIdf.Cosine(claimTf, idf.Weigh(bodyStems));
        float bestTfIdf = 0, bestOverlap = 0;
        for (int s = 0; s < body.Sentences.Count; s++)
        {
            bestTfIdf = Math.Max(bestTfIdf, StanceIdf.Cosine(claimTf, idf.Weigh(body.Stems[s])));
            var set = body.Stems[s].ToHashSet(StringComparer.Ordinal);
            bestOverlap = Math.Max(bestOverlap, WeightedShare(claimSet, set, idf));
        }
        f[1] = bestTfIdf;
        f[2] = claimSet.Count(bodySet.Contains) / (float)claimSet.Count;
        f[3] = WeightedShare(claimSet, bodySet, idf);
        var claimBigrams = Bigrams(claimStems);
        var bodyBigrams = Bigrams(bodyStems);
        f[4] = claimBigrams.Count == 0 ? 0 : claimBigrams.Count(bodyBigrams.Contains) / (float)claimBigrams.Count;
        var leadSet = body.Stems.Take(3).SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
        f[5] = WeightedShare(claimSet, leadSet, idf);
        var sims = Similarities(claim, body);
        var sorted = sims.OrderDescending().ToArray();
        f[6] = sorted.Length > 0 ? sorted[0] : 0;
        f[7] = sorted.Length > 1 ? sorted[1] : f[6];
        f[8] = sorted.Take(3).DefaultIfEmpty().Average();
        f[9] = sims.Length > 0 ? sims[0] : 0;
        f[10] = claim.Centroid.Length == body.Centroid.Length && claim.Centroid.Length > 0 ? Vectors.Dot(claim.Centroid, body.Centroid) : 0;
        var numbers = claim.Words.SelectMany(w => w).Where(w => char.IsAsciiDigit(w[0])).ToHashSet(StringComparer.Ordinal);
        var bodyWords = body.Words.SelectMany(w => w).ToHashSet(StringComparer.Ordinal);
        f[11] = numbers.Count == 0 ? 0 : 1;
        f[12] = numbers.Count == 0 ? 0 : numbers.Count(bodyWords.Contains) / (float)numbers.Count;
        var names = Names(claim).ToHashSet(StringComparer.Ordinal);
        f[13] = names.Count == 0 ? 0 : names.Count(bodyWords.Contains) / (float)names.Count;
        f[14] = MathF.Log(1 + body.Sentences.Count);
        f[15] = MathF.Log(1 + claimSet.Count);
        f[16] = bestOverlap;
        f[17] = claimSet.Count(s => idf.Idf(s) >= idf.RareIdf && bodySet.Contains(s)) / (float)Math.Max(1, claimSet.Count(s => idf.Idf(s) >= idf.RareIdf));
        return f;
    }

    /// <summary>Indices of the body sentences closest to the claim (embedding cosine plus TF-IDF cosine), best first.</summary>
    public static int[] Closest(StanceDocument claim, StanceDocument body, StanceIdf idf, int count)
    {
        var sims = Similarities(claim, body);
        var claimTf = idf.Weigh(claim.Stems.SelectMany(s => s).ToList());
        var scores = new float[body.Sentences.Count];
        for (int s = 0; s < scores.Length; s++) scores[s] = sims[s] + StanceIdf.Cosine(claimTf, idf.Weigh(body.Stems[s]));
        return [.. Enumerable.Range(0, scores.Length).OrderByDescending(s => scores[s]).ThenBy(s => s).Take(count)];
    }

    /// <summary>Stance features: relatedness, cue counts in the claim, the closest sentences and the body, negation near claim terms, the embeddings of claim and closest sentence with their product, and hashed words of the closest sentences.</summary>
    public static NetworkInput Stance(StanceDocument claim, StanceDocument body, StanceIdf idf, float[] relatedness)
    {
        int dims = claim.Centroid.Length;
        var dense = new List<float>(relatedness.Length + 40 + 4 * dims);
        dense.AddRange(relatedness);
        var top = Closest(claim, body, idf, TopSentences);
        var claimWords = claim.Words.SelectMany(w => w).ToList();
        var claimStems = claim.Stems.SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
        var topWords = top.Select(i => body.Words[i]).ToList();
        var allWords = body.Words.SelectMany(w => w).ToList();
        foreach (var lexicon in new[] { Refuting, Hedging, Asserting })
        {
            dense.Add(claimWords.Count(lexicon.Contains));
            dense.Add(topWords.Count == 0 ? 0 : topWords[0].Count(lexicon.Contains));
            dense.Add(topWords.Sum(w => w.Count(lexicon.Contains)));
            dense.Add(allWords.Count(lexicon.Contains) / (float)Math.Max(1, body.Sentences.Count));
            dense.Add(body.Words.Take(5).Sum(w => w.Count(lexicon.Contains)));
        }
        dense.Add(claim.Sentences.Count(s => s.Contains('?', StringComparison.Ordinal)));
        dense.Add(top.Count(i => body.Sentences[i].Contains('?', StringComparison.Ordinal)));
        dense.Add(top.Sum(i => CountQuotes(body.Sentences[i])));
        dense.Add(claimWords.Count(Negations.Contains));
        dense.Add(top.Sum(i => NegationsNear(body.Words[i], claimStems)));
        dense.Add(body.Words.Sum(w => NegationsNear(w, claimStems)) / (float)Math.Max(1, body.Sentences.Count));
        dense.Add(top.Length == 0 ? 0 : top[0] / (float)Math.Max(1, body.Sentences.Count));
        var best = top.Length > 0 ? body.Vectors[top[0]] : new float[dims];
        var mean = new float[dims];
        foreach (var i in top) for (int d = 0; d < dims; d++) mean[d] += body.Vectors[i][d] / top.Length;
        // Only the claim–sentence product, not the vectors themselves: raw vectors name the story, and a network fed them learns each story's
        // usual stance, which scores well on FNC-1's hold-out (its claims recur in training) and does not carry to new claims.
        for (int d = 0; d < dims; d++) dense.Add(claim.Centroid[d] * best[d]);
        for (int d = 0; d < dims; d++) dense.Add(claim.Centroid[d] * mean[d]);

        var sparse = new Dictionary<int, float>();
        void Add(string prefix, IReadOnlyList<string> words)
        {
            var keys = new List<ulong>();
            for (int i = 0; i < words.Count; i++)
            {
                var w = FeatureHash.Combine(FeatureHash.Of(prefix), FeatureHash.Of(words[i]));
                keys.Add(w);
                if (i + 1 < words.Count) keys.Add(FeatureHash.Combine(w, FeatureHash.Of(words[i + 1])));
            }
            float value = keys.Count == 0 ? 0 : 1 / MathF.Sqrt(keys.Count);
            foreach (var k in keys)
            {
                int bucket = (int)(k % Buckets);
                sparse[bucket] = sparse.GetValueOrDefault(bucket) + value;
            }
        }
        // The claim's own words are left out for the same reason; only its cue counts above are read.
        Add("s", [.. topWords.SelectMany(w => w)]);
        return new NetworkInput([.. dense], [.. sparse.Select(kv => (kv.Key, kv.Value))]);
    }

    public static int StanceDenseCount(int dims) => RelatednessCount + 15 + 7 + 2 * dims;

    private static float[] Similarities(StanceDocument claim, StanceDocument body)
    {
        var sims = new float[body.Sentences.Count];
        if (claim.Centroid.Length == 0) return sims;
        for (int s = 0; s < sims.Length; s++)
            if (body.Vectors[s].Length == claim.Centroid.Length) sims[s] = Vectors.Dot(claim.Centroid, body.Vectors[s]);
        return sims;
    }

    private static float WeightedShare(HashSet<string> claim, HashSet<string> other, StanceIdf idf)
    {
        float total = 0, found = 0;
        foreach (var s in claim)
        {
            var w = idf.Idf(s);
            total += w;
            if (other.Contains(s)) found += w;
        }
        return total == 0 ? 0 : found / total;
    }

    private static HashSet<string> Bigrams(List<string> stems)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < stems.Count; i++) set.Add(stems[i] + " " + stems[i + 1]);
        return set;
    }

    // Capitalised words not opening the sentence: names and places, lower-cased to match the body's words.
    private static IEnumerable<string> Names(StanceDocument doc)
    {
        foreach (var sentence in doc.Sentences)
        {
            var tokens = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int i = 1; i < tokens.Length; i++)
            {
                var t = tokens[i].Trim('"', '\'', '“', '”', '‘', '’', ',', '.', ':', ';', '(', ')', '!', '?');
                if (t.Length > 1 && char.IsUpper(t[0]) && !(t.All(char.IsUpper) && t.Length > 4))
                {
                    var w = t.ToLowerInvariant();
                    if (w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal)) w = w[..^2];
                    if (!StanceText.IsStop(w)) yield return w;
                }
            }
        }
    }

    private static int CountQuotes(string s) => s.Count(c => c is '"' or '“' or '”');

    // Words either side of a negation that count as near it.
    private const int NegationWindow = 4;

    // A negation within four words of a claim term is the cheapest sign that the sentence denies it.
    internal static int NegationsNear(List<string> words, HashSet<string> claimStems, bool refuting = true)
    {
        int count = 0;
        for (int i = 0; i < words.Count; i++)
        {
            if (!Negations.Contains(words[i]) && !(refuting && Refuting.Contains(words[i]))) continue;
            for (int j = Math.Max(0, i - NegationWindow); j < Math.Min(words.Count, i + NegationWindow + 1); j++)
                if (j != i && claimStems.Contains(StanceText.Stem(words[j]))) { count++; break; }
        }
        return count;
    }

    // A negation that denies a claim term: right before one ("no forced labour", "has not resigned"), or with two of them near it
    // ("no evidence of forced labour"). One claim word somewhere near a negation is not enough: in "neither the attacks nor the
    // sanctions will be lifted" the negation is about lifting, not about the sanctions' effect the claim states.
    internal static bool NegatesClaimTerm(List<string> words, HashSet<string> claimStems)
    {
        for (int i = 0; i < words.Count; i++)
        {
            if (!Negations.Contains(words[i]) && !Refuting.Contains(words[i])) continue;
            if (i + 1 < words.Count && claimStems.Contains(StanceText.Stem(words[i + 1]))) return true;
            var near = new HashSet<string>(StringComparer.Ordinal);
            for (int j = Math.Max(0, i - NegationWindow); j < Math.Min(words.Count, i + NegationWindow + 1); j++)
                if (j != i && StanceText.Stem(words[j]) is var stem && claimStems.Contains(stem)) near.Add(stem);
            if (near.Count >= 2) return true;
        }
        return false;
    }
}
