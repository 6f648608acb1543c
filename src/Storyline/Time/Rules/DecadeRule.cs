using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"the 1990s", "the '90s", "the late sixties": a decade.</summary>
internal sealed partial class DecadeRule(string name, Regex pattern, Regex? trigger = null) : TimeRule(name, pattern, trigger)
{
    /// <summary>"the 1990s", "the '90s".</summary>
    public static DecadeRule Digits() => new("decade", RxDecade(), TriggerRx());

    /// <summary>"the sixties".</summary>
    public static DecadeRule Words() => new("decade-word", RxDecadeWord());

    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        int start;
        if (m.Groups["dec"].Success) start = Int(m, "dec");
        else if (m.Groups["dec2"].Success)
        {
            int two = Int(m, "dec2");
            int century = c.Reference is { } r && two <= r.Year % 100 ? r.Year / 100 * 100 : 1900;
            start = century + two;
        }
        else
        {
            var w = m.Groups["decw"].Value.ToLowerInvariant();
            int tens = Array.IndexOf(["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"], w) + 2;
            start = 1900 + tens * 10;
        }
        return new(TimexType.Date, TimexValues.Decade(start), TimeGranularity.Decade, ModOf(m), new DateOnly(start, 1, 1));
    }

    [GeneratedRegex(B + @"(?:the\s+)?" + Mod + @"?(?:(?<dec>(?:1[6-9]|20)[0-9]0)|['’](?<dec2>[0-9]0))['’]?s" + E, Options)]
    private static partial Regex RxDecade();

    [GeneratedRegex("0s|0's|0’s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRx();

    [GeneratedRegex(B + @"the\s+(?:(?<mod>early|mid|late)[-\s]+)?(?<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)" + E, Options)]
    private static partial Regex RxDecadeWord();
}
