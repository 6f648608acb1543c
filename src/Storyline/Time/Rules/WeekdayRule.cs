using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"Thursday", "last Friday", "Monday night": a weekday, resolved back or forward by the tense.</summary>
internal sealed partial class WeekdayRule() : TimeRule("weekday", RxWeekday())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var wd = TimexValues.Weekday(m.Groups["wd"].Value)!.Value;
        var rel = m.Groups["rel"].Value.ToLowerInvariant();
        if (c.Reference is not { } r) return new(TimexType.Date, $"XXXX-WXX-{IsoDay(wd)}", TimeGranularity.Day);
        var d = ResolveWeekday(c, m, r, wd, rel);
        if (m.Groups["part"].Success)
            return new(TimexType.Time, TimexValues.Day(d) + "T" + PartOfDay(m.Groups["part"].Value)[1..], TimeGranularity.PartOfDay, ModOf(m), d);
        return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, ModOf(m), d);
    }

    [GeneratedRegex(B + @"(?:(?<mod>early|late)\s+)?(?:(?<rel>last|this|next|coming|past|previous|following)\s+)?" + Weekday + @"(?:\s+" + Part + ")?" + E, Options)]
    private static partial Regex RxWeekday();
}
