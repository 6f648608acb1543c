using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"10:35 a.m.", "14:00 GMT", "9 in the morning", "noon Friday": a clock time, on the reference day or a named one.</summary>
internal sealed partial class ClockRule(string name, Regex pattern, Regex? trigger = null) : TimeRule(name, pattern, trigger)
{
    /// <summary>"10:35 a.m.", "about 9 pm Friday".</summary>
    public static ClockRule AmPm() => new("clock", RxClock());

    /// <summary>"14:00", "09:30 GMT".</summary>
    public static ClockRule TwentyFourHour() => new("clock24", RxClock24());

    /// <summary>"9 in the morning".</summary>
    public static ClockRule Words() => new("clock-words", RxClockWords());

    /// <summary>"noon", "midnight Friday".</summary>
    public static ClockRule Noon() => new("noon", RxNoon());

    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        int h, mi = 0;
        if (m.Groups["noon"].Success)
        {
            h = m.Groups["noon"].Value.Equals("midnight", StringComparison.OrdinalIgnoreCase) ? 0 : 12;
        }
        else
        {
            h = Int(m, "h");
            if (m.Groups["mi"].Success) mi = Int(m, "mi");
            var ap = m.Groups["ap"].Value.ToLowerInvariant();
            if (m.Groups["part"].Success) ap = m.Groups["part"].Value.Equals("morning", StringComparison.OrdinalIgnoreCase) ? "a" : "p";
            if (ap.StartsWith('p') && h < 12) h += 12;
            if (ap.StartsWith('a') && h == 12) h = 0;
            if (h > 23) return null;
            // "10.30" without a.m./p.m. is a decimal, not a time.
            if (!m.Groups["ap"].Success && !m.Groups["part"].Success && !m.Value.Contains(':')) return null;
        }
        DateOnly? day = c.Reference;
        if (c.Reference is { } r)
        {
            if (m.Groups["wd"].Success) day = ResolveWeekday(c, m, r, TimexValues.Weekday(m.Groups["wd"].Value)!.Value, "");
            else if (m.Groups["rd"].Success) day = r.AddDays(m.Groups["rd"].Value.ToLowerInvariant() switch { "yesterday" => -1, "tomorrow" => 1, _ => 0 });
        }
        var time = $"T{h:00}:{mi:00}";
        var mod = m.Groups["approx"].Success ? "APPROX" : null; // clock's own approx group
        return day is { } d
            ? new(TimexType.Time, TimexValues.Day(d) + time, TimeGranularity.Minute, mod, d)
            : new(TimexType.Time, "XXXX-XX-XX" + time, TimeGranularity.Minute, mod);
    }

    [GeneratedRegex(B + @"(?:(?<approx>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?<h>[01]?[0-9])(?:[:.](?<mi>[0-5][0-9]))?\s*(?<ap>[ap]\.m\.?|[ap]m(?![a-z])|o'clock)(?:\s+(?<tz>(?-i:[ECMP][DS]T|GMT|UTC|BST)))?(?:(?:,?\s+(?:on\s+)?)(?:" + Weekday + @"|(?<rd>today|yesterday|tomorrow|tonight)))?" + E, Options)]
    private static partial Regex RxClock();

    [GeneratedRegex(B + @"(?<h>[01]?[0-9]|2[0-3]):(?<mi>[0-5][0-9])(?:\s+(?<tz>(?-i:[ECMP][DS]T|GMT|UTC|BST)))?(?![0-9])" + E, Options)]
    private static partial Regex RxClock24();

    [GeneratedRegex(B + @"(?<h>[01]?[0-9])(?::(?<mi>[0-5][0-9]))?\s+(?:o'clock\s+)?in\s+the\s+(?<part>morning|afternoon|evening)" + E, Options)]
    private static partial Regex RxClockWords();

    [GeneratedRegex(B + @"(?<noon>noon|midnight|midday)(?:\s+(?:on\s+)?(?:" + Weekday + @"|(?<rd>today|yesterday|tomorrow)))?" + E, Options)]
    private static partial Regex RxNoon();
}
