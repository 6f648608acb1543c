namespace Storyline.Extraction.Dates;

/// <summary>Dates in meta tags: Open Graph and article:*, Dublin Core, and the names news CMSs and analytics use.</summary>
internal sealed class MetaDateSource : IDateCandidateSource
{
    private static readonly HashSet<string> PublishedKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "article:published_time", "article:published", "og:published_time", "og:article:published_time", "article.published", "published_time", "published-time",
        "datepublished", "datecreated", "pubdate", "pub_date", "publishdate", "publish-date", "publish_date", "publication_date", "publication-date", "published_date",
        "dc.date.issued", "dc.date.created", "dcterms.created", "dcterms.issued", "dcterms.date", "dc.date", "date", "created", "creation_date",
        "sailthru.date", "parsely-pub-date", "citation_publication_date", "citation_date", "originalpublicationdate", "original-publish-date", "displaydate",
        "cxenseparse:recs:publishtime", "rnews:datepublished", "article_date_original", "date_published", "article:post_date", "bt:pubdate", "vr:published_time",
        "eomportal-lastupdate-not", "ptime", "publish-time", "dc.created", "timestamp", "article-published", "news_date", "date.release", "release_date", "ah:date",
    };

    private static readonly HashSet<string> ModifiedKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "article:modified_time", "article:modified", "og:updated_time", "og:modified_time", "article.updated", "modified_time", "updated_time", "datemodified",
        "last-modified", "lastmod", "lastmodified", "last_modified", "dcterms.modified", "dc.date.modified", "revised", "utime", "article:updated_time", "modified",
    };

    /// <inheritdoc />
    public IEnumerable<DateCandidate> Find(DatePage page)
    {
        int order = 0;
        foreach (var meta in page.Elements.Metas)
        {
            var key = (meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop") ?? meta.GetAttribute("http-equiv"))?.Trim();
            if (key is null) continue;
            var role = PublishedKeys.Contains(key) ? DateRole.Published : ModifiedKeys.Contains(key) ? DateRole.Modified : (DateRole?)null;
            // Unlisted keys that still name a date ("article:published_first", "dc.date.x") count with the role their words give.
            if (role is null && (key.Contains("date", StringComparison.OrdinalIgnoreCase) || key.Contains("time", StringComparison.OrdinalIgnoreCase))) role = DateHints.Role(key);
            if (role is null || DateText.Machine(meta.GetAttribute("content")) is not { } d) continue;
            // The bare "date" of some CMSs is the page's, but less deliberate than a published_time.
            yield return new DateCandidate(d.Day, d.Value, DateOrigin.Meta, role.Value, DatePlace.Main, $"meta {key}", order++) { Utc = d.Utc };
        }
    }
}
