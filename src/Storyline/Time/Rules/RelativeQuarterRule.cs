using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"the latest quarter", "the year-earlier period", "last year's quarter": a quarter relative to the one under discussion.</summary>
internal sealed partial class RelativeQuarterRule(string name, Regex pattern, Regex? trigger = null) : TimeRule(name, pattern, trigger)
{
    /// <summary>"the latest quarter", "the year-earlier period".</summary>
    public static RelativeQuarterRule Relative() => new("quarter-relative", RxQuarterRelative(), TriggerRx());

    /// <summary>"last year's quarter".</summary>
    public static RelativeQuarterRule LastYears() => new("year-quarter", RxYearQuarter());

    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var which = Squash(m.Groups["which"].Value);
        var what = m.Groups["what"].Value.ToLowerInvariant();
        string text = Squash(m.Value);
        bool yearBack = which is "year-earlier" or "year-ago" or "prior-year" or "year-before" or "comparable" || text.StartsWith("last year's", StringComparison.Ordinal);
        // "period" alone is too vague; it is a quarter only in "the year-earlier period" and the like.
        if (what == "period" && !yearBack && which is not ("latest" or "same" or "comparable")) return null;
        if (which.Length == 0 && !text.StartsWith("the", StringComparison.Ordinal) && !text.Contains("year's", StringComparison.Ordinal)) return null;
        (int Year, int Quarter)? q = null;
        if (which is "this" or "current" && c.Reference is { } r0) q = (r0.Year, QuarterOf(r0));
        else if (which is "latest" or "past" or "recent" && c.Reference is { } r1) q = QuarterOf(r1) == 1 ? (r1.Year - 1, 4) : (r1.Year, QuarterOf(r1) - 1);
        else if (c.LastQuarter is { } lq) q = lq;
        else if (c.Reference is { } r)
        {
            int cur = QuarterOf(r);
            q = cur == 1 ? (r.Year - 1, 4) : (r.Year, cur - 1);
        }
        if (q is null) return new(TimexType.Date, "XXXX-QX", TimeGranularity.Quarter);
        var (y, n) = q.Value;
        if (yearBack) y--;
        var result = new TimexResult(TimexType.Date, Quarter(y, n), TimeGranularity.Quarter, null, new DateOnly(y, (n - 1) * 3 + 1, 1));
        return yearBack ? result with { Date = null } : result;
    }

    [GeneratedRegex(B + @"(?:the\s+)?(?:(?<which>latest|current|past|recent|last|previous|prior|same|year-earlier|year-ago|prior-year|comparable|year-before|this|that|year-earlier\s+third|fiscal)\s+)?(?:(?:fiscal|three-month|second|third|fourth|first)\s+)?(?<what>quarter|period)" + E, Options)]
    private static partial Regex RxQuarterRelative();

    [GeneratedRegex("quarter|period", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRx();

    [GeneratedRegex(B + @"(?:last|this|next)\s+year's\s+(?<what>quarter|period)" + E, Options)]
    private static partial Regex RxYearQuarter();
}
