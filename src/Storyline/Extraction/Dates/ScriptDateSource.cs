using System.Buffers;
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
        foreach (var m in Matches(page.Html))
        {
            if (order >= 40) yield break;
            if (DateText.Machine(m.Groups["v"].Value) is not { } d) continue;
            var key = m.Groups["k"].Value;
            yield return new DateCandidate(d.Day, d.Value, DateOrigin.ScriptJson, DateHints.Role(key), DatePlace.Main, $"script \"{key}\"", order++) { Utc = d.Utc };
        }
    }

    // Every match's value opens with a quote and "19" or "20"; quotes alone are everywhere in a page, so the regex's own search stops at each.
    private static readonly SearchValues<string> ValueStarts = SearchValues.Create(["\"19", "\"20", "'19", "'20"], StringComparison.Ordinal);

    /// <summary>The longest key <see cref="Property"/> accepts ("first_published_date"), with room to spare.</summary>
    private const int MaxKey = 32;

    /// <summary>
    /// The matches <see cref="Property"/> finds in <paramref name="html"/>, in order and without overlaps, as its own scan would give them:
    /// each value that opens like a date leads back over <c>\s*:\s*</c> to the key's closing quote and then to its opening quote
    /// (a key holds no quote), where the regex is tried, anchored.
    /// </summary>
    internal static IEnumerable<Match> Matches(string html)
    {
        int end = 0, at = 0;
        while (at < html.Length)
        {
            int hit = html.AsSpan(at).IndexOfAny(ValueStarts);
            if (hit < 0) yield break;
            int value = at + hit;
            at = value + 1;
            int i = value - 1;
            while (i >= 0 && char.IsWhiteSpace(html[i])) i--;
            if (i < 0 || html[i] != ':') continue;
            i--;
            while (i >= 0 && char.IsWhiteSpace(html[i])) i--;
            if (i < 1 || html[i] is not ('"' or '\'')) continue;
            int from = Math.Max(0, i - MaxKey);
            int open = html.AsSpan(from, i - from).LastIndexOfAny('"', '\'');
            if (open < 0 || from + open < end) continue;
            var m = AnchoredProperty().Match(html, from + open);
            if (!m.Success) continue;
            end = m.Index + m.Length;
            yield return m;
        }
    }

    private const string Pattern = @"[""'](?<k>date_?published|date_?created|date_?modified|publish(?:ed)?_?(?:date|time|at|on)|pub_?date|first_?publish(?:ed)?_?(?:date|time|at)?|created_?at|updated_?at|update_?date|modified_?(?:date|time|at)|display_?date|article_?date|post_?date|release_?date)[""']\s*:\s*[""'](?<v>(?:19|20)\d\d[-/]?\d\d[-/]?\d\d[^""']{0,30})[""']";

    /// <summary>A date property: a quoted key that names a date, and a quoted value that starts like one.</summary>
    [GeneratedRegex(Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex Property();

    // The same, anchored where the search starts.
    [GeneratedRegex(@"\G" + Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnchoredProperty();
}
