using System.Text;

namespace Storyline.Stories;

/// <summary>A sparse, L2-normalised term vector: term ids in ascending order with weights.</summary>
public sealed record TermVector(int[] Terms, float[] Weights)
{
    /// <summary>The empty vector.</summary>
    public static TermVector Empty { get; } = new([], []);

    /// <summary>Cosine similarity of two normalised vectors (a merge over the sorted term ids).</summary>
    public float Dot(TermVector other)
    {
        float sum = 0;
        int i = 0, j = 0;
        while (i < Terms.Length && j < other.Terms.Length)
        {
            var a = Terms[i];
            var b = other.Terms[j];
            if (a == b) { sum += Weights[i] * other.Weights[j]; i++; j++; }
            else if (a < b) i++;
            else j++;
        }
        return sum;
    }
}

/// <summary>Options for <see cref="TermVectorizer"/>.</summary>
/// <param name="NameWeight">Extra weight for capitalised words and name bigrams, which carry most of a story's identity (people, places, organisations).</param>
/// <param name="TitleWeight">Extra weight for terms in the headline.</param>
/// <param name="MaxTerms">Keep only this many highest-weighted terms per document, so that similarity is dominated by what the article is about.</param>
public sealed record TermVectorizerOptions(float NameWeight = 2.0f, float TitleWeight = 2.0f, int MaxTerms = 200);

/// <summary>How many documents hold a term, and the term's id in the clustering state.</summary>
/// <param name="Id">The term's id: ids are given in the order terms are first seen.</param>
/// <param name="DocumentFrequency">Documents counted that hold the term.</param>
public readonly record struct TermStatistic(int Id, int DocumentFrequency);

/// <summary>The statistics of one document's terms after counting it: what vectorising it needs, and no more.</summary>
/// <param name="Documents">Documents counted so far.</param>
/// <param name="Terms">Each of the document's terms.</param>
public sealed record TermStatistics(int Documents, IReadOnlyDictionary<string, TermStatistic> Terms);

/// <summary>Turns documents into tf-idf vectors, with document frequencies over the documents seen so far plus a background corpus: counted
/// by a clustering state (<see cref="Vectorize(IReadOnlyDictionary{string, float}, TermStatistics, int?)"/>) or by the vectorizer itself
/// (<see cref="Observe"/>, for a one-off set of texts).</summary>
public sealed class TermVectorizer(TermVectorizerOptions options, BackgroundFrequencies? background = null)
{
    private readonly BackgroundFrequencies _background = background ?? BackgroundFrequencies.None;
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<int> _documentFrequency = [];
    private int _documents;

    /// <summary>Number of documents observed.</summary>
    public int Documents => _documents;

    /// <summary>Counts a document's terms into this vectorizer's own document frequencies; call once per document.</summary>
    public void Observe(IReadOnlyDictionary<string, float> terms)
    {
        _documents++;
        foreach (var term in terms.Keys) _documentFrequency[Id(term)]++;
    }

    /// <summary>The weighted, pruned, normalised vector of a document's term counts, by this vectorizer's own document frequencies.</summary>
    public TermVector Vectorize(IReadOnlyDictionary<string, float> terms)
    {
        var statistics = new Dictionary<string, TermStatistic>(terms.Count, StringComparer.Ordinal);
        foreach (var term in terms.Keys)
        {
            var id = Id(term);
            statistics[term] = new TermStatistic(id, _documentFrequency[id]);
        }
        return Vectorize(terms, new TermStatistics(_documents, statistics));
    }

    private int Id(string term)
    {
        if (!_ids.TryGetValue(term, out var id))
        {
            id = _ids.Count;
            _ids[term] = id;
            _documentFrequency.Add(0);
        }
        return id;
    }

