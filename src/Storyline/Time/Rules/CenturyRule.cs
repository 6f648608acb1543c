using System.Globalization;
using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"the 19th century", "the last century": a century, or a century-long duration ("the past century").</summary>
internal sealed partial class CenturyRule() : TimeRule("century", RxCentury(), TriggerRx())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        int n;
        if (m.Groups["ord"].Success) n = Ordinal(m.Groups["ord"].Value) ?? 0;
        else
        {
            if (c.Reference is not { } r) return new(TimexType.Date, "XX", TimeGranularity.Century, ModOf(m));
            int current = r.Year / 100 + 1;
            var rel = Squash(m.Groups["rel"].Value);
            if (rel is "the past" or "the last" && !m.Groups["mod"].Success) return new(TimexType.Duration, "P1CE", TimeGranularity.Century);
            n = rel switch { "last" or "the previous" => current - 1, "next" or "the next" => current + 1, _ => current };
        }
        if (n is < 1 or > 30) return null;
        return new(TimexType.Date, (n - 1).ToString("00", CultureInfo.InvariantCulture), TimeGranularity.Century, ModOf(m), new DateOnly(Math.Max(1, (n - 1) * 100), 1, 1));
    }

    [GeneratedRegex(B + @"(?:the\s+)?" + Mod + @"?(?:(?<ord>" + OrdinalPattern + @")|(?<rel>this|last|next|the\s+last|the\s+next|the\s+past|the\s+previous))[-\s]+century" + E, Options)]
    private static partial Regex RxCentury();

    [GeneratedRegex("century", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRx();
}
