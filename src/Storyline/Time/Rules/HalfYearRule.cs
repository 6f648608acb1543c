using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"the first half of 2018", "the second half of the year": a half year.</summary>
internal sealed partial class HalfYearRule() : TimeRule("half", RxHalf())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var h = m.Groups["h"].Value.ToLowerInvariant() is "first" or "1st" ? 1 : 2;
        int? year = m.Groups["year"].Success ? Int(m, "year") : m.Groups["ry"].Success ? RelativeYear(m.Groups["ry"].Value, c) : c.Reference?.Year;
        if (year is null) return new(TimexType.Date, $"XXXX-H{h}", TimeGranularity.HalfYear);
        return new(TimexType.Date, $"{TimexValues.Year(year.Value)}-H{h}", TimeGranularity.HalfYear, null, new DateOnly(year.Value, h == 1 ? 1 : 7, 1));
    }

    [GeneratedRegex(B + @"(?:the\s+)?(?<h>first|second|1st|2nd|latter|last)[-\s]half\s+(?:of\s+)?(?:(?:fiscal|the\s+fiscal)\s+)?(?:" + Year + "|" + RelYear + "|the\\s+year)" + E, Options)]
    private static partial Regex RxHalf();
}
