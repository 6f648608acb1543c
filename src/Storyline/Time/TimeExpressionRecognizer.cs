using System.Text.RegularExpressions;
using Storyline.Documents;
using Storyline.Time.Rules;

namespace Storyline.Time;

/// <summary>Rule-based recogniser and normaliser of English time expressions (in the manner of HeidelTime and SUTime):
/// candidates from every rule, longest leftmost wins, then values resolved in reading order against the reference date,
/// the tense of the sentence and the last date the text mentioned.</summary>
public sealed partial class TimeExpressionRecognizer : ITimeExpressionRecognizer
{
    private readonly TimeRecognizerOptions _options;

    /// <summary>Creates a recogniser.</summary>
    public TimeExpressionRecognizer(TimeRecognizerOptions? options = null) => _options = options ?? TimeRecognizerOptions.Default;

    /// <summary>Recognises time expressions in a cleaned document, resolving relative ones against its publication date (which may be an estimate).</summary>
    public IReadOnlyList<TimeExpression> Recognize(ProcessedDocument document, CancellationToken cancellationToken = default) =>
        Recognize(document.Text, ReferenceDate(document.Metadata.Published), cancellationToken);

    /// <summary>The calendar day of a publication date, in its own offset, or null (also for a month or year estimate, which cannot anchor "on Tuesday").</summary>
    public static DateOnly? ReferenceDate(PublicationDate? published) =>
        published is null || published.Granularity != TimeGranularity.Day ? null : DateOnly.FromDateTime(published.Value.DateTime);

    /// <inheritdoc />
    public IReadOnlyList<TimeExpression> Recognize(string text, DateOnly? reference, CancellationToken cancellationToken) =>
        Recognize(text, reference, null, cancellationToken);

    /// <summary>As <see cref="Recognize(string, DateOnly?, CancellationToken)"/>, also adding to <paramref name="ruleNames"/> the name of
    /// the rule that decided each expression (in the same order), to trace a value back to its rule.</summary>
    internal IReadOnlyList<TimeExpression> Recognize(string text, DateOnly? reference, List<string>? ruleNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var candidates = new List<(int Start, int Length, int Priority, ITimeRule Rule, Match Match, DurationPrefix Prefix)>();
        bool guarded = !RunsAreShort(text);
        for (int r = 0; r < Rules.Length; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rule = Rules[r];
            try
            {
                foreach (var m in Find(rule, text, guarded))
                {
                    if (m.Length == 0) continue;
                    // A "span" group narrows the expression to part of the match ("for years" -> "years").
                    var span = m.Groups["span"];
                    int start = span.Success ? span.Index : m.Index, end = span.Success ? span.Index + span.Length : m.Index + m.Length;
                    DurationPrefix prefix = default;
                    if (rule.TakesPrefix) (start, prefix) = DurationEdges.ExtendDurationLeft(text, start, end);
                    candidates.Add((start, end - start, r, rule, m, prefix));
                    if (rule.TakesAgo && DurationEdges.AgoDirection(text, end) is { } ago)
                        candidates.Add((start, end + ago.Length - start, r, DirectionRule, m, prefix));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological input (only a guarded pattern has a timeout) must not stall the pipeline: skip the rule for this text.
            }
        }
        // Longest first, then rule order: a full date beats the month-and-day inside it.
        candidates.Sort((a, b) => a.Length != b.Length ? b.Length.CompareTo(a.Length) : a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority) : a.Start.CompareTo(b.Start));
        var taken = new List<(int Start, int Length, ITimeRule Rule, Match Match, DurationPrefix Prefix)>();
        var occupied = new SortedList<int, int>();
        foreach (var c in candidates)
        {
            if (Overlaps(occupied, c.Start, c.Start + c.Length)) continue;
            occupied.Add(c.Start, c.Start + c.Length);
            taken.Add((c.Start, c.Length, c.Rule, c.Match, c.Prefix));
        }
        taken.Sort((a, b) => a.Start.CompareTo(b.Start));

        var context = new ResolveContext(text, reference, _options);
        var results = new List<TimeExpression>(taken.Count);
        foreach (var (start, length, rule, match, prefix) in taken)
        {
            context.Prefix = prefix;
            cancellationToken.ThrowIfCancellationRequested();
            TimexResult? resolved;
            try
            {
                resolved = rule.Resolve(match, context);
            }
            catch (ArgumentOutOfRangeException)
            {
                resolved = null; // an out-of-range calendar value ("February 30"): not a date.
            }
            if (resolved is not { } value) continue;
            var span = new TextSpan(start, length);
            results.Add(new TimeExpression(span, span.Slice(text), value.Type, value.Value, value.Granularity, value.Mod));
            ruleNames?.Add(rule.Name);
            context.Remember(value);
        }
        return results;
    }

    /// <summary>The longest run of whitespace and '-' characters, and of ASCII digits, that the rules' patterns may run over without a timeout.</summary>
    internal const int MaxRun = 16;

    /// <summary>Whether no run of whitespace and '-' characters, nor of ASCII digits, in <paramref name="text"/> is longer than <see cref="MaxRun"/>.
    /// The rules' patterns repeat nothing else, so then each loop has at most <see cref="MaxRun"/> lengths to try at a start position,
    /// the work there is bounded, and the patterns may run without a timeout; otherwise they run under one.</summary>
    internal static bool RunsAreShort(string text)
    {
        int spaces = 0, digits = 0;
        foreach (var c in text)
        {
            spaces = c == '-' || char.IsWhiteSpace(c) ? spaces + 1 : 0;
            digits = char.IsAsciiDigit(c) ? digits + 1 : 0;
            if (spaces > MaxRun || digits > MaxRun) return false;
        }
        return true;
    }

    /// <summary>The matches of <paramref name="rule"/> in <paramref name="text"/>, searched only near its trigger when it has one;
    /// <paramref name="guarded"/>: with the rule's pattern under a match timeout.</summary>
    internal static IEnumerable<Match> Find(ITimeRule rule, string text, bool guarded = false)
    {
        var pattern = guarded ? rule.GuardedPattern : rule.Pattern;
        if (rule.Trigger is null)
        {
            foreach (Match m in pattern.Matches(text)) yield return m;
            yield break;
        }
        foreach (var (ws, we) in Windows(text, rule.Trigger))
        {
            for (var m = pattern.Match(text, ws, we - ws); m.Success; m = m.NextMatch()) yield return m;
        }
    }

    // Windows of whole words around each trigger match, merged where they overlap.
    private static List<(int Start, int End)> Windows(string text, Regex trigger)
    {
        var windows = new List<(int Start, int End)>();
        foreach (Match t in trigger.Matches(text))
        {
            int ws = Math.Max(0, t.Index - 48);
            while (ws > 0 && ws < t.Index && !char.IsWhiteSpace(text[ws - 1])) ws++;
            int we = Math.Min(text.Length, t.Index + t.Length + 40), cap = Math.Min(text.Length, we + 80);
            while (we < cap && !char.IsWhiteSpace(text[we])) we++;
            if (windows.Count > 0 && ws <= windows[^1].End) windows[^1] = (windows[^1].Start, Math.Max(windows[^1].End, we));
            else windows.Add((ws, we));
        }
        return windows;
    }

    private static bool Overlaps(SortedList<int, int> occupied, int start, int end)
    {
        // Binary search for the last interval starting before end.
        var keys = occupied.Keys;
        int lo = 0, hi = keys.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (keys[mid] < end) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found >= 0 && occupied.Values[found] > start;
    }
}
