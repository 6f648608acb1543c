using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"year-earlier", "year-end": the year (or quarter) before, or the end of this year.</summary>
internal sealed partial class YearAdjectiveRule() : TimeRule("year-earlier", RxYearEarlier())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var adj = Squash(m.Groups["adj"].Value);
        if (c.Reference is not { } r) return new(TimexType.Date, "XXXX", TimeGranularity.Year);
        if (adj is "year-end" or "year end")
            return new(TimexType.Date, TimexValues.Year(r.Year), TimeGranularity.Year, "END", new DateOnly(r.Year, 1, 1));
        if (c.LastQuarter is { } lq) return new(TimexType.Date, Quarter(lq.Year - 1, lq.Quarter), TimeGranularity.Quarter);
        return new(TimexType.Date, TimexValues.Year(r.Year - 1), TimeGranularity.Year);
    }

    [GeneratedRegex(B + @"(?<adj>year-earlier|year-ago|year-before|prior-year|a-year-earlier|year-end|year\s+end)" + E, Options)]
    private static partial Regex RxYearEarlier();
}
