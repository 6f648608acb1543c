using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"March 1, 2018", "1 March 2018", "Thursday, March 1, 2018": a month, day and year.</summary>
internal sealed partial class FullDateRule() : TimeRule("full-date", RxFullDate())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var d = new DateOnly(Int(m, "year"), TimexValues.Month(m.Groups["mon"].Value), Int(m, "day"));
        return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, null, d);
    }

    [GeneratedRegex(B + @"(?:" + Weekday + @",?\s+(?:the\s+)?)?(?:" + Month + @"\s*" + Day + @"(?:,\s*|\s+)" + Year + "|" + Day + @"\s+(?:of\s+)?" + Month + @",?\s+" + Year + ")" + E, Options)]
    private static partial Regex RxFullDate();
}
