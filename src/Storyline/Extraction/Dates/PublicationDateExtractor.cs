using AngleSharp.Dom;

namespace Storyline.Extraction.Dates;

/// <summary>Finds a page's original publication day: collects candidates from structured data, the URL, CMS markup and the text, then lets <see cref="DateScorer"/> weigh them.</summary>
internal sealed class PublicationDateExtractor(DateScorerOptions? options = null, TimeProvider? time = null)
{
    // In order of trust; the scorer, not this order, decides.
    internal static readonly IDateCandidateSource[] Sources =
    [
        new JsonLdDateSource(), new MetaDateSource(), new MicrodataDateSource(), new ScriptDateSource(), new TimeElementDateSource(),
        new UrlDateSource(), new MarkupDateSource(), new TextDateSource(),
    ];

    private readonly DateScorer _scorer = new(options ?? new DateScorerOptions());
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The publication day of <paramref name="html"/> at <paramref name="url"/>, parsing the page the way extraction does.</summary>
    public DateChoice? Extract(string html, string? url, CancellationToken cancellationToken = default)
    {
        using var markup = PreparedMarkup.Of(html, cancellationToken);
        return Extract(html, markup.Parse(), url);
    }

    /// <summary>The publication day from the raw <paramref name="html"/> (for scripts) and its parsed <paramref name="document"/>.</summary>
    public DateChoice? Extract(string html, IDocument document, string? url) => Extract(html, document, url, null);

    /// <summary>As <see cref="Extract(string, IDocument, string?)"/>, with the page's JSON-LD already parsed and its elements already listed (each is read here when null).</summary>
    public DateChoice? Extract(string html, IDocument document, string? url, JsonLd? jsonLd, PageElements? elements = null)
    {
        var page = new DatePage(html, document, url, jsonLd, elements);
        return _scorer.Choose(Candidates(page), DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime), page.Offset);
    }

    /// <summary>Every candidate the sources find, for inspection.</summary>
    public static IReadOnlyList<DateCandidate> Candidates(string html, IDocument document, string? url) => Candidates(new DatePage(html, document, url));

    private static List<DateCandidate> Candidates(DatePage page)
    {
        var found = new List<DateCandidate>();
        foreach (var source in Sources)
        {
            // The page's running text is the weakest and costliest evidence: it is read only when nothing states a publication day,
            // or when a time stated in UTC leaves the local day to what the page shows.
            if (source is TextDateSource && !found.Any(c => c.Utc)
                && found.Any(c => c.Role == DateRole.Published && c.Place == DatePlace.Main && c.Granularity == Time.TimeGranularity.Day)) break;
            found.AddRange(source.Find(page));
        }
        return IsRevision(page.Url) ? [.. found.Select(c => c.Role switch { DateRole.Modified => c with { Role = DateRole.Published }, DateRole.Published => c with { Role = DateRole.Modified }, _ => c })] : found;
    }

    // A wiki revision or diff address (MediaWiki's oldid= and diff=) shows the page as one edit left it: that edit's date, the page's
    // last modification, dates what is shown; the page's creation date does not.
    private static bool IsRevision(string? url) =>
        url is not null && url.IndexOf('?') is var q and >= 0
        && (url.AsSpan(q).Contains("oldid=", StringComparison.OrdinalIgnoreCase) || url.AsSpan(q).Contains("diff=", StringComparison.OrdinalIgnoreCase));
}
