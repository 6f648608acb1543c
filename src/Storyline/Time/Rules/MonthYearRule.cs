using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"March 2018", "early March last year": a month of a given or relative year.</summary>
internal sealed partial class MonthYearRule() : TimeRule("month-year", RxMonthYear())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        int month = TimexValues.Month(m.Groups["mon"].Value);
        int? year = m.Groups["year"].Success ? Int(m, "year") : RelativeYear(m.Groups["ry"].Value, c);
        if (year is null) return new(TimexType.Date, $"XXXX-{month:00}", TimeGranularity.Month, ModOf(m));
        return new(TimexType.Date, MonthValue(year.Value, month), TimeGranularity.Month, ModOf(m), new DateOnly(year.Value, month, 1));
    }

    [GeneratedRegex(B + Mod + "?" + Month + @",?\s+(?:of\s+)?(?:" + Year + "|" + RelYear + ")" + E, Options)]
    private static partial Regex RxMonthYear();
}
