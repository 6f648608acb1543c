using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"3/1/2018", "3/1/18": month/day/year dates.</summary>
internal sealed partial class NumericDateRule() : TimeRule("numeric", RxNumeric())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        int y = Int(m, "year");
        if (y < 100) y += y < 50 ? 2000 : 1900;
        var d = new DateOnly(y, Int(m, "m"), Int(m, "d"));
        return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, null, d);
    }

    [GeneratedRegex(B + @"(?<m>[01]?[0-9])/(?<d>[0-3]?[0-9])/(?<year>[0-9]{4}|[0-9]{2})" + E, Options)]
    private static partial Regex RxNumeric();
}
