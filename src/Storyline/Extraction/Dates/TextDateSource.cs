using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Storyline.Time;

namespace Storyline.Extraction.Dates;

/// <summary>Dates written in the page's text: near the headline (where a dateline sits) and elsewhere, and the copyright year that bounds them.</summary>
internal sealed partial class TextDateSource : IDateCandidateSource
{
    /// <summary>How far before and after the headline a date still reads as the article's dateline.</summary>
    private const int BeforeTitle = 400, AfterTitle = 1500;

    // Ordinal frozen sets: the parser gives HTML element names in lower case, and none of these names is one a foreign element spells otherwise.
    private static readonly FrozenSet<string> Skipped = FrozenSet.Create(StringComparer.Ordinal, "script", "style", "noscript", "template", "select", "option", "svg", "iframe");

    private static readonly FrozenSet<string> Blocks = FrozenSet.Create(StringComparer.Ordinal,
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "article", "header", "footer", "aside", "nav", "time", "span", "a", "ul", "ol", "dd", "dt", "table", "blockquote", "figure", "figcaption");

    /// <inheritdoc />
    public IEnumerable<DateCandidate> Find(DatePage page)
    {
        var found = new List<DateCandidate>();
        if (page.Document.Body is not { } body) return found;
        // The walk's buffers are kept for the thread's next page: a page's text is among the largest things extraction allocates.
        // Candidates are therefore collected here, not yielded: the buffers are free again before the caller sees any.
        var text = t_text ??= new StringBuilder();
        var starts = t_starts ??= [];
        var parents = t_parents ??= [];
        try
        {
            int title = -1;
            Walk(body, text, starts, parents, ref title);
            var flat = text.ToString();
            int order = 0, near = 0;
            foreach (var f in DateText.Find(flat, page.MonthFirst))
            {
                int at = starts.BinarySearch(f.Index);
                var parent = parents[at >= 0 ? at : Math.Max(0, ~at - 1)];
                var place = page.PlaceOf(parent);
                // A photo caption dates the photo ("FILE PHOTO: ... January 16, 2020"), even where no class marks it.
                if (place == DatePlace.Main && CaptionCue().IsMatch(Line(flat, f.Index))) place = DatePlace.Related;
                bool nearTitle = title >= 0 && f.Index >= title - BeforeTitle && f.Index <= title + AfterTitle && place == DatePlace.Main;
                var role = DateHints.RoleBefore(flat, f.Index);
                found.Add(nearTitle
                    ? new DateCandidate(f.Day, DateText.Midnight(f.Day), DateOrigin.NearTitle, role, place, $"near the headline: {f.Evidence}", near++)
                    : new DateCandidate(f.Day, DateText.Midnight(f.Day), DateOrigin.PageText, role, place, $"in the text: {f.Evidence}", order++));
            }
            foreach (Match m in Copyright().Matches(flat))
            {
                var year = int.Parse(m.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (year is < 1995 or > 2100) continue;
                var day = new DateOnly(year, 1, 1);
                found.Add(new DateCandidate(day, DateText.Midnight(day), DateOrigin.PageText, DateRole.Unknown, DatePlace.Footer, m.Value, 0, TimeGranularity.Year));
            }
        }
        finally
        {
            Clear(text, starts, parents);
        }
        return found;
    }

    [ThreadStatic]
    private static StringBuilder? t_text;

    [ThreadStatic]
    private static List<int>? t_starts;

    [ThreadStatic]
    private static List<IElement>? t_parents;

    // Emptied for the next page; a buffer grown on a huge page is let go rather than held.
    private static void Clear(StringBuilder text, List<int> starts, List<IElement> parents)
    {
        if (text.Capacity > 1 << 20) t_text = null;
        else text.Clear();
        starts.Clear();
        if (parents.Capacity > 1 << 16) t_parents = null;
        else parents.Clear();
    }

    private static void Walk(INode node, StringBuilder text, List<int> starts, List<IElement> parents, ref int title)
    {
        // Indexed: a foreach over the interface allocates an enumerator per element.
        var children = node.ChildNodes;
        for (int i = 0; i < children.Length; i++)
        {
            var child = children[i];
            // Elements are told apart by their class first: a type test against an interface scans the node's interface list.
            if (child is Element e)
            {
                if (Skipped.Contains(e.LocalName)) continue;
                if (title < 0 && e.LocalName == "h1") title = text.Length;
                bool block = Blocks.Contains(e.LocalName);
                if (block) text.Append('\n');
                Walk(e, text, starts, parents, ref title);
                if (block) text.Append('\n');
            }
            else if (child is IText t)
            {
                if (t.Data.Length == 0 || child.ParentElement is not { } parent) continue;
                starts.Add(text.Length);
                parents.Add(parent);
                text.Append(t.Data);
            }
        }
    }

    private static string Line(string text, int index)
    {
        int start = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return text[Math.Max(start, index - 300)..index];
    }

    [GeneratedRegex(@"FILE PHOTO|\b(?:photo|foto|фото)\s*:|\((?:photo|foto|фото)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaptionCue();

    // "© 2020", "Copyright 2005-2020", "(c) 2020": the page cannot be newer than the year its footer claims.
    [GeneratedRegex(@"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s*[-–]\s*)?(?<y>(?:19|20)\d\d)(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Copyright();
}
