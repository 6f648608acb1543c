using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"the year", "the week", "the day": the period in focus ("the year" as a length of time).</summary>
internal sealed partial class TheUnitRule() : TimeRule("the-unit", RxTheUnit())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var unit = m.Groups["runit"].Value.ToLowerInvariant();
        // "the year" reads as a length of time ("for the year", "during the year"); "the week(end)" and "the day" as the one in focus.
        if (unit == "year") return new(TimexType.Duration, "P1Y", TimeGranularity.Year);
        if (c.PreviousWord(m.Index) is "all" or "of" or "by" or "per" or "a") return null;
        DateOnly? b = unit == "day" ? c.AnchorDate : c.Reference;
        if (b is null) return null;
        return Shift(b.Value, unit, 0, null);
    }

    [GeneratedRegex(B + @"the\s+(?:(?<fy>fiscal|calendar)[-\s]+)?(?<runit>year|week|weekend|day)" + E, Options)]
    private static partial Regex RxTheUnit();
}
