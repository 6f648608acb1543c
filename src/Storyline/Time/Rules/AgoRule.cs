using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"years ago", and any duration followed by "ago", "earlier", "later" or "from now": a point that far from the reference (or the last date).</summary>
internal sealed partial class AgoRule(string name, Regex pattern) : TimeRule(name, pattern)
{
    /// <summary>"years ago", "months earlier".</summary>
    public static AgoRule Bare() => new("ago-bare", RxAgoBare());

    /// <summary>Resolves a duration rule's match extended by a direction word ("two years" + "ago"); it matches nothing itself.</summary>
    public static AgoRule AfterDuration() => new("ago", new Regex("(?!)"));

    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var unit = TimexValues.Unit(m.Groups["unit"].Value) ?? "year";
        double? n = m.Groups["num"].Success ? Number(m.Groups["num"].Value) : m.Groups["vague"].Success ? null : 1;
        var dir = m.Groups["dir"].Success ? Squash(m.Groups["dir"].Value) : DurationEdges.AgoDirection(c.Text, m.Index + m.Length)?.Direction ?? "ago";
        bool fromAnchor = dir is "earlier" or "later" or "before";
        int sign = dir is "later" or "hence" or "from now" ? 1 : -1;
        var mod = ApproxMod(c.Prefix.Approx);
        if (n is null) return new(TimexType.Date, sign < 0 ? "PAST_REF" : "FUTURE_REF", TimeGranularity.Unknown, mod);
        DateOnly? baseDate = fromAnchor ? c.AnchorDate : c.Reference;
        if (baseDate is not { } b) return new(TimexType.Date, sign < 0 ? "PAST_REF" : "FUTURE_REF", TimeGranularity.Unknown, mod);
        int k = (int)Math.Round(n.Value) * sign;
        // In quarterly reporting "a year earlier" means the same quarter a year before.
        if (unit == "year" && c.LastQuarter is { } lq && (fromAnchor || c.Anchor?.Granularity == TimeGranularity.Quarter))
            return new(TimexType.Date, Quarter(lq.Year + k, lq.Quarter), TimeGranularity.Quarter, mod);
        return Shift(b, unit, k, mod);
    }

    [GeneratedRegex(B + @"(?<unit>years|months|weeks|days|decades)\s+(?<dir>ago|earlier|later)" + E, Options)]
    private static partial Regex RxAgoBare();
}
