using System.Globalization;
using Storyline.Documents;
using Storyline.Text;
using Storyline.Time;

namespace Storyline.Briefing;

/// <summary>A sentence of a source document that a briefing or timeline rests on.</summary>
/// <param name="DocumentId">The stored document.</param>
/// <param name="Span">The sentence's characters in the document's cleaned text.</param>
public sealed record Citation(long DocumentId, TextSpan Span);

/// <summary>A dated event of a story: its date as resolved, the sentence it comes from, and every source that reports it.</summary>
public sealed record TimelineEvent(DateOnly Date, TimeGranularity Granularity, string DateValue, string Text, IReadOnlyList<Citation> Sources);

/// <summary>Options for <see cref="TimelineBuilder"/>.</summary>
/// <param name="MergeSimilarity">Two events on the same date whose sentences share this much of their content words (Jaccard) are one event.</param>
public sealed record TimelineOptions(double MergeSimilarity = 0.2);

/// <summary>Builds a story's timeline from the dated sentences of its documents, merging the same event reported by several sources.</summary>
public sealed class TimelineBuilder(TimelineOptions? options = null)
{
    private readonly TimelineOptions _options = options ?? new TimelineOptions();

    /// <summary>Events in date order.</summary>
    public IReadOnlyList<TimelineEvent> Build(IEnumerable<AnalysedDocument> documents, CancellationToken cancellationToken = default)
    {
        var events = new List<(TimelineEvent Event, HashSet<string> Words)>();
        // Only events on the same date can merge: look there, not through every event so far (that made a story's timeline quadratic).
        var byDate = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var doc in documents.OrderBy(d => d.SortDate).ThenBy(d => d.Document.Id))
        {
            foreach (var (sentence, time) in DatedSentences(doc))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!TryDate(time.Value, out var date)) continue;
                var text = sentence.Span.Slice(doc.Text);
                var words = ContentWords(text);
                var citation = new Citation(doc.Document.Id, sentence.Span);
                if (!byDate.TryGetValue(time.Value, out var sameDate)) byDate[time.Value] = sameDate = [];
                var match = -1;
                foreach (var i in sameDate)
                    if (Jaccard(events[i].Words, words) >= _options.MergeSimilarity) { match = i; break; }
                if (match >= 0)
                {
                    var existing = events[match];
                    if (existing.Event.Sources.All(s => s.DocumentId != doc.Document.Id))
                        events[match] = (existing.Event with { Sources = [.. existing.Event.Sources, citation] }, existing.Words);
                    continue;
                }
                sameDate.Add(events.Count);
                events.Add((new TimelineEvent(date, time.Granularity, time.Value, text, [citation]), words));
            }
        }
        // A whole year sorts before the months and days in it.
        return [.. events.Select(e => e.Event).OrderBy(e => e.Date).ThenByDescending(e => e.Granularity)];
    }

    /// <summary>Sentences that report something dated: a calendar date (day, month or year) resolved to digits, outside quotations, transcript turns and questions (a claim in a quote is not an event).</summary>
    internal static IEnumerable<(Sentence Sentence, TimeExpression Time)> DatedSentences(AnalysedDocument doc)
    {
        int t = 0;
        var times = doc.Times;
        foreach (var sentence in doc.Analysis.Sentences)
        {
            while (t < times.Count && times[t].Span.End <= sentence.Span.Start) t++;
            if (sentence.StartsInsideQuote || doc.InTranscriptTurn(sentence.Block) || sentence.Span.Slice(doc.Text).TrimEnd().EndsWith('?')) continue;
            for (int i = t; i < times.Count && times[i].Span.Start < sentence.Span.End; i++)
            {
                var time = times[i];
                if (time.Type != TimexType.Date || time.Granularity is not (TimeGranularity.Day or TimeGranularity.Month or TimeGranularity.Year)) continue;
                if (InsideQuotation(doc.Analysis, time.Span)) continue;
                yield return (sentence, time);
                break;
            }
        }
    }

    private static bool InsideQuotation(TextAnalysis analysis, TextSpan span) =>
        analysis.Quotations.Any(q => q.Segments.Any(s => s.Start <= span.Start && span.End <= s.End));

    /// <summary>Reads "2020-07-09", "2020-07" or "2020" into the first day of that period.</summary>
    public static bool TryDate(string value, out DateOnly date)
    {
        date = default;
        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];
        foreach (var format in formats)
        {
            if (value.Length == format.Length && DateOnly.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        }
        return false;
    }

    internal static HashSet<string> ContentWords(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in text.Split([' ', ',', '.', ';', ':', '“', '”', '"', '‘', '’', '(', ')', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var lower = w.ToLowerInvariant();
            if (lower.Length > 3) words.Add(lower);
        }
        return words;
    }

    internal static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        int shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
