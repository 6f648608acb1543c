using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"the 1988 period": in quarterly reports, the quarter under discussion in that year.</summary>
internal sealed partial class YearPeriodRule() : TimeRule("year-period", RxYearPeriod())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        int y = Int(m, "year");
        // In quarterly reports "the 1988 period" is the quarter under discussion, in that year.
        if (c.LastQuarter is { } lq) return new(TimexType.Date, Quarter(y, lq.Quarter), TimeGranularity.Quarter);
        return new(TimexType.Date, TimexValues.Year(y), TimeGranularity.Year, null, new DateOnly(y, 1, 1));
    }

    [GeneratedRegex(B + @"the\s+" + Year + @"\s+period" + E, Options)]
    private static partial Regex RxYearPeriod();
}
