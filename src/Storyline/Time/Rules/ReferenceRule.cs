using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"now", "currently", "recently", "the future": the present, past or future as such.</summary>
internal sealed partial class ReferenceRule() : TimeRule("ref", RxRef())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var word = Squash(m.Groups["ref"].Value);
        var value = word switch
        {
            "recently" or "lately" or "the past" or "previously" or "formerly" or "recent" => "PAST_REF",
            "soon" or "the future" or "future" or "shortly" or "the near future" or "the distant future" or "as soon as possible" or "in the near term" => "FUTURE_REF",
            _ => "PRESENT_REF",
        };
        // "current" and "future" as adjectives are time expressions only before a noun ("current account" is not).
        if (word is "current" or "future" or "recent")
        {
            var next = NextWord(c.Text.AsSpan(m.Index + m.Length)).ToLowerInvariant();
            if (next.Length == 0 || next is "account" or "accounts" or "affairs" or "events" or "contracts" or "contract" or "tense" or "generations") return null;
        }
        return new(TimexType.Date, value, TimeGranularity.Unknown);
    }

    [GeneratedRegex(B + @"(?<ref>now|right\s+now|currently|nowadays|at\s+present|presently|these\s+days|the\s+present|at\s+the\s+moment|recently|lately|the\s+past|formerly|the\s+future|the\s+near\s+future|the\s+distant\s+future|current|as\s+soon\s+as\s+possible|the\s+near\s+term|the\s+short\s+term)" + E, Options)]
    private static partial Regex RxRef();
}