    /// <summary>The weighted, pruned (to <paramref name="maxTerms"/>, or the options' limit), normalised vector of a document's term counts.</summary>
    public TermVector Vectorize(IReadOnlyDictionary<string, float> terms, TermStatistics statistics, int? maxTerms = null)
    {
        var weighted = new List<(int Id, float Weight)>(terms.Count);
        foreach (var (term, tf) in terms)
        {
            var stat = statistics.Terms[term];
            var df = stat.DocumentFrequency + _background.Frequencies.GetValueOrDefault(term);
            // Smoothed idf over the store plus the background corpus; a term in nearly every document carries no story identity.
            var idf = MathF.Log((1f + statistics.Documents + _background.Documents) / (1f + df)) + 1f;
            weighted.Add((stat.Id, (1f + MathF.Log(tf)) * idf));
        }
        var top = weighted.OrderByDescending(w => w.Weight).Take(maxTerms ?? options.MaxTerms).OrderBy(w => w.Id).ToArray();
        var norm = MathF.Sqrt(top.Sum(t => t.Weight * t.Weight));
        if (norm == 0) return TermVector.Empty;
        return new TermVector([.. top.Select(t => t.Id)], [.. top.Select(t => t.Weight / norm)]);
    }

    /// <summary>Term counts of a document: content words (lower-cased, light plural folding), capitalised words and name bigrams weighted up, headline terms weighted up.</summary>
    public Dictionary<string, float> Terms(string? title, string text)
    {
        var counts = new Dictionary<string, float>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(title)) AddTerms(counts, title, options.TitleWeight);
        AddTerms(counts, text, 1f);
        return counts;
    }

    private void AddTerms(Dictionary<string, float> counts, string text, float weight)
    {
        string? previousName = null;
        bool sentenceStart = true;
        var word = new StringBuilder();
        for (int i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c) || ((c == '\'' || c == '’' || c == '-') && word.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1])))
            {
                word.Append(c);
                continue;
            }
            if (word.Length > 0)
            {
                var w = word.ToString();
                word.Clear();
                var isName = char.IsUpper(w[0]) && !sentenceStart && w.Length > 1;
                var lower = Fold(w.ToLowerInvariant());
                if (!StopWords.Contains(lower) && lower.Length > 2 && !lower.All(char.IsDigit))
                {
                    Add(counts, lower, weight * (isName ? options.NameWeight : 1f));
                    if (isName && previousName is not null) Add(counts, previousName + "_" + lower, weight * options.NameWeight);
                }
                previousName = isName ? lower : null;
                sentenceStart = false;
            }
            if (c is '.' or '!' or '?' or '\n' or '“' or '"' or ':') { sentenceStart = true; previousName = null; }
            else if (!char.IsWhiteSpace(c)) previousName = null;
        }
    }

    private static void Add(Dictionary<string, float> counts, string term, float weight) =>
        counts[term] = counts.GetValueOrDefault(term) + weight;

    // Light plural folding: "sanctions" and "sanction" are one term; not a stemmer.
    private static string Fold(string w) =>
        w.Length > 4 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal)
            ? (w.EndsWith("ies", StringComparison.Ordinal) ? w[..^3] + "y" : w[..^1])
            : w;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "that", "with", "was", "were", "are", "has", "have", "had", "not", "but", "from", "this", "its", "his", "her",
        "their", "they", "them", "which", "who", "whom", "been", "will", "would", "could", "should", "said", "say", "says", "also", "after",
        "before", "about", "into", "than", "then", "there", "these", "those", "what", "when", "where", "while", "being", "more", "most", "other",
        "some", "such", "only", "over", "out", "our", "all", "any", "can", "may", "one", "two", "new", "year", "just", "like", "told", "did",
        "does", "him", "she", "you", "your", "how", "why", "because", "through", "during", "against", "between", "under", "again", "very",
        "since", "until", "each", "both", "few", "many", "much", "own", "same", "too", "now", "here", "according", "added", "reported", "report",
        "including", "people", "time", "last", "first", "week", "day", "month", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "mr", "ms", "mrs", "per", "cent", "percent", "still", "even", "well", "way", "get", "got", "make", "made",
    };
}
