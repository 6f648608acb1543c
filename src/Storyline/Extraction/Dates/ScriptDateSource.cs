using System.Text.RegularExpressions;

namespace Storyline.Extraction.Dates;

/// <summary>Date properties in the page's other scripts (app state, analytics data layers), which often carry the date a script-rendered page never prints.</summary>
internal sealed partial class ScriptDateSource : IDateCandidateSource
{
    /// <inheritdoc />
    public IEnumerable<DateCandidate> Find(DatePage page)
    {
        int order = 0;
        // Bounded: a page of megabytes of script state does not need every match.
        foreach (Match m in Property().Matches(page.Html))
        {
            if (order >= 40) yield break;
            if (DateText.Machine(m.Groups["v"].Value) is not { } d) continue;
            var key = m.Groups["k"].Value;
            yield return new DateCandidate(d.Day, d.Value, DateOrigin.ScriptJson, DateHints.Role(key), DatePlace.Main, $"script \"{key}\"", order++) { Utc = d.Utc };
        }
    }

    [GeneratedRegex(@"[""'](?<k>date_?published|date_?created|date_?modified|publish(?:ed)?_?(?:date|time|at|on)|pub_?date|first_?publish(?:ed)?_?(?:date|time|at)?|created_?at|updated_?at|update_?date|modified_?(?:date|time|at)|display_?date|article_?date|post_?date|release_?date)[""']\s*:\s*[""'](?<v>(?:19|20)\d\d[-/]?\d\d[-/]?\d\d[^""']{0,30})[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Property();
}
