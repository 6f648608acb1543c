using AngleSharp.Dom;

namespace Storyline.Extraction.Dates;

/// <summary>Dates in elements a CMS marks as a date, byline or article meta line by class or id ("post-date", "entry-meta", "byline", "datum").</summary>
internal sealed class MarkupDateSource : IDateCandidateSource
{
    /// <summary>Longer texts are containers, not a date line.</summary>
    private const int MaxText = 250;

    /// <inheritdoc />
    public IEnumerable<DateCandidate> Find(DatePage page)
    {
        var seen = new HashSet<(DateOnly, DateRole, DatePlace)>();
        int order = 0;
        // Each name is tested on its own (PageElements): no date word spans the space that joins them, and the joined string need only be built for marked elements.
        foreach (var e in page.Elements.BodyDateNamed)
        {
            string? cls = e.GetAttribute("class"), id = e.GetAttribute("id"), prop = e.GetAttribute("itemprop");
            if (ShortText(e) is not { Length: >= 6 } text) continue;
            var names = prop is null && id is null ? cls! : $"{cls} {id} {prop}";
            // The names' role is read only once a date is found: most marked elements hold none.
            DateRole? named = null;
            foreach (var f in DateText.Find(text, page.MonthFirst))
            {
                // A label right before the date ("Updated:") says more than the element's class.
                var labelled = DateHints.RoleBefore(text, f.Index);
                var role = labelled != DateRole.Unknown ? labelled : named ??= DateHints.Role(names);
                var place = page.PlaceOf(e);
                if (!seen.Add((f.Day, role, place))) continue;
                yield return new DateCandidate(f.Day, DateText.Midnight(f.Day), DateOrigin.Markup, role, place, $"{e.LocalName}.{Short(names)}: {f.Evidence}", order++);
            }
        }
    }

    // The element's text, or null as soon as it is longer than a date line: a container's whole text is never built.
    private static string? ShortText(AngleSharp.Dom.IElement e)
    {
        var sb = new System.Text.StringBuilder();
        return Append(e, sb) ? sb.ToString() : null;
    }

    // Text nodes in document order, walked by index (AngleSharp's descendant iterator allocates a stack per element); false once past MaxText.
    private static bool Append(AngleSharp.Dom.INode node, System.Text.StringBuilder sb)
    {
        var children = node.ChildNodes;
        for (int i = 0; i < children.Length; i++)
        {
            var child = children[i];
            if (child is AngleSharp.Dom.IText t)
            {
                sb.Append(t.Data);
                if (sb.Length > MaxText) return false;
            }
            else if (child.HasChildNodes && !Append(child, sb)) return false;
        }
        return true;
    }

    private static string Short(string names)
    {
        var s = names.Trim();
        return s.Length > 40 ? s[..40] : s;
    }
}
