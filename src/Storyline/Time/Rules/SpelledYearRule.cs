using System.Text.RegularExpressions;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"nineteen ninety-eight", "two thousand and five": a year in words.</summary>
internal sealed partial class SpelledYearRule() : TimeRule("spelled-year", RxSpelledYear())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var s = m.Groups["spelled"].Value.ToLowerInvariant().Replace('-', ' ');
        int y;
        if (s.StartsWith("two thousand", StringComparison.Ordinal)) y = 2000 + (int)(Number(s.Length > 12 ? s[12..].Replace("and", "") : "") ?? 0);
        else if (s.EndsWith("hundred", StringComparison.Ordinal)) y = 1900;
        else y = 1900 + (int)(Number(s["nineteen".Length..]) ?? 0);
        return new(TimexType.Date, TimexValues.Year(y), TimeGranularity.Year, null, new DateOnly(y, 1, 1));
    }

    [GeneratedRegex(B + @"(?:the\s+year\s+)?(?<spelled>nineteen[-\s](?:" + TensPattern + @")(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|nineteen[-\s]hundred|two\s+thousand(?:\s+and\s+(?:" + OnesPattern + "))?)" + E, Options)]
    private static partial Regex RxSpelledYear();
}
