using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"Christmas", "last Thanksgiving", "Easter 2018": a holiday, its year taken from the tense.</summary>
internal sealed partial class HolidayRule() : TimeRule("holiday", RxHoliday(), TriggerRx())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var name = Squash(m.Groups["hol"].Value);
        int? year = m.Groups["year"].Success ? Int(m, "year") : null;
        if (year is null && c.Reference is { } r)
        {
            var probe = HolidayDate(name, r.Year);
            var rel = m.Groups["rel"].Value.ToLowerInvariant();
            var tense = rel == "last" ? Tense.Past : rel == "next" ? Tense.Future : c.TenseAt(m.Index, m.Index + m.Length);
            year = r.Year;
            if (tense == Tense.Past && probe > r) year--;
            if (tense == Tense.Future && probe < r) year++;
        }
        if (year is null) return new(TimexType.Date, "XXXX-XX-XX", TimeGranularity.Day);
        var d = HolidayDate(name, year.Value);
        if (name.EndsWith("week", StringComparison.Ordinal)) return new(TimexType.Date, Week(d), TimeGranularity.Week, null, d);
        return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, null, d);
    }

    private static DateOnly HolidayDate(string name, int y)
    {
        if (name.StartsWith("christmas eve", StringComparison.Ordinal)) return new DateOnly(y, 12, 24);
        if (name.StartsWith("christmas", StringComparison.Ordinal)) return new DateOnly(y, 12, 25);
        if (name.StartsWith("new year's eve", StringComparison.Ordinal)) return new DateOnly(y, 12, 31);
        if (name.StartsWith("new year", StringComparison.Ordinal)) return new DateOnly(y, 1, 1);
        if (name.StartsWith("thanksgiving", StringComparison.Ordinal)) return NthWeekday(y, 11, DayOfWeek.Thursday, 4);
        if (name.StartsWith("easter monday", StringComparison.Ordinal)) return Easter(y).AddDays(1);
        if (name.StartsWith("easter", StringComparison.Ordinal)) return Easter(y);
        if (name.StartsWith("good friday", StringComparison.Ordinal)) return Easter(y).AddDays(-2);
        if (name.StartsWith("independence", StringComparison.Ordinal)) return new DateOnly(y, 7, 4);
        if (name.StartsWith("labor", StringComparison.Ordinal)) return NthWeekday(y, 9, DayOfWeek.Monday, 1);
        if (name.StartsWith("memorial", StringComparison.Ordinal)) return NthWeekday(y, 5, DayOfWeek.Monday, -1);
        if (name.StartsWith("halloween", StringComparison.Ordinal)) return new DateOnly(y, 10, 31);
        if (name.StartsWith("valentine", StringComparison.Ordinal)) return new DateOnly(y, 2, 14);
        if (name.StartsWith("veterans", StringComparison.Ordinal)) return new DateOnly(y, 11, 11);
        if (name.StartsWith("boxing", StringComparison.Ordinal)) return new DateOnly(y, 12, 26);
        if (name.StartsWith("mother", StringComparison.Ordinal)) return NthWeekday(y, 5, DayOfWeek.Sunday, 2);
        if (name.StartsWith("father", StringComparison.Ordinal)) return NthWeekday(y, 6, DayOfWeek.Sunday, 3);
        // US election day: the Tuesday after the first Monday of November.
        return NthWeekday(y, 11, DayOfWeek.Monday, 1).AddDays(1);
    }

    [GeneratedRegex(B + @"(?:(?<rel>last|this|next)\s+)?(?<hol>Christmas(?:\s+Eve|\s+Day)?|New\s+Year's(?:\s+Day|\s+Eve)?|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday|\s+Monday|\s+week)?|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Halloween|Valentine's\s+Day|Election\s+Day|Veterans\s+Day|Boxing\s+Day|Good\s+Friday|Mother's\s+Day|Father's\s+Day)(?:\s+(?:of\s+)?" + Year + ")?" + E, Options)]
    private static partial Regex RxHoliday();

    [GeneratedRegex("christmas|year's|thanksgiving|easter|day|halloween|friday", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRx();
}
