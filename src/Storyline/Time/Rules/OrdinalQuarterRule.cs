using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"the third quarter", "the 1988 second quarter", "Q3 2018": a numbered quarter.</summary>
internal sealed partial class OrdinalQuarterRule(string name, Regex pattern, Regex? trigger = null) : TimeRule(name, pattern, trigger)
{
    /// <summary>"the third quarter of 2018", "last year's fourth quarter".</summary>
    public static OrdinalQuarterRule Named() => new("quarter", RxQuarter(), TriggerRx());

    /// <summary>"Q3 2018".</summary>
    public static OrdinalQuarterRule Code() => new("quarter-code", RxQuarterCode());

    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        int q = m.Groups["qn"].Success ? Int(m, "qn") : Ordinal(m.Groups["q"].Value) ?? 0;
        if (q is < 1 or > 4) return null;
        int? year = null;
        if (m.Groups["year"].Success) year = Int(m, "year");
        else if (m.Groups["ypre"].Success) year = Int(m, "ypre");
        else if (m.Groups["ry"].Success) year = RelativeYear(m.Groups["ry"].Value, c);
        else if (m.Groups["rpre"].Success) year = RelativeYear(m.Groups["rpre"].Value, c);
        else if (c.LastQuarter is { } lq && m.Groups["pre"].Success && m.Groups["pre"].Value.Equals("that", StringComparison.OrdinalIgnoreCase)) year = lq.Year;
        else if (c.Reference is { } r)
        {
            // The most recent such quarter that has begun; a future tense can point to the coming one.
            int current = QuarterOf(r);
            year = q <= current ? r.Year : r.Year - 1;
            if (q > current && c.TenseAt(m.Index, m.Index + m.Length) == Tense.Future) year = r.Year;
        }
        if (year is null) return new(TimexType.Date, $"XXXX-Q{q}", TimeGranularity.Quarter);
        return new(TimexType.Date, Quarter(year.Value, q), TimeGranularity.Quarter, null, new DateOnly(year.Value, (q - 1) * 3 + 1, 1));
    }

    [GeneratedRegex(B + @"(?:(?<pre>the|this|that)\s+(?!(?:fiscal\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)-)|(?:(?<rpre>this|last|next|the)\s+year's|(?<ypre>(?:1[6-9]|20)[0-9][0-9])'s|the\s+(?<ypre>(?:1[6-9]|20)[0-9][0-9]))\s+)?(?:(?:fiscal|calendar)\s+)?(?<q>first|second|third|fourth|1st|2nd|3rd|4th)[-\s](?:fiscal\s+)?(?:quarter|qtr\.?)(?:\s+(?:of\s+)?(?:(?:fiscal|calendar)\s+)?(?:" + Year + "|" + RelYear + "))?" + E, Options)]
    private static partial Regex RxQuarter();

    [GeneratedRegex("quarter|qtr", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRx();

    [GeneratedRegex(B + @"(?-i:Q(?<qn>[1-4]))\s+" + Year + E, Options)]
    private static partial Regex RxQuarterCode();
}
