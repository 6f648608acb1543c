using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"March 1", "the 1st of March", "last March 1": a month and day, the year taken from the reference and the tense.</summary>
internal sealed partial class MonthDayRule() : TimeRule("month-day", RxMonthDay())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        int month = TimexValues.Month(m.Groups["mon"].Value), day = Int(m, "day");
        if (day is < 1 or > 31) return null;
        // "May 5" needs the capital: "may 5" is a verb and a number; "the 5 of May" is fine.
        if (c.Reference is not { } r)
        {
            _ = new DateOnly(2000, month, day); // throws for "February 30", which is then no date
            return new(TimexType.Date, $"XXXX-{month:00}-{day:00}", TimeGranularity.Day);
        }
        int year = m.Groups["rel"].Value.ToLowerInvariant() switch
        {
            "last" => new DateOnly(r.Year, month, Math.Min(day, 28)) < r ? r.Year : r.Year - 1,
            "next" => new DateOnly(r.Year, month, Math.Min(day, 28)) > r ? r.Year : r.Year + 1,
            "this" => r.Year,
            "that" => c.AnchorDate?.Year ?? r.Year,
            _ => YearFor(c, m, r, month, day),
        };
        var d = new DateOnly(year, month, day);
        return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, null, d);
    }

    [GeneratedRegex(B + @"(?:(?<rel>last|this|next|that)\s+)?(?:" + Weekday + @",?\s+(?:the\s+)?)?(?:" + Month + @"\s*" + Day + @"|(?:the\s+)?" + Day + @"\s+(?:of\s+)?" + Month + ")(?!\\s*,?\\s*[0-9])" + E, Options)]
    private static partial Regex RxMonthDay();
}
