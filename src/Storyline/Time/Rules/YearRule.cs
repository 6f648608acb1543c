using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"2018", "fiscal 2018", "pre-1990": a year, not a count ("2000 people") or a number ("flight 1800").</summary>
internal sealed partial class YearRule() : TimeRule("year", RxYear(), TriggerRx())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        int y = Int(m, "year");
        var pre = m.Groups["pre"].Value.ToLowerInvariant();
        // A bare four-digit number is a year only in a plausible range and not as a count ("1,500", "2000 people").
        if (!m.Groups["pre"].Success && !m.Groups["mod"].Success)
        {
            if (y < 1800 || y > 2099) return null;
            var after = c.Text.AsSpan(m.Index + m.Length);
            var next = NextWord(after);
            if (CountNouns.Contains(next)) return null;
            var before = c.PreviousWord(m.Index);
            if (before is "no" or "number" or "flight" or "route" or "page" or "room" or "article" or "resolution" or "section") return null;
            if (m.Index > 0 && c.Text[m.Index - 1] is '$' or '#' or '£' or '€' or '¥') return null;
        }
        return new(TimexType.Date, TimexValues.Year(y), TimeGranularity.Year, pre is "pre" ? "BEFORE" : pre is "post" ? "AFTER" : ModOf(m), new DateOnly(y, 1, 1));
    }

    private static readonly HashSet<string> CountNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "people", "persons", "students", "workers", "trainees", "cases", "deaths", "yuan", "dollars", "euros", "pounds", "tons", "tonnes",
        "km", "kilometers", "kilometres", "meters", "metres", "miles", "feet", "barrels", "shares", "troops", "soldiers", "units", "jobs",
        "votes", "acres", "hectares", "households", "villages", "residents", "families", "children", "police", "officers", "delegates",
        "members", "times", "points", "rooms", "beds", "copies", "articles", "pages", "words", "cars", "vehicles", "homes", "houses",
        "companies", "firms", "employees", "staff", "patients", "victims", "refugees", "prisoners", "detainees", "calories", "mw", "kw",
    };

    [GeneratedRegex(B + Mod + @"?(?:(?<pre>fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|FY|post|pre|model\s+year)[-\s]?)?" + Year + @"(?!\s*(?:%|percent|per\s+cent|-[0-9]|–[0-9]))" + E, Options)]
    private static partial Regex RxYear();

    [GeneratedRegex("1[6-9][0-9][0-9]|20[0-9][0-9]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRx();
}
