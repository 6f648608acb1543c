using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"last week", "next month", "the following day", "the same year": a period relative to the reference or the last date mentioned.</summary>
internal sealed partial class RelativeRule() : TimeRule("relative", RxRelative())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var rel = Squash(m.Groups["rel"].Value);
        var unit = m.Groups["runit"].Value.ToLowerInvariant();
        bool hasMod = m.Groups["mod"].Success;
        if (rel == "the" && !hasMod && !m.Groups["fy"].Success) return null;
        if (rel == "the new" && unit != "year") return null;
        if (rel is "the full" or "the whole" or "the entire" && unit != "year") return null;
        // "the past week" and "the past year" read as dates in news; "the next few days" is handled as a duration.
        int offset = rel switch
        {
            "last" or "past" or "previous" or "the past" or "the last" or "the previous" => -1,
            "next" or "coming" or "following" or "the next" or "the coming" or "the following" or "the new" => 1,
            _ => 0,
        };
        bool fromAnchor = rel is "that" or "the same" or "following" or "the following" or "previous" or "the previous";
        if (unit == "day")
        {
            if (!fromAnchor && rel is not ("the next" or "next" or "the same")) return null;
            fromAnchor = true;
        }
        DateOnly? b = fromAnchor ? c.AnchorDate : c.Reference;
        if (b is null)
            return new(TimexType.Date, offset < 0 ? "PAST_REF" : offset > 0 ? "FUTURE_REF" : "PRESENT_REF", TimeGranularity.Unknown, ModOf(m));
        if (rel == "the" && c.Reference is { } rr) b = rr;
        var result = Shift(b.Value, unit, offset, ModOf(m));
        return result;
    }

    [GeneratedRegex(B + Mod + @"?(?<rel>this|last|next|past|previous|coming|following|current|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+following|the\s+current|the\s+same|that|the\s+latest|the\s+full|the\s+whole|the\s+entire|the\s+new|the)\s+(?:(?<fy>fiscal|calendar|financial|school|academic)\s+)?(?<runit>day|week|weekend|month|year|decade)" + E, Options)]
    private static partial Regex RxRelative();
}
