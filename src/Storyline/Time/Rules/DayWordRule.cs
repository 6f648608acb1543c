using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"today", "yesterday morning", "the day before yesterday": a day named relative to the reference.</summary>
internal sealed partial class DayWordRule(string name, Regex pattern, Regex? trigger = null) : TimeRule(name, pattern, trigger)
{
    /// <summary>"today", "tonight", "yesterday morning".</summary>
    public static DayWordRule Word() => new("day-word", RxDayWord());

    /// <summary>"the day before yesterday", "the day after tomorrow".</summary>
    public static DayWordRule Around() => new("day-around", RxDayAround());

    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var rd = m.Groups["rd"].Value.ToLowerInvariant();
        int offset = rd switch { "yesterday" => -1, "tomorrow" => 1, _ => 0 };
        if (m.Groups["ba"].Success) offset += m.Groups["ba"].Value.Equals("before", StringComparison.OrdinalIgnoreCase) ? -1 : 1;
        string? part = m.Groups["part"].Success ? PartOfDay(m.Groups["part"].Value) : rd is "tonight" or "overnight" ? "TNI" : null;
        if (c.Reference is not { } r)
            return new(TimexType.Date, offset == 0 ? "PRESENT_REF" : offset < 0 ? "PAST_REF" : "FUTURE_REF", TimeGranularity.Unknown, ModOf(m));
        var d = r.AddDays(offset);
        if (part is not null && m.Groups["part"].Success)
            return new(TimexType.Time, TimexValues.Day(d) + "T" + part[1..], TimeGranularity.PartOfDay, ModOf(m), d);
        return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, ModOf(m), d);
    }

    [GeneratedRegex(B + @"(?:(?<mod>early|late|earlier|later)\s+)?(?<rd>today|tonight|yesterday|tomorrow|overnight)(?:\s+" + Part + ")?" + E, Options)]
    private static partial Regex RxDayWord();

    [GeneratedRegex(B + @"(?:the\s+)?day\s+(?<ba>before|after)\s+(?<rd>yesterday|tomorrow)" + E, Options)]
    private static partial Regex RxDayAround();
}
