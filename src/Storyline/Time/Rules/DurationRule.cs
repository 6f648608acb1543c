using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"three years", "10-day", "a year and a half", "several weeks": a length of time; may take a prefix ("about", "the past") and a direction ("ago").</summary>
internal sealed partial class DurationRule(string name, Regex pattern, Regex? trigger = null) : TimeRule(name, pattern, trigger)
{
    /// <summary>"10 days", "2-3 weeks", "30-day".</summary>
    public static DurationRule Digits() => new("duration-digits", RxDurationDigits());

    /// <summary>"three years", "a year and a half".</summary>
    public static DurationRule Words() => new("duration-words", RxDurationWords());

    /// <summary>"several weeks", "a few days".</summary>
    public static DurationRule VagueCount() => new("duration-vague", RxDurationVague());

    /// <inheritdoc />
    public override bool TakesAgo => true;

    /// <inheritdoc />
    public override bool TakesPrefix => true;

    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var unitText = m.Groups["unit"].Value;
        var unit = TimexValues.Unit(unitText);
        if (unit is null || m.Groups["long"].Value.Equals("old", StringComparison.OrdinalIgnoreCase)) return null;
        var numText = m.Groups["num"].Value.ToLowerInvariant();
        bool vague = m.Groups["vague"].Success;
        if (!vague && numText.Length == 0) return null;
        // "a second time", "three quarters of the vote", "the 1990s" are not durations.
        if (unit == "second" && numText is "a" or "an") return null;
        var after = c.Text.AsSpan(m.Index + m.Length);
        if (unit == "quarter" && NextWord(after).Equals("of", StringComparison.OrdinalIgnoreCase)) return null;
        if (c.Prefix.Pre == "the" && vague) return null;
        double? n = vague ? null : Number(numText);
        if (!vague && n is null) return null;
        if (n is { } v && m.Groups["half"].Success) n = v + 0.5;
        string value = TimexValues.Duration(n, unit);
        if (m.Groups["num3"].Success && TimexValues.Unit(m.Groups["unit3"].Value) is { } unit3 && Number(m.Groups["num3"].Value) is { } n3)
        {
            var second = TimexValues.Duration(n3, unit3);
            value = Combine(value, second);
        }
        // "The first nine months" of a year is a duration; so is "two years" as an adjective ("a two-year low").
        return new(TimexType.Duration, value, Granularity(m.Groups["unit3"].Success ? TimexValues.Unit(m.Groups["unit3"].Value) ?? unit : unit), ApproxMod(c.Prefix.Approx));
    }

    private static string Combine(string a, string b)
    {
        // P3Y + P7M = P3Y7M; PT1H + PT30M = PT1H30M; P2D + PT5H = P2DT5H.
        bool aTime = a.StartsWith("PT", StringComparison.Ordinal), bTime = b.StartsWith("PT", StringComparison.Ordinal);
        if (aTime && bTime) return a + b[2..];
        if (!aTime && bTime) return a + b[1..];
        if (!aTime && !bTime) return a + b[1..];
        return a;
    }

    [GeneratedRegex(B + @"(?<num>[0-9]+(?:\.[0-9]+)?(?:\s+[0-9]/[0-9])?|[0-9]/[0-9])(?:\s*(?:to|or|-|–)\s*(?<num2>[0-9]+))?(?:\s+(?:more|additional|consecutive|straight|full|long|whole|extra|further|trading|business|working|calendar))?[-\s]+" + Unit + @"(?:\s+and\s+(?:(?<half>a\s+half)|(?<num3>[0-9]+|an?|" + SmallNum + @")\s+(?<unit3>years?|months?|weeks?|days?|hours?|minutes?)))?(?:[-\s](?<long>long|old))?" + E, Options)]
    private static partial Regex RxDurationDigits();

    [GeneratedRegex(B + @"(?<num>" + NumWord + @"(?:\s+hundred)?(?:\s+and\s+a\s+half)?|a\s+hundred|a\s+couple\s+of|couple\s+of|a\s+dozen|half\s+an?|an?(?:\s+and\s+a\s+half)?)(?:\s+(?:to|or)\s+(?<num2>" + SmallNum + @"))?(?:\s+(?:more|additional|consecutive|straight|full|long|whole|extra|further|trading|business|working|calendar))?[-\s]+" + Unit + @"(?:\s+and\s+(?:(?<half>a\s+half)|(?<num3>[0-9]+|an?|" + SmallNum + @")\s+(?<unit3>years?|months?|weeks?|days?|hours?|minutes?)))?(?:[-\s](?<long>long|old))?" + E, Options)]
    private static partial Regex RxDurationWords();

    [GeneratedRegex(B + @"" + Vague + @"(?:\s+(?:more|additional|consecutive|straight|full|long|whole|extra|further|trading|business|working|calendar))?[-\s]+" + Unit + @"(?:[-\s](?<long>long|old))?" + E, Options)]
    private static partial Regex RxDurationVague();
}
