namespace Storyline.Extraction.Dates;

/// <summary>Dates in microdata outside meta tags: itemprop datePublished, dateCreated and dateModified on any element.</summary>
internal sealed class MicrodataDateSource : IDateCandidateSource
{
    /// <inheritdoc />
    public IEnumerable<DateCandidate> Find(DatePage page)
    {
        int order = 0;
        foreach (var e in page.Elements.BodyMicrodata)
        {
            var prop = e.GetAttribute("itemprop")!;
            var role = prop.Contains("datePublished", StringComparison.OrdinalIgnoreCase) || prop.Contains("dateCreated", StringComparison.OrdinalIgnoreCase) ? DateRole.Published
                : prop.Contains("dateModified", StringComparison.OrdinalIgnoreCase) ? DateRole.Modified : (DateRole?)null;
            if (role is null) continue;
            var value = e.GetAttribute("datetime") ?? e.GetAttribute("content");
            var d = DateText.Machine(value) ?? (DateText.Find(e.TextContent, page.MonthFirst).FirstOrDefault() is { Evidence: not null } f ? new DateText.MachineDate(f.Day, DateText.Midnight(f.Day), false) : null);
            if (d is null) continue;
            yield return new DateCandidate(d.Value.Day, d.Value.Value, DateOrigin.Microdata, role.Value, page.PlaceOf(e), $"itemprop {prop}", order++) { Utc = d.Value.Utc };
        }
    }
}
