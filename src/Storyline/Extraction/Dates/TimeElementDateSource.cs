namespace Storyline.Extraction.Dates;

/// <summary>Dates in <c>&lt;time&gt;</c> elements, with the role their attributes, classes or label give them ("Updated", pubdate).</summary>
internal sealed class TimeElementDateSource : IDateCandidateSource
{
    /// <inheritdoc />
    public IEnumerable<DateCandidate> Find(DatePage page)
    {
        int order = 0;
        foreach (var e in page.Elements.BodyTimes)
        {
            var d = DateText.Machine(e.GetAttribute("datetime"))
                ?? (DateText.Find(e.TextContent, page.MonthFirst).FirstOrDefault() is { Evidence: not null } f ? new DateText.MachineDate(f.Day, DateText.Midnight(f.Day), false) : null);
            if (d is null) continue;
            var role = e.HasAttribute("pubdate") ? DateRole.Published : RoleOf(e);
            yield return new DateCandidate(d.Value.Day, d.Value.Value, DateOrigin.TimeElement, role, page.PlaceOf(e), "<time>", order++) { Utc = d.Value.Utc };
        }
    }

    // The element's own names first, then its parent's, then the label right before it ("Updated: <time>").
    private static DateRole RoleOf(AngleSharp.Dom.IElement e)
    {
        var own = DateHints.Role($"{e.GetAttribute("class")} {e.GetAttribute("id")} {e.GetAttribute("itemprop")}");
        if (own != DateRole.Unknown) return own;
        if (e.PreviousSibling?.TextContent is { Length: > 0 and < 60 } label && DateHints.Role(label) is var labelled && labelled != DateRole.Unknown) return labelled;
        var parent = e.ParentElement;
        if (parent is null) return DateRole.Unknown;
        return DateHints.Role($"{parent.GetAttribute("class")} {parent.GetAttribute("id")}");
    }
}
