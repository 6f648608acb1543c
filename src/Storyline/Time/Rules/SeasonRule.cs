using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;
using static Storyline.Time.TimexValues;

namespace Storyline.Time.Rules;

/// <summary>"the summer of 2018", "last winter", "in spring": a season; a bare one only after a temporal preposition.</summary>
internal sealed partial class SeasonRule() : TimeRule("season", RxSeason(), TriggerRx())
{
    public override TimexResult? Resolve(Match m, ResolveContext c)
    {
        var season = m.Groups["season"].Value;
        var rel = m.Groups["rel"].Value.ToLowerInvariant();
        bool hasYear = m.Groups["year"].Success || m.Groups["ry"].Success || m.Groups["yw"].Success;
        if (!hasYear && !m.Groups["mod"].Success && (rel.Length == 0 || rel == "the"))
        {
            // A bare season ("summer") only after a temporal preposition; never bare "fall".
            var before = c.PreviousWord(m.Index);
            if (season.Equals("fall", StringComparison.OrdinalIgnoreCase) && rel.Length == 0) return null;
            if (before is not ("in" or "during" or "by" or "until" or "since" or "through" or "throughout" or "over" or "this" or "last" or "next" or "early" or "late")) return null;
        }
        var code = TimexValues.Season(season);
        int? year = null;
        if (m.Groups["year"].Success) year = Int(m, "year");
        else if (m.Groups["ry"].Success) year = RelativeYear(m.Groups["ry"].Value, c);
        else if (m.Groups["yw"].Success)
        {
            var w = m.Groups["yw"].Value.ToLowerInvariant().Replace('-', ' ');
            year = w.StartsWith("nineteen ", StringComparison.Ordinal) && Number(w[9..]) is { } n ? 1900 + (int)n : null;
            if (year is null) return null;
        }
        else if (c.Reference is { } r)
        {
            int seasonMonth = code switch { "SP" => 4, "SU" => 7, "FA" => 10, _ => 1 };
            int current = r.Year;
            year = rel switch
            {
                "last" or "past" => seasonMonth < r.Month - 2 ? current : current - 1,
                "next" or "coming" => seasonMonth > r.Month ? current : current + 1,
                "that" => c.AnchorDate?.Year ?? current,
                _ => YearFor(c, m, r, seasonMonth, null),
            };
        }
        if (year is null) return new(TimexType.Date, "XXXX-" + code, TimeGranularity.Season, ModOf(m));
        return new(TimexType.Date, $"{TimexValues.Year(year.Value)}-{code}", TimeGranularity.Season, ModOf(m), new DateOnly(year.Value, 1, 1));
    }

    [GeneratedRegex(B + Mod + @"?(?:(?<rel>this|last|next|past|coming|the|that)\s+)?(?<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?:" + Year + "|" + RelYear + @"|(?<yw>nineteen[-\s]\w+(?:[-\s]\w+)?)))?" + E, Options)]
    private static partial Regex RxSeason();

    [GeneratedRegex("spring|summer|fall|autumn|winter", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRx();
}
