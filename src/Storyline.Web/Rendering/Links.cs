using System.Globalization;
using Storyline.Briefing;
using Storyline.Documents;

namespace Storyline.Web.Rendering;

/// <summary>The app's URLs, built in one place (every query value escaped).</summary>
public static class Links
{
    /// <summary>A document opened at a span, the span highlighted as <c>mark#cite</c>.</summary>
    public static string Cite(long documentId, TextSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"/documents/{documentId}?start={span.Start}&end={span.End}#cite");

    /// <summary>The document a citation points into, opened at the cited sentence.</summary>
    public static string Cite(Citation citation) => Cite(citation.DocumentId, citation.Span);

    /// <summary>A story's page.</summary>
    public static string Story(long storyId) => string.Create(CultureInfo.InvariantCulture, $"/stories/{storyId}");

    /// <summary>A person's or organisation's page.</summary>
    public static string Person(string name) => "/person?name=" + Uri.EscapeDataString(name);

    /// <summary>A date as yyyy-MM-dd, or empty.</summary>
    public static string Date(DateTimeOffset? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A date range as "from – to" (one date when both are the same day), or empty.</summary>
    public static string Range(DateTimeOffset? from, DateTimeOffset? to)
    {
        var (a, b) = (Date(from), Date(to));
        return a.Length == 0 ? b : b.Length == 0 || a == b ? a : a + " – " + b;
    }
}
