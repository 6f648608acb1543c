using System.Text.Json;

namespace Storyline.Extraction.Dates;

/// <summary>Dates in JSON-LD: datePublished, dateCreated and dateModified of every object, @graph and nested ones included.</summary>
internal sealed class JsonLdDateSource : IDateCandidateSource
{
    /// <inheritdoc />
    public IEnumerable<DateCandidate> Find(DatePage page)
    {
        var found = new List<DateCandidate>();
        var own = page.JsonLd is null ? JsonLd.Read(page.Html) : null;
        try
        {
            foreach (var doc in (page.JsonLd ?? own!).Documents)
            {
                try
                {
                    Visit(doc.RootElement, DatePlace.Main, 0, found);
                }
                catch (JsonException)
                {
                    // Broken JSON-LD is common; the script scan and the markup still see its dates.
                }
            }
        }
        finally
        {
            own?.Dispose();
        }
        return found;
    }

    private static void Visit(JsonElement e, DatePlace place, int depth, List<DateCandidate> found)
    {
        if (depth > 10) return;
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray()) Visit(item, place, depth + 1, found);
            return;
        }
        if (e.ValueKind != JsonValueKind.Object) return;
        var type = e.TryGetProperty("@type", out var t) ? t.ToString() : "";
        // A comment's or a listed item's date is not the page's; a photo's or an organisation's says little of the article.
        if (type.Contains("Comment", StringComparison.OrdinalIgnoreCase) || type.Contains("Review", StringComparison.OrdinalIgnoreCase)) place = DatePlace.Comment;
        else if (type.Contains("ItemList", StringComparison.OrdinalIgnoreCase)) place = DatePlace.Related;
        bool article = type.Length == 0 || type.Contains("Article", StringComparison.OrdinalIgnoreCase) || type.Contains("Posting", StringComparison.OrdinalIgnoreCase)
            || type.Contains("Report", StringComparison.OrdinalIgnoreCase) || type.Contains("WebPage", StringComparison.OrdinalIgnoreCase)
            || type.Contains("Blog", StringComparison.OrdinalIgnoreCase) || type.Contains("LiveBlog", StringComparison.OrdinalIgnoreCase);
        foreach (var property in e.EnumerateObject())
        {
            switch (property.Name)
            {
                case "datePublished" or "dateCreated" or "dateModified" or "uploadDate":
                    if (Value(property.Value) is { } raw && DateText.Machine(raw) is { } d)
                    {
                        var role = property.Name switch
                        {
                            "dateModified" => DateRole.Modified,
                            "uploadDate" => DateRole.Unknown,
                            _ => article ? DateRole.Published : DateRole.Unknown,
                        };
                        found.Add(new DateCandidate(d.Day, d.Value, DateOrigin.JsonLd, role, place, $"JSON-LD {(type.Length > 0 ? type + " " : "")}{property.Name}", found.Count) { Utc = d.Utc });
                    }
                    break;
                case "comment" or "comments" or "review":
                    Visit(property.Value, DatePlace.Comment, depth + 1, found);
                    break;
                case "relatedLink" or "significantLink" or "itemListElement" or "hasPart" or "citation":
                    Visit(property.Value, DatePlace.Related, depth + 1, found);
                    break;
                default:
                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array) Visit(property.Value, place, depth + 1, found);
                    break;
            }
        }
    }

    private static string? Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Array => v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()).FirstOrDefault(),
        JsonValueKind.Object when v.TryGetProperty("@value", out var inner) && inner.ValueKind == JsonValueKind.String => inner.GetString(),
        _ => null,
    };
}
