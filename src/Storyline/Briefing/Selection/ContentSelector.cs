using Storyline.Language.Embeddings;

namespace Storyline.Briefing.Selection;

/// <summary>A sentence of the story as the selector sees it.</summary>
/// <param name="Document">The document it comes from (concept weights count documents).</param>
/// <param name="Ordinal">Its position among its document's sentences (0 = the lead).</param>
/// <param name="Text">Its text.</param>
/// <param name="Vector">Its unit sentence vector, when the analysis embedded it.</param>
public sealed record SelectionUnit(long Document, int Ordinal, string Text, float[]? Vector = null);

/// <summary>Weights of <see cref="ContentSelector"/>'s objective.</summary>
/// <param name="CentralityWeight">Weight of a sentence's centrality in its group (cosine to the group's centroid, scaled to the pool's best).</param>
/// <param name="PositionWeight">Weight of the news-writing prior that a document's first sentences carry its main facts (1 / (1 + ordinal)).</param>
/// <param name="LengthExponent">Concept gain is divided by words^this: long sentences cover more but cost the reader more.</param>
/// <param name="UnigramWeight">Weight of a single content word as a concept, relative to a word pair.</param>
/// <param name="MaxOverlap">Two sentences chosen for the same purpose never have this much content-word overlap (<see cref="ContentSelector.Overlap(int, int)"/>).</param>
/// <param name="ChronologyOverlap">The looser bound between a chronology entry and what is chosen already: entries are separate developments of one
/// story and share its vocabulary by nature; only a restatement is left out.</param>
/// <param name="MaxCosine">With sentence vectors, two chosen sentences are never this similar.</param>
/// <param name="EmbeddingShare">With sentence vectors, the share of centrality taken from them (the rest is lexical tf-idf). 0 by default: on DUC 2004
/// dev, vector centrality favours sentences about the gist over those carrying the coverage's specific facts (names, numbers) and costs
/// ROUGE monotonically (share 0 / 0.25 / 0.5: R-2 0.098 / 0.096 / 0.091); the vectors still keep paraphrases out (<paramref name="MaxCosine"/>).</param>
public sealed record SelectionOptions(double CentralityWeight = 0.5, double PositionWeight = 0.6, double LengthExponent = 0.75, double UnigramWeight = 0.5,
    double MaxOverlap = 0.35, double MaxCosine = 0.85, double EmbeddingShare = 0, double ChronologyOverlap = 0.6);

/// <summary>What has been chosen so far across the briefing: sentences and the concepts they cover (a later section gains nothing from repeating them).</summary>
public sealed class SelectionState
{
    internal readonly HashSet<int> Covered = [];
    internal readonly List<int> Chosen = [];

    /// <summary>The chosen sentences, in order of choice.</summary>
    public IReadOnlyList<int> ChosenUnits => Chosen;
}

/// <summary>Content selection over a whole story: a sentence is worth what it adds of the story's key concepts (stemmed word pairs and content
/// words carried by at least <see cref="KeySources"/> documents, weighted by how many carry them, so what many sources report counts most) per word, plus its centrality in its group
/// (tf-idf cosine to the group's centroid, blended with sentence-vector cosine when vectors are given) and a lead-position prior. Picks are
/// greedy on the marginal gain (the coverage term is submodular: a concept counts once, so redundancy is paid for during selection), and
/// a sentence repeating a chosen one (content-word overlap or vector cosine above the options' bounds) is never picked.</summary>
public sealed class ContentSelector
{
    private readonly SelectionOptions _options;
    /// <summary>How many documents must carry a concept for it to be one of the story's key concepts (in a story of that many documents or
    /// more): two sources may share a phrase by chance or by one copying the other, three make it what the coverage reports (Gillick and
    /// Favre 2009 keep word pairs of at least three documents of a DUC/TAC cluster).</summary>
    public const int KeySources = 3;

