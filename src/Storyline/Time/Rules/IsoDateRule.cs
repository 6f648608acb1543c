using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"2018-03-01", "2018-03-01T10:30": ISO dates and date-times.</summary>
internal sealed partial class IsoDateRule() : TimeRule("iso", RxIso())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var d = new DateOnly(Int(m, "year"), Int(m, "m"), Int(m, "d"));
        if (m.Groups["hh"].Success)
            return new(TimexType.Time, $"{TimexValues.Day(d)}T{m.Groups["hh"].Value}:{m.Groups["mi"].Value}", TimeGranularity.Minute, null, d);
        return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, null, d);
    }

    [GeneratedRegex(B + @"(?<year>[0-9]{4})-(?<m>[01][0-9])-(?<d>[0-3][0-9])(?:T(?<hh>[0-2][0-9]):(?<mi>[0-5][0-9])(?::[0-5][0-9])?)?" + E, Options)]
    private static partial Regex RxIso();
}
