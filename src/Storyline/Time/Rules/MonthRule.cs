using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"in March", "last June", "late May": a month alone, only where it cannot be the verb or a bare abbreviation.</summary>
internal sealed partial class MonthRule() : TimeRule("month", RxMonth())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var name = m.Groups["mon"].Value;
        int month = TimexValues.Month(name);
        bool qualified = m.Groups["rel"].Success || m.Groups["mod"].Success;
        // "may" is a verb; "March" a noun and verb; bare abbreviations are too ambiguous on their own.
        if (!qualified && name is "May" or "March" && !MayContext.Contains(c.PreviousWord(m.Index))) return null;
        if (!qualified && name.Length <= 4 && name != "June" && name != "July" && name != "May") return null;
        var mod = ModOf(m);
        if (c.Reference is not { } r) return new(TimexType.Date, $"XXXX-{month:00}", TimeGranularity.Month, mod);
        int year;
        switch (m.Groups["rel"].Value.ToLowerInvariant())
        {
            case "last" or "past":
                year = month < r.Month ? r.Year : r.Year - 1;
                break;
            case "next" or "coming":
                year = month > r.Month ? r.Year : r.Year + 1;
                break;
            case "this":
                year = r.Year;
                break;
            case "that":
                year = c.AnchorDate?.Year ?? r.Year;
                break;
            default:
                year = YearFor(c, m, r, month, null);
                break;
        }
        return new(TimexType.Date, MonthValue(year, month), TimeGranularity.Month, mod, new DateOnly(year, month, 1));
    }

    private static readonly HashSet<string> MayContext = new(StringComparer.Ordinal)
    {
        "in", "of", "since", "until", "till", "by", "from", "through", "during", "early", "late", "mid", "last", "this", "next", "to",
        "between", "and", "before", "after", "on", "or", "that", "end", "beginning", "start", "middle", "for",
    };

    [GeneratedRegex(B + Mod + @"?(?:(?<rel>last|this|next|past|coming|that)\s+)?" + Month + E, Options)]
    private static partial Regex RxMonth();
}
