namespace Storyline.Extraction.Dates;

/// <summary>Dates in elements a CMS marks as a date, byline or article meta line by class or id ("post-date", "entry-meta", "byline", "datum").</summary>
internal sealed class MarkupDateSource : IDateCandidateSource
{
    /// <summary>Longer texts are containers, not a date line.</summary>
    private const int MaxText = 250;

    /// <inheritdoc />
    public IEnumerable<DateCandidate> Find(DatePage page)
    {
        if (page.Document.Body is not { } body) yield break;
        var seen = new HashSet<(DateOnly, DateRole, DatePlace)>();
        int order = 0;
        foreach (var e in body.QuerySelectorAll("*"))
        {
            var names = $"{e.GetAttribute("class")} {e.GetAttribute("id")} {e.GetAttribute("itemprop")}";
            if (names.Length < 4 || !DateHints.DateElement().IsMatch(names)) continue;
            var text = e.TextContent;
            if (text.Length is < 6 or > MaxText) continue;
            var named = DateHints.Role(names);
            foreach (var f in DateText.Find(text, page.MonthFirst))
            {
                // A label right before the date ("Updated:") says more than the element's class.
                var labelled = DateHints.RoleBefore(text, f.Index);
                var role = labelled != DateRole.Unknown ? labelled : named;
                var place = page.PlaceOf(e);
                if (!seen.Add((f.Day, role, place))) continue;
                yield return new DateCandidate(f.Day, DateText.Midnight(f.Day), DateOrigin.Markup, role, place, $"{e.LocalName}.{Short(names)}: {f.Evidence}", order++);
            }
        }
    }

    private static string Short(string names)
    {
        var s = names.Trim();
        return s.Length > 40 ? s[..40] : s;
    }
}
