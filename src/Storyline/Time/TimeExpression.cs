using Storyline.Documents;

namespace Storyline.Time;

/// <summary>TIMEX3 expression types.</summary>
public enum TimexType
{
    /// <summary>A calendar date or period ("July 9", "last year", "the third quarter").</summary>
    Date,
    /// <summary>A time of day, possibly with a date ("9 a.m. Tuesday", "this morning").</summary>
    Time,
    /// <summary>A length of time ("three years", "the past two months").</summary>
    Duration,
    /// <summary>A recurrence ("daily", "every week").</summary>
    Set,
}

/// <summary>The finest unit a normalised value pins down.</summary>
public enum TimeGranularity
{
    /// <summary>Not a calendar unit (PRESENT_REF, vague durations).</summary>
    Unknown,
    /// <summary>Seconds.</summary>
    Second,
    /// <summary>Minutes.</summary>
    Minute,
    /// <summary>Hours.</summary>
    Hour,
    /// <summary>Morning, afternoon, evening or night.</summary>
    PartOfDay,
    /// <summary>A day.</summary>
    Day,
    /// <summary>A weekend.</summary>
    Weekend,
    /// <summary>A week.</summary>
    Week,
    /// <summary>A month.</summary>
    Month,
    /// <summary>A season.</summary>
    Season,
    /// <summary>A quarter.</summary>
    Quarter,
    /// <summary>A half year.</summary>
    HalfYear,
    /// <summary>A year.</summary>
    Year,
    /// <summary>A decade.</summary>
    Decade,
    /// <summary>A century.</summary>
    Century,
}

/// <summary>A recognised time expression with its TIMEX3-style normalisation.</summary>
/// <param name="Span">Where it is in the text (determiners and modifiers included, prepositions not: "the past three years", "May").</param>
/// <param name="Text">The covered text.</param>
/// <param name="Type">DATE, TIME, DURATION or SET.</param>
/// <param name="Value">TIMEX3 value: "2020-07-09", "2020-05", "2019", "2020-W28", "1989-Q3", "199" (decade), "P3Y7M", "PRESENT_REF", "XXXX-07-09" when no reference date resolves it.</param>
/// <param name="Granularity">The finest unit the value pins down.</param>
/// <param name="Mod">TIMEX3 mod ("START", "MID", "END", "APPROX", "MORE_THAN", "LESS_THAN"), or null.</param>
public sealed record TimeExpression(TextSpan Span, string Text, TimexType Type, string Value, TimeGranularity Granularity, string? Mod = null)
{
    /// <summary>The TIMEX3 type name ("DATE", "TIME", "DURATION", "SET").</summary>
    public string TypeName => Type switch
    {
        TimexType.Date => "DATE",
        TimexType.Time => "TIME",
        TimexType.Duration => "DURATION",
        _ => "SET",
    };
}

/// <summary>Options for <see cref="TimeExpressionRecognizer"/>.</summary>
/// <param name="UseTense">Resolve "Friday" or "in October" backwards or forwards by the tense of the surrounding sentence.</param>
/// <param name="UseDocumentAnchor">Resolve "a year earlier" or "the next day" against the last date the text mentioned rather than the reference date.</param>
public sealed record TimeRecognizerOptions(bool UseTense = true, bool UseDocumentAnchor = true)
{
    /// <summary>The defaults.</summary>
    public static TimeRecognizerOptions Default { get; } = new();
}

/// <summary>Finds and normalises time expressions in text.</summary>
public interface ITimeExpressionRecognizer
{
    /// <summary>Every time expression in <paramref name="text"/>, in order, relative expressions resolved against <paramref name="reference"/> (the publication date) when given.</summary>
    IReadOnlyList<TimeExpression> Recognize(string text, DateOnly? reference, CancellationToken cancellationToken);
}
