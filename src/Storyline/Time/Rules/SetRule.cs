using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"daily", "every two weeks", "twice a year", "on Mondays": a recurrence (TimeML SET).</summary>
internal sealed partial class SetRule(string name, Regex pattern, Regex? trigger = null) : TimeRule(name, pattern, trigger)
{
    /// <summary>"daily", "quarterly".</summary>
    public static SetRule Adverb() => new("set-adverb", RxSetAdverb());

    /// <summary>"every two weeks", "each morning".</summary>
    public static SetRule Every() => new("set-every", RxSetEvery());

    /// <summary>"three times a week", "$5 a day".</summary>
    public static SetRule Rate() => new("set-rate", RxSetRate());

    /// <summary>"on Mondays".</summary>
    public static SetRule Weekdays() => new("set-weekdays", RxSetWeekdays());

    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        if (m.Groups["set"].Success)
        {
            // "its quarterly dividend", "its first quarterly loss": in financial reports an amount for one quarter, not a recurrence
            // ("a daily rally", "his weekly address" do recur).
            if (m.Groups["set"].Value.Equals("quarterly", StringComparison.OrdinalIgnoreCase) && char.IsLetter(NextWord(c.Text.AsSpan(m.Index + m.Length)).FirstOrDefault())) return null;
            var (value, g) = m.Groups["set"].Value.ToLowerInvariant() switch
            {
                "daily" or "nightly" => ("P1D", TimeGranularity.Day),
                "weekly" => ("P1W", TimeGranularity.Week),
                "biweekly" => ("P2W", TimeGranularity.Week),
                "monthly" => ("P1M", TimeGranularity.Month),
                "quarterly" => ("P3M", TimeGranularity.Quarter),
                "hourly" => ("PT1H", TimeGranularity.Hour),
                "biannually" or "semiannually" => ("P6M", TimeGranularity.Month),
                _ => ("P1Y", TimeGranularity.Year),
            };
            return new(TimexType.Set, value, g);
        }
        if (m.Groups["wd"].Success)
            return new(TimexType.Set, $"XXXX-WXX-{IsoDay(TimexValues.Weekday(m.Groups["wd"].Value)!.Value)}", TimeGranularity.Day);
        if (m.Groups["part"].Success) return new(TimexType.Set, "XXXX-XX-XX" + PartOfDay(m.Groups["part"].Value), TimeGranularity.PartOfDay);
        if (m.Groups["season"].Success) return new(TimexType.Set, "XXXX-" + TimexValues.Season(m.Groups["season"].Value), TimeGranularity.Season);
        var unit = TimexValues.Unit(m.Groups["unit"].Value) ?? "year";
        double n = m.Groups["num"].Success ? Number(m.Groups["num"].Value) ?? 1 : 1;
        return new(TimexType.Set, TimexValues.Duration(n, unit), Granularity(unit));
    }

    [GeneratedRegex(B + @"(?<set>daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly|biweekly|biannually|semiannually)" + E, Options)]
    private static partial Regex RxSetAdverb();

    [GeneratedRegex(B + @"(?:every|each|per)\s+(?:other\s+)?(?:(?<num>[0-9]+|" + NumWord + @")\s+)?(?:" + Unit + "|" + Weekday + @"|(?<part>morning|night|evening|afternoon)|(?<season>spring|summer|fall|autumn|winter))" + E, Options)]
    private static partial Regex RxSetEvery();

    [GeneratedRegex(@"(?<=(?:[0-9]|%|\bonce|\btwice|\btimes|\bcents?|\bdollars?|\byuan|\beuros?|\bpounds?|\bcent|\bpercent|\bbarrels|\btons|\btonnes|\bmillion|\bbillion)\s+)a\s+(?<unit>year|month|week|day|hour)" + E, Options)]
    private static partial Regex RxSetRate();

    [GeneratedRegex(B + @"(?:on\s+)?(?-i:(?<wd>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))" + E, Options)]
    private static partial Regex RxSetWeekdays();
}