    private readonly IReadOnlyList<SelectionUnit> _units;
    private readonly int[][] _concepts;       // concept ids per unit (distinct)
    private readonly double[] _conceptWeight; // per concept id
    private readonly int[][] _content;        // sorted distinct content-term ids per unit
    private readonly (int[] Terms, float[] Weights)[] _tfidf; // unit-normalised sparse tf-idf per unit
    private readonly int[] _words;
    private readonly int _vocabulary;
    private readonly bool _embedded;

    /// <summary>Analyses the story's sentences: every unit counts towards concept weights and centroids; any may then be selected. Give a
    /// document's units one after another (documents are counted where a concept's document changes).</summary>
    public ContentSelector(IReadOnlyList<SelectionUnit> units, SelectionOptions? options = null)
    {
        _options = options ?? new SelectionOptions();
        _units = units;
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        var concepts = new Dictionary<(int, int), int>();
        var stems = new Dictionary<string, string>(StringComparer.Ordinal);
        var tokens = new int[units.Count][];
        _concepts = new int[units.Count][];
        _content = new int[units.Count][];
        _words = new int[units.Count];
        // Documents per concept counted by remembering the last document that added it: a story's units come document by document.
        var conceptDocs = new List<int>();
        var conceptLastDoc = new List<long>();
        var conceptSentences = new List<int>();
        var termSentences = new List<int>();
        var stop = new List<bool>();
        for (int i = 0; i < units.Count; i++)
        {
            var ids = new List<int>();
            foreach (var token in Tokenize(units[i].Text))
            {
                if (!stems.TryGetValue(token, out var stem)) stems[token] = stem = token.Length > 3 ? PorterStemmer.Stem(token) : token;
                if (!terms.TryGetValue(stem, out var id))
                {
                    terms[stem] = id = terms.Count;
                    termSentences.Add(0);
                    stop.Add(StopWords.Contains(stem) || StopWords.Contains(token));
                }
                ids.Add(id);
            }
            tokens[i] = [.. ids];
            _words[i] = Math.Max(1, units[i].Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            var seen = new HashSet<int>();
            for (int t = 0; t < ids.Count; t++)
            {
                // A concept is a pair of adjacent words not both stop words, or a content word alone (keyed (-1, term)).
                var a = ids[t];
                if (!stop[a]) Add((-1, a));
                if (t + 1 < ids.Count && !(stop[a] && stop[ids[t + 1]])) Add((a, ids[t + 1]));
            }
            _concepts[i] = [.. seen];
            var content = new SortedSet<int>(ids.Where(id => !stop[id]));
            _content[i] = [.. content];
            foreach (var id in content) termSentences[id]++;

            void Add((int, int) key)
            {
                if (!concepts.TryGetValue(key, out var c))
                {
                    concepts[key] = c = concepts.Count;
                    conceptDocs.Add(0);
                    conceptLastDoc.Add(long.MinValue);
                    conceptSentences.Add(0);
                }
                if (seen.Add(c))
                {
                    if (conceptLastDoc[c] != units[i].Document)
                    {
                        conceptLastDoc[c] = units[i].Document;
                        conceptDocs[c]++;
                    }
                    conceptSentences[c]++;
                }
            }
        }
        _vocabulary = terms.Count;
        // Key concepts recur: across documents when the story has several (at least KeySources of them), across sentences (at least two) in
        // a story of one or two articles.
        var documents = units.Select(u => u.Document).Distinct().Count();
        _conceptWeight = new double[concepts.Count];
        foreach (var ((first, _), c) in concepts)
        {
            double count = documents >= 3 ? conceptDocs[c] : conceptSentences[c];
            _conceptWeight[c] = count < (documents >= KeySources ? KeySources : 2) ? 0 : count * (first < 0 ? _options.UnigramWeight : 1);
        }
        // tf-idf over sentences for centrality.
        _tfidf = new (int[], float[])[units.Count];
        for (int i = 0; i < units.Count; i++)
        {
            var keys = _content[i];
            var weights = new float[keys.Length];
            foreach (var id in tokens[i])
                if (!stop[id]) weights[Array.BinarySearch(keys, id)]++;
            for (int k = 0; k < keys.Length; k++) weights[k] *= (float)Math.Log(1.0 + (double)units.Count / termSentences[keys[k]]);
            var norm = (float)Math.Sqrt(weights.Sum(w => (double)w * w));
            if (norm > 0) for (int k = 0; k < weights.Length; k++) weights[k] /= norm;
            _tfidf[i] = (keys, weights);
        }
        _embedded = units.Count > 0 && units.Count(u => u.Vector is not null) * 2 >= units.Count;
    }

    /// <summary>The units.</summary>
    public IReadOnlyList<SelectionUnit> Units => _units;

    /// <summary>Centrality of every unit of <paramref name="group"/> in it: cosine to the group's centroid (lexical, blended with vectors when given).</summary>
    public Dictionary<int, double> Centrality(IReadOnlyCollection<int> group)
    {
        var result = new Dictionary<int, double>(group.Count);
        if (group.Count == 0) return result;
        var centroid = new float[_vocabulary];
        foreach (var i in group)
        {
            var (keys, weights) = _tfidf[i];
            for (int k = 0; k < keys.Length; k++) centroid[keys[k]] += weights[k];
        }
        var norm = (float)Math.Sqrt(centroid.Sum(w => (double)w * w));
        float[]? mean = null;
        if (_embedded)
        {
            foreach (var i in group)
                if (_units[i].Vector is { } v)
                {
                    mean ??= new float[v.Length];
                    for (int d = 0; d < v.Length; d++) mean[d] += v[d];
                }
            if (mean is not null) Vectors.Normalize(mean);
        }
        foreach (var i in group)
        {
            var (keys, weights) = _tfidf[i];
            double dot = 0;
            for (int k = 0; k < keys.Length; k++) dot += weights[k] * centroid[keys[k]];
            var lexical = norm > 0 ? dot / norm : 0;
            result[i] = mean is not null && _units[i].Vector is { } v
                ? (1 - _options.EmbeddingShare) * lexical + _options.EmbeddingShare * Vectors.Dot(v, mean)
                : lexical;
        }
        return result;
    }

    /// <summary>Picks up to <paramref name="count"/> units of <paramref name="pool"/> by marginal gain (concepts not yet covered per word, centrality
    /// in the pool, lead position), never one that repeats a unit already chosen in <paramref name="state"/>; the picks are added to it.</summary>
    public List<int> Select(IReadOnlyCollection<int> pool, int count, SelectionState state, Func<int, double>? bonus = null)
    {
        var picked = new List<int>();
        if (pool.Count == 0 || count <= 0) return picked;
        var centrality = Centrality(pool);
        var maxCentrality = Math.Max(1e-9, centrality.Values.Max());
        var live = pool.Where(i => !state.Chosen.Contains(i)).ToList();
        while (picked.Count < count && live.Count > 0)
        {
            var gains = new double[live.Count];
            double maxGain = 0;
            for (int k = 0; k < live.Count; k++)
            {
                gains[k] = Gain(live[k], state.Covered) / Math.Pow(_words[live[k]], _options.LengthExponent);
                maxGain = Math.Max(maxGain, gains[k]);
            }
            int best = -1;
            double bestScore = double.NegativeInfinity;
            for (int k = 0; k < live.Count; k++)
            {
                var i = live[k];
                var score = (maxGain > 0 ? gains[k] / maxGain : 0) + _options.CentralityWeight * centrality[i] / maxCentrality
                    + _options.PositionWeight / (1 + _units[i].Ordinal) + (bonus?.Invoke(i) ?? 0);
                if (score > bestScore && !Repeats(i, state)) { best = k; bestScore = score; }
            }
            if (best < 0) break;
            var unit = live[best];
            live.RemoveAt(best);
            picked.Add(unit);
            state.Chosen.Add(unit);
            foreach (var c in _concepts[unit]) state.Covered.Add(c);
        }
        return picked;
    }

    /// <summary>The unit of <paramref name="pool"/> most central to it that does not repeat a unit chosen in <paramref name="state"/> and passes
    /// <paramref name="accept"/>, or -1; it is added to the state.</summary>
    public int MostCentral(IReadOnlyCollection<int> pool, SelectionState state, Func<int, bool>? accept = null)
    {
        var bound = _options.ChronologyOverlap;
        var centrality = Centrality(pool);
        foreach (var (i, _) in centrality.OrderByDescending(kv => kv.Value + _options.PositionWeight * 0.1 / (1 + _units[kv.Key].Ordinal)).ThenBy(kv => kv.Key))
        {
            if (state.Chosen.Contains(i) || Repeats(i, state, bound) || (accept is not null && !accept(i))) continue;
            state.Chosen.Add(i);
            foreach (var c in _concepts[i]) state.Covered.Add(c);
            return i;
        }
        return -1;
    }

    private double Gain(int unit, HashSet<int> covered)
    {
        double gain = 0;
        foreach (var c in _concepts[unit]) if (!covered.Contains(c)) gain += _conceptWeight[c];
        return gain;
    }

    /// <summary>True when unit <paramref name="i"/> says again what a chosen unit says (overlap at or above <paramref name="maxOverlap"/>, by default the options' bound).</summary>
    public bool Repeats(int i, SelectionState state, double? maxOverlap = null)
    {
        var bound = maxOverlap ?? _options.MaxOverlap;
        foreach (var j in state.Chosen)
        {
            if (Overlap(i, j) >= bound) return true;
            if (_units[i].Vector is { } a && _units[j].Vector is { } b && Vectors.Dot(a, b) >= _options.MaxCosine) return true;
        }
        return false;
    }

    /// <summary>Content-word overlap of two units: the Jaccard similarity of their stemmed content words (shared over all distinct).</summary>
    public double Overlap(int i, int j)
    {
        var a = _content[i];
        var b = _content[j];
        if (a.Length == 0 || b.Length == 0) return 0;
        int shared = 0, x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y]) { shared++; x++; y++; }
            else if (a[x] < b[y]) x++;
            else y++;
        }
        return (double)shared / (a.Length + b.Length - shared);
    }

    /// <summary>Content-word overlap of two texts as <see cref="Overlap(int, int)"/> measures it.</summary>
    public static double Overlap(string a, string b)
    {
        var selector = new ContentSelector([new SelectionUnit(0, 0, a), new SelectionUnit(1, 0, b)]);
        return selector.Overlap(0, 1);
    }

    /// <summary>Lower-case alphanumeric tokens, as ROUGE reads text.</summary>
    internal static IEnumerable<string> Tokenize(string text)
    {
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool alnum = i < text.Length && char.IsAsciiLetterOrDigit(text[i]);
            if (alnum && start < 0) start = i;
            else if (!alnum && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>English function words (stems of), which make no concept alone.</summary>
    internal static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "ani", "any", "are", "as", "at", "be", "becaus", "because", "been",
        "befor", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "doe", "does", "do", "down", "dure", "during",
        "each", "few", "for", "from", "further", "had", "ha", "has", "have", "he", "her", "here", "hers", "herself", "him", "himself", "hi", "his",
        "how", "i", "if", "in", "into", "is", "it", "it", "its", "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off",
        "on", "onc", "once", "onli", "only", "or", "other", "our", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that",
        "the", "their", "them", "then", "there", "these", "they", "thi", "this", "those", "through", "to", "too", "under", "until", "up", "veri",
        "very", "wa", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
        "s", "t", "said", "say", "also", "mr", "ms", "one", "two", "new", "year", "last", "monday", "tuesday", "wednesday", "thursdai", "thursday",
        "fridai", "friday", "saturdai", "saturday", "sundai", "sunday", "todai", "today", "yesterdai", "yesterday",
    };
}
