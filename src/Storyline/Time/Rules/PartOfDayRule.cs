using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"this morning", "last night", "tomorrow evening": a part of a day relative to the reference.</summary>
internal sealed partial class PartOfDayRule() : TimeRule("part-of-day", RxPartOfDay())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var rel = m.Groups["rel"].Value.ToLowerInvariant();
        var part = PartOfDay(m.Groups["part"].Value);
        int offset = rel switch { "yesterday" => -1, "tomorrow" => 1, "last" => -1, _ => 0 };
        if (rel == "last" && part != "TNI") offset = -1;
        if (c.Reference is not { } r) return new(TimexType.Time, "XXXX-XX-XXT" + part[1..], TimeGranularity.PartOfDay);
        var d = r.AddDays(offset);
        return new(TimexType.Time, TimexValues.Day(d) + "T" + part[1..], TimeGranularity.PartOfDay, ModOf(m), d);
    }

    [GeneratedRegex(B + @"(?:(?<mod>early|late|earlier|later)\s+)?(?<rel>this|last|tomorrow|yesterday)\s+" + Part + E, Options)]
    private static partial Regex RxPartOfDay();
}
