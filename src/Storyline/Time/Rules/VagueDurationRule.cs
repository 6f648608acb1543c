using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"the past few years", "for months": an unquantified length of time ("in recent years" is the past).</summary>
internal sealed partial class VagueDurationRule(string name, Regex pattern, Regex? trigger = null) : TimeRule(name, pattern, trigger)
{
    /// <summary>"the past few years", "the coming months".</summary>
    public static VagueDurationRule Determined() => new("vague-duration", RxVagueDuration());

    /// <summary>"for months", "within weeks".</summary>
    public static VagueDurationRule ForPlural() => new("for-plural", RxForPlural());

    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var unit = TimexValues.Unit(m.Groups["unit"].Value);
        if (unit is null) return null;
        var pre = Squash(m.Groups["pre"].Value);
        if (pre is "recent" or "in recent") return new(TimexType.Date, "PAST_REF", TimeGranularity.Unknown);
        if (pre is "early" or "first" or "final") return null;
        return new(TimexType.Duration, TimexValues.Duration(null, unit), Granularity(unit));
    }

    [GeneratedRegex(B + @"(?:(?<pre>(?:the\s+)?(?:past|last|next|coming|recent|following|previous|subsequent|ensuing|early|final|first)(?:\s+(?:few|several))?)\s+)(?<unit>years|months|weeks|days|hours|minutes|decades|centuries|quarters)" + E, Options)]
    private static partial Regex RxVagueDuration();

    [GeneratedRegex(B + @"(?:for|over|within|take|took|takes|lasted|last)\s+(?<span>(?<unit>years|months|weeks|days|hours|decades|centuries))" + E, Options)]
    private static partial Regex RxForPlural();
}
