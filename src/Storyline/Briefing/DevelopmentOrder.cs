using System.Text.RegularExpressions;
using Storyline.Briefing.Selection;
using Storyline.Documents;

namespace Storyline.Briefing;

/// <summary>The order in time of a story's developments, oldest first, from the evidence there is. A development with a stated publication
/// date is where its first article's date puts it. An undated one (no article with a stated date) is placed by the evidence between
/// documents: it comes after a development whose news it reports as past (one of its sentences with a past-time marker, "after …", "last
/// week", "had …ed", "earlier", restates the other's lead), after a dated development older than the latest date its text mentions (that
/// date is a lower bound of its own), and, more weakly, after an undated development whose latest mentioned date is earlier than its own.
/// The developments are then ordered so that as little evidence as possible is contradicted (greedily: the next is the one the least
/// evidence puts after a remaining one); where there is no evidence, the order of the dates the developments sort by (an estimate, else the
/// ingest time) stands.</summary>
internal static partial class DevelopmentOrder
{
    // Weights of the evidence that development a comes before development b.
    private const int StatedDates = 1000; // both dated: the dates decide
    private const int ReportsAsPast = 3;  // b reports a's news as past
    private const int BoundAfterDate = 2; // b's latest mentioned date is after a's stated date: b is later, whatever else the text says
    private const int LaterBound = 1;     // both undated, b mentions a later date than a does

    /// <summary>Share of a past clause's content words found in another development's lead from which the clause restates that lead's news
    /// ("after the sanctions on Xinjiang officials" against "The United States imposed sanctions on four officials in Xinjiang …").</summary>
    internal const double RestatesLead = 0.6;

    // A past clause names its event in a few words after the marker.
    private const int ClauseWords = 12;

    /// <summary>The developments of <paramref name="documents"/>, oldest first.</summary>
    public static List<long> Order(IReadOnlyList<AnalysedDocument> documents)
    {
        var developments = documents.GroupBy(d => d.Development).Select(g => new Development(g.Key, [.. g])).ToList();
        // Today's order is the fallback: the first article's sort date (stated, estimated, else ingest time), then the id.
        developments.Sort((x, y) => x.SortKey != y.SortKey ? x.SortKey.CompareTo(y.SortKey) : x.Id.CompareTo(y.Id));
        int n = developments.Count;
        if (n <= 1) return [.. developments.Select(d => d.Id)];
        var before = new int[n, n]; // evidence that i comes before j
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j) before[i, j] = Evidence(developments[i], developments[j]);
        var order = new List<long>(n);
        var remaining = Enumerable.Range(0, n).ToList();
        while (remaining.Count > 0)
        {
            // The development the least remaining evidence puts after another; ties keep the fallback order.
            int best = remaining[0];
            int bestAgainst = int.MaxValue;
            foreach (var i in remaining)
            {
                int against = 0;
                foreach (var j in remaining) if (j != i) against += Math.Max(0, before[j, i] - before[i, j]);
                if (against < bestAgainst) (best, bestAgainst) = (i, against);
            }
            order.Add(developments[best].Id);
            remaining.Remove(best);
        }
        return order;
    }

    // The weight of the evidence that a comes before b.
    private static int Evidence(Development a, Development b)
    {
        if (a.Stated is { } sa && b.Stated is { } sb) return sa < sb ? StatedDates : 0;
        int weight = 0;
        if (a.Stated is { } stated && b.Bound is { } bound && bound > stated) weight += BoundAfterDate;
        if (a.Stated is null && b.Stated is null && a.Bound is { } ba && b.Bound is { } bb && ba < bb) weight += LaterBound;
        if (Reports(b, a)) weight += ReportsAsPast;
        return weight;
    }

    // True when a clause of `later` opened by a past-time marker restates the lead of one of `earlier`'s articles.
    private static bool Reports(Development later, Development earlier)
    {
        foreach (var clause in later.PastClauses)
            foreach (var lead in earlier.Leads)
                if ((double)clause.Count(lead.Contains) / clause.Count >= RestatesLead) return true;
        return false;
    }

    /// <summary>Stemmed content words of a text.</summary>
    internal static HashSet<string> ContentWords(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in ContentSelector.Tokenize(text))
        {
            var stem = token.Length > 3 ? PorterStemmer.Stem(token) : token;
            if (!ContentSelector.StopWords.Contains(stem) && !ContentSelector.StopWords.Contains(token)) words.Add(stem);
        }
        return words;
    }

    /// <summary>The content words of each clause of a sentence that places an event in the past relative to the article: the words up to the
    /// clause's end after a past-time marker ("after the sanctions on Xinjiang officials", "following last week's vote", "had imposed
    /// sanctions …", "in the wake of …"); clauses of fewer than two content words say too little to name an event.</summary>
    internal static IEnumerable<HashSet<string>> PastClauses(string sentence)
    {
        foreach (Match marker in PastMarker().Matches(sentence))
        {
            var rest = sentence[marker.Index..];
            var end = rest.IndexOfAny([',', ';', '.', ':', '(']);
            var clause = string.Join(' ', (end > 0 ? rest[..end] : rest).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(ClauseWords));
            var words = ContentWords(clause);
            if (words.Count >= 2) yield return words;
        }
    }

    [GeneratedRegex(@"\b(?:[Aa]fter|[Ff]ollowing|[Ii]n the wake of|[Ll]ast (?:week|month|year|spring|summer|autumn|fall|winter|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'s|[Pp]reviously|had (?:been )?[a-z]+(?:ed|en|wn|ut|ld|ne))\b")]
    private static partial Regex PastMarker();

    private sealed class Development
    {
        public Development(long id, List<AnalysedDocument> documents)
        {
            Id = id;
            SortKey = documents.Min(d => d.SortDate);
            var stated = documents.Select(d => d.Document.Content.Metadata.Published).Where(p => p is { IsEstimate: false }).Select(p => p!.Value).ToList();
            Stated = stated.Count > 0 ? stated.Min() : null;
            var bounds = documents.Select(d => d.Document.Content.Metadata.Published).Where(p => p is { IsEstimate: true }).Select(p => p!.Value).ToList();
            Bound = bounds.Count > 0 ? bounds.Max() : null;
            foreach (var doc in documents)
            {
                var first = true;
                foreach (var sentence in doc.Analysis.Sentences)
                {
                    if (doc.Document.Content.Blocks.ElementAtOrDefault(sentence.Block) is not { } block || block.Kind == BlockKind.Heading) continue;
                    var text = sentence.Span.Slice(doc.Text);
                    // The lead is the news the article reports (and may itself report an earlier event as past: "… after the sanctions").
                    if (first) Leads.Add(ContentWords(text));
                    first = false;
                    PastClauses.AddRange(DevelopmentOrder.PastClauses(text));
                }
            }
        }

        public long Id { get; }
        public DateTimeOffset SortKey { get; }
        public DateTimeOffset? Stated { get; }
        public DateTimeOffset? Bound { get; }
        public List<HashSet<string>> Leads { get; } = [];
        public List<HashSet<string>> PastClauses { get; } = [];
    }
}
