using System.Text.RegularExpressions;
using static Storyline.Time.TimexValues;

namespace Storyline.Time;

/// <summary>A rule's normalised result.</summary>
internal readonly record struct TimexResult(TimexType Type, string Value, TimeGranularity Granularity, string? Mod = null, DateOnly? Date = null);

/// <summary>The approximation ("about") and determiner ("the past") found before a duration, lower-cased.</summary>
internal readonly record struct DurationPrefix(string? Approx, string? Pre);

internal enum Tense { Unknown, Past, Future }

/// <summary>What resolution needs: the reference date, the text around a match, and the dates mentioned so far.</summary>
internal sealed partial class ResolveContext(string text, DateOnly? reference, TimeRecognizerOptions options)
{
    public string Text { get; } = text;

    public DateOnly? Reference { get; } = reference;

    /// <summary>The prefix found before the match being resolved (durations only).</summary>
    public DurationPrefix Prefix { get; set; }

    /// <summary>The last date mentioned (start of its period) and its granularity, for "the next day" or "a year earlier".</summary>
    public (DateOnly Date, TimeGranularity Granularity)? Anchor { get; private set; }

    /// <summary>The last quarter mentioned, for financial reports' "the year-earlier quarter".</summary>
    public (int Year, int Quarter)? LastQuarter { get; private set; }

    public void Remember(TimexResult result)
    {
        if (result.Date is not { } d || result.Type is TimexType.Duration or TimexType.Set) return;
        if (options.UseDocumentAnchor) Anchor = (d, result.Granularity);
        if (result.Granularity == TimeGranularity.Quarter) LastQuarter = (d.Year, QuarterOf(d));
    }

    /// <summary>The anchor for text-relative expressions: the last date mentioned, else the reference date.</summary>
    public DateOnly? AnchorDate => Anchor?.Date ?? Reference;

    /// <summary>The tense of the clause around [start, end): the nearer of a future marker ("will") and a past marker ("said", "-ed").</summary>
    public Tense TenseAt(int start, int end)
    {
        if (!options.UseTense) return Tense.Unknown;
        int from = start, to = end;
        while (from > 0 && start - from < 250 && !IsSentenceEnd(from - 1)) from--;
        while (to < Text.Length && to - end < 250 && !IsSentenceEnd(to)) to++;
        int bestFuture = int.MaxValue, bestPast = int.MaxValue;
        foreach (Match m in FutureMarker().Matches(Text[from..to]))
            bestFuture = Math.Min(bestFuture, Distance(from + m.Index, from + m.Index + m.Length, start, end));
        // A possessive ("Wednesday's ruling") names something that has happened.
        if (end + 1 < Text.Length && Text[end] is '\'' or '’' && Text[end + 1] == 's') return Tense.Past;
        foreach (Match m in PastMarker().Matches(Text[from..to]))
        {
            int at = from + m.Index;
            if (at >= start && at < end) continue; // inside the expression itself ("last", "ago" are handled by rules)
            bestPast = Math.Min(bestPast, Distance(at, at + m.Length, start, end));
        }
        if (bestFuture == int.MaxValue && bestPast == int.MaxValue) return Tense.Unknown;
        return bestFuture <= bestPast ? Tense.Future : Tense.Past;
    }

    private bool IsSentenceEnd(int i) => Text[i] is '\n' or '!' or '?' or ';' || (Text[i] == '.' && i + 1 < Text.Length && char.IsWhiteSpace(Text[i + 1]) && i > 0 && char.IsLower(Text[i - 1]));

    // The governing verb usually comes before the time expression, so markers after it count double.
    private static int Distance(int a, int b, int start, int end) => b <= start ? start - b : a >= end ? 2 * (a - end) : 0;

    /// <summary>The word before <paramref name="index"/>, lower-cased.</summary>
    public string PreviousWord(int index)
    {
        int j = index - 1;
        while (j >= 0 && char.IsWhiteSpace(Text[j])) j--;
        int e = j + 1;
        while (j >= 0 && char.IsLetter(Text[j])) j--;
        return Text[(j + 1)..e].ToLowerInvariant();
    }

    [GeneratedRegex(@"\b(?:will|won't|wo n't|shall|going to|gonna|plans? to|scheduled to|expected to|expects? to|is to|are to|due to|would|intends? to|upcoming|next|tomorrow|as soon as|as early as|no later than)\b|['’]ll\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FutureMarker();

    [GeneratedRegex(@"\b(?:said|was|were|had|did|ago|last|yesterday|earlier|told|\w{3,}ed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PastMarker();
}
