using System.Globalization;
using System.Text.RegularExpressions;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>What several rules' resolvers share: reading groups, modifiers and relative years, and shifting a date by units.</summary>
internal static class ResolveHelpers
{
    // A month (and day) without a year: the reference year, moved back or forward a year when the tense says the
    // date must lie before or after the reference and the reference year's date does not.
    public static int YearFor(ResolveContext c, Match m, DateOnly r, int month, int? day)
    {
        var tense = c.TenseAt(m.Index, m.Index + m.Length);
        int diff = (month - r.Month) * 31 + ((day ?? 15) - r.Day);
        if (day is null) diff = (month - r.Month) * 31;
        // A dated day a few weeks off the reference is usually this year's whatever the tense ("payable Dec. 15",
        // "had until Jan. 14"); a month alone in a past sentence is last year's once it lies after the reference month.
        int slack = day is null ? 0 : 62;
        if (tense == Tense.Past && diff > slack) return r.Year - 1;
        if (tense == Tense.Future && diff < -slack) return r.Year + 1;
        // Without a tense, take the nearest: a December date in a January article is last year's.
        if (tense == Tense.Unknown && Math.Abs(diff) > 6 * 31) return diff > 0 ? r.Year - 1 : r.Year + 1;
        return r.Year;
    }

    public static int? RelativeYear(string rel, ResolveContext c)
    {
        rel = Squash(rel);
        if (rel is "that" or "the same") return c.AnchorDate?.Year;
        if (c.Reference is not { } r) return null;
        return rel switch
        {
            "last" or "the previous" => r.Year - 1,
            "next" or "the following" => r.Year + 1,
            _ => r.Year,
        };
    }

    public static DateOnly ResolveWeekday(ResolveContext c, Match m, DateOnly r, DayOfWeek wd, string rel)
    {
        int back = ((int)r.DayOfWeek - (int)wd + 7) % 7, forward = ((int)wd - (int)r.DayOfWeek + 7) % 7;
        switch (rel)
        {
            case "last" or "past" or "previous":
                return r.AddDays(back == 0 ? -7 : -back);
            case "next" or "coming" or "following":
                return r.AddDays(forward == 0 ? 7 : forward);
            case "this":
                return r.AddDays(IsoDay(wd) - IsoDay(r.DayOfWeek));
        }
        if (back == 0) return r;
        return c.TenseAt(m.Index, m.Index + m.Length) == Tense.Future ? r.AddDays(forward) : r.AddDays(-back);
    }

    public static TimexResult? Shift(DateOnly b, string unit, int k, string? mod)
    {
        switch (unit)
        {
            case "second" or "minute" or "hour":
                return new(TimexType.Time, TimexValues.Day(b), TimeGranularity.Day, mod, b);
            case "day" or "night":
                var d = b.AddDays(k);
                return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, mod, d);
            case "weekend":
                // The weekend "this" refers to is the one just past until midweek, then the coming one.
                var saturday = b.AddDays(-(((int)b.DayOfWeek - (int)DayOfWeek.Saturday + 7) % 7));
                if (b.DayOfWeek is DayOfWeek.Thursday or DayOfWeek.Friday) saturday = saturday.AddDays(7);
                saturday = saturday.AddDays(7 * k);
                return new(TimexType.Date, Week(saturday) + "-WE", TimeGranularity.Weekend, mod, saturday);
            case "week" or "fortnight":
                var w = b.AddDays(7 * k * (unit == "fortnight" ? 2 : 1));
                return new(TimexType.Date, Week(w), TimeGranularity.Week, mod, w);
            case "month":
                var mo = b.AddMonths(k);
                return new(TimexType.Date, MonthValue(mo.Year, mo.Month), TimeGranularity.Month, mod, new DateOnly(mo.Year, mo.Month, 1));
            case "quarter":
                var qd = b.AddMonths(3 * k);
                return new(TimexType.Date, Quarter(qd.Year, QuarterOf(qd)), TimeGranularity.Quarter, mod, new DateOnly(qd.Year, (QuarterOf(qd) - 1) * 3 + 1, 1));
            case "decade":
                int dy = b.Year + 10 * k;
                return new(TimexType.Date, TimexValues.Decade(dy), TimeGranularity.Decade, mod, new DateOnly(dy / 10 * 10, 1, 1));
            case "century" or "millennium":
                int cy = b.Year + 100 * k;
                return new(TimexType.Date, (cy / 100).ToString("00", CultureInfo.InvariantCulture), TimeGranularity.Century, mod);
            default:
                int y = b.Year + k;
                return new(TimexType.Date, TimexValues.Year(y), TimeGranularity.Year, mod, new DateOnly(y, 1, 1));
        }
    }

    public static string NextWord(ReadOnlySpan<char> after)
    {
        int i = 0;
        while (i < after.Length && after[i] == ' ') i++;
        int s = i;
        while (i < after.Length && char.IsLetter(after[i])) i++;
        return after[s..i].ToString();
    }

    public static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    public static string Squash(string s) => string.Join(' ', s.ToLowerInvariant().Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    public static string? ModOf(Match m)
    {
        if (!m.Groups["mod"].Success) return null;
        var mod = Squash(m.Groups["mod"].Value);
        if (mod.StartsWith("the ", StringComparison.Ordinal)) mod = mod[4..];
        if (mod.StartsWith("early", StringComparison.Ordinal) || mod.StartsWith("beginning", StringComparison.Ordinal) || mod.StartsWith("start", StringComparison.Ordinal)
            || mod.StartsWith("first", StringComparison.Ordinal)) return "START";
        if (mod.StartsWith("mid", StringComparison.Ordinal)) return "MID";
        if (mod.StartsWith("late", StringComparison.Ordinal) || mod.StartsWith("end", StringComparison.Ordinal) || mod.StartsWith("close", StringComparison.Ordinal)
            || mod.StartsWith("turn", StringComparison.Ordinal) || mod.StartsWith("second", StringComparison.Ordinal) || mod.StartsWith("last", StringComparison.Ordinal)) return "END";
        return null;
    }

    public static string? ApproxMod(string? approx)
    {
        if (approx is null) return null;
        var a = approx;
        return a switch
        {
            "more than" or "over" or "well over" => "MORE_THAN",
            "less than" or "under" or "barely" => "LESS_THAN",
            "at least" or "no less than" => "EQUAL_OR_MORE",
            "at most" or "up to" or "no more than" => "EQUAL_OR_LESS",
            "nearly" or "almost" or "close to" => "LESS_THAN",
            _ => "APPROX",
        };
    }
}
