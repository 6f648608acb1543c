using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Storyline.Extraction;

/// <summary>Page-level metadata read from meta tags, JSON-LD and markup (title, authors, date, publisher, language, JSON-LD body).</summary>
internal sealed partial class PageMetadata
{
    public string? Title { get; private set; }
    public List<string> Authors { get; } = [];
    public DateTimeOffset? Published { get; private set; }
    public string? PublishedEvidence { get; private set; }
    public string? Publisher { get; private set; }
    public string? Language { get; private set; }

    /// <summary>The JSON-LD <c>articleBody</c>, when a page states one.</summary>
    public string? JsonLdBody { get; private set; }

    private string? _jsonLdHeadline;

    /// <summary>Reads JSON-LD from the raw HTML (the parser skips script text for speed) and the rest from the document.</summary>
    public static PageMetadata Read(string html, IDocument document)
    {
        var m = new PageMetadata();
        foreach (var json in JsonLdScripts(html)) m.ReadJsonLd(json);
        m.ReadDocument(document);
        return m;
    }

    // A plain scan is much cheaper than a regex over a whole page; the tag test is the same one the regex made.
    internal static IEnumerable<string> JsonLdScripts(string html)
    {
        int at = 0;
        while ((at = html.IndexOf("ld+json", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            int found = at;
            // Bounded windows: a page repeating "ld+json" with no tag around it must not rescan the page for each occurrence.
            int open = html.LastIndexOf('<', found, Math.Min(found + 1, 1024));
            int close = html.IndexOf('>', found, Math.Min(html.Length - found, 1024));
            at = found + 7;
            if (open < 0 || close < 0 || html.IndexOf('>', open, found - open) >= 0) continue;
            if (string.Compare(html, open, "<script", 0, 7, StringComparison.OrdinalIgnoreCase) != 0) continue;
            int end = html.IndexOf("</script", close, StringComparison.OrdinalIgnoreCase);
            if (end < 0) yield break;
            yield return html[(close + 1)..end];
            at = end;
        }
    }

    private void ReadJsonLd(string json)
    {
        try
        {
            // Script content is raw text: entities stay undecoded until a string value is read.
            using var doc = JsonDocument.Parse(json.Trim() is { Length: > 0 } s ? s : "{}",
                new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
            Visit(doc.RootElement, 0);
        }
        catch (JsonException)
        {
            // Broken JSON-LD is common; the rest of the page still tells us enough.
        }
    }

    private void Visit(JsonElement e, int depth)
    {
        if (depth > 6) return;
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray()) Visit(item, depth + 1);
            return;
        }
        if (e.ValueKind != JsonValueKind.Object) return;
        if (e.TryGetProperty("@graph", out var graph)) Visit(graph, depth + 1);
        var type = e.TryGetProperty("@type", out var t) ? (t.ValueKind == JsonValueKind.Array ? string.Join(' ', t.EnumerateArray().Select(x => x.ToString())) : t.ToString()) : "";
        bool article = type.Contains("Article", StringComparison.OrdinalIgnoreCase) || type.Contains("BlogPosting", StringComparison.OrdinalIgnoreCase)
            || type.Contains("Report", StringComparison.OrdinalIgnoreCase) || e.TryGetProperty("articleBody", out _);
        if (!article) return;
        if (Str(e, "articleBody") is { Length: > 0 } body && (JsonLdBody is null || body.Length > JsonLdBody.Length)) JsonLdBody = body;
        _jsonLdHeadline ??= Str(e, "headline") ?? Str(e, "name");
        if (e.TryGetProperty("author", out var author)) AddAuthors(author, 0);
        if (Published is null && Str(e, "datePublished") is { } date && ParseDate(date) is { } d) SetDate(d, "JSON-LD datePublished");
        if (Publisher is null && e.TryGetProperty("publisher", out var pub))
            Publisher = pub.ValueKind == JsonValueKind.Object ? Str(pub, "name") : pub.ValueKind == JsonValueKind.String ? Clean(pub.GetString()) : null;
        if (Language is null && Str(e, "inLanguage") is { } lang) Language = LanguageCode(lang);
    }

    private void AddAuthors(JsonElement a, int depth)
    {
        if (depth > 3) return;
        switch (a.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var x in a.EnumerateArray()) AddAuthors(x, depth + 1);
                break;
            case JsonValueKind.String:
                AddAuthor(a.GetString());
                break;
            case JsonValueKind.Object:
                AddAuthor(Str(a, "name"));
                break;
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => Clean(v.GetString()),
            JsonValueKind.Array => v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? Clean(x.GetString()) : null).FirstOrDefault(x => x is not null),
            _ => null,
        } : null;

    private void ReadDocument(IDocument document)
    {
        string? ogTitle = null, twitterTitle = null, siteName = null, appName = null;
        var metas = new List<IElement>();
        var dates = new List<IElement>();
        var bylines = new List<IElement>();
        IElement? firstH1 = null;
        // One walk instead of several selector queries: selectors cost a full traversal each.
        void Walk(IElement parent)
        {
            var children = parent.ChildNodes;
            for (int i = 0; i < children.Length; i++)
            {
                if (children[i] is not IElement e) continue;
                switch (e.LocalName)
                {
                    case "meta": metas.Add(e); break;
                    case "h1": firstH1 ??= e; break;
                    case "time" when e.HasAttribute("datetime") || e.HasAttribute("pubdate"): dates.Add(e); break;
                }
                if (e.GetAttribute("itemprop") is { } prop)
                {
                    if (prop.Equals("datePublished", StringComparison.OrdinalIgnoreCase)) dates.Add(e);
                    else if (prop.Equals("author", StringComparison.OrdinalIgnoreCase)) bylines.Add(e);
                }
                else if (e.LocalName == "a" && string.Equals(e.GetAttribute("rel"), "author", StringComparison.OrdinalIgnoreCase)) bylines.Add(e);
                if (e.LocalName != "meta") Walk(e);
            }
        }
        if (document.DocumentElement is { } html) Walk(html);

        foreach (var meta in metas)
        {
            var key = (meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop") ?? meta.GetAttribute("http-equiv"))?.Trim().ToLowerInvariant();
            var content = Clean(meta.GetAttribute("content"));
            if (key is null || content is null) continue;
            switch (key)
            {
                case "og:title": ogTitle ??= content; break;
                case "twitter:title": twitterTitle ??= content; break;
                case "og:site_name": siteName ??= content; break;
                case "application-name": appName ??= content; break;
                case "author" or "article:author" or "byl" or "dc.creator" or "sailthru.author" or "parsely-author":
                    if (!content.Contains("://", StringComparison.Ordinal)) AddAuthor(content);
                    break;
                case "article:published_time" or "og:published_time" or "datepublished" or "pubdate" or "publishdate" or "publish-date"
                    or "date" or "dc.date" or "dc.date.issued" or "dcterms.created" or "sailthru.date" or "parsely-pub-date" or "article.published" or "published_time":
                    if (Published is null && ParseDate(content) is { } d) SetDate(d, $"meta {key}");
                    break;
                case "content-language" or "og:locale":
                    Language ??= LanguageCode(content);
                    break;
            }
        }

        // itemprop and <time> come in document order; itemprop is the more deliberate statement.
        foreach (var el in dates.OrderBy(d => d.LocalName == "time"))
        {
            if (Published is not null) break;
            var value = el.GetAttribute("datetime") ?? el.GetAttribute("content");
            if (value is not null && ParseDate(value) is { } d) SetDate(d, el.LocalName == "time" ? "<time datetime>" : "itemprop datePublished");
        }

        if (Authors.Count == 0)
        {
            foreach (var el in bylines)
            {
                var name = el.GetAttribute("content") ?? el.QuerySelector("[itemprop=name]")?.TextContent ?? el.TextContent;
                AddAuthor(name);
            }
        }

        Language ??= LanguageCode(document.DocumentElement?.GetAttribute("lang") ?? document.DocumentElement?.GetAttribute("xml:lang"));
        Publisher ??= siteName ?? appName;

        var h1 = Clean(firstH1?.TextContent);
        var docTitle = Clean(document.Title);
        var title = ogTitle ?? _jsonLdHeadline ?? twitterTitle ?? h1 ?? docTitle;
        Title = title is null ? null : StripSiteSuffix(title, Publisher, h1);
    }

    // "Headline | Site", "Headline - Site": drop the suffix when it names the site or the h1 confirms the headline.
    private static string StripSiteSuffix(string title, string? publisher, string? h1)
    {
        if (h1 is not null && h1.Length >= 10 && title.StartsWith(h1, StringComparison.Ordinal)) return h1;
        // The lazy head makes the match quadratic in the title's length; a site suffix only matters on a title of headline length.
        var m = title.Length > 500 ? Match.Empty : SiteSuffix().Match(title);
        if (!m.Success) return title;
        var head = m.Groups["head"].Value.Trim();
        var tail = m.Groups["tail"].Value.Trim();
        bool isSite = (publisher is not null && (tail.Contains(publisher, StringComparison.OrdinalIgnoreCase) || publisher.Contains(tail, StringComparison.OrdinalIgnoreCase)))
            || (tail.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3 && head.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4);
        return isSite && head.Length > 0 ? head : title;
    }

    private void AddAuthor(string? raw)
    {
        var name = Clean(raw);
        if (name is null) return;
        name = ByPrefix().Replace(name, "").Trim();
        foreach (var part in name.Split([",", " and ", " & ", ";", "|"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Length is < 3 or > 60 || part.Contains('@') || part.Any(char.IsDigit)) continue;
            if (!Authors.Contains(part, StringComparer.OrdinalIgnoreCase)) Authors.Add(part);
        }
    }

    private void SetDate(DateTimeOffset value, string evidence)
    {
        Published = value;
        PublishedEvidence = evidence;
    }

    /// <summary>Parses ISO 8601 and the common RFC-style dates; null when unsure.</summary>
    internal static DateTimeOffset? ParseDate(string value)
    {
        value = value.Trim();
        if (value.Length is < 8 or > 64) return null;
        var styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, styles, out var d) && d.Year is > 1990 and < 2100) return d;
        // Compact forms such as 20191119T120000Z or 20191119.
        if (value.Length >= 8 && DateTime.TryParseExact(value[..8], "yyyyMMdd", CultureInfo.InvariantCulture, styles, out var c)) return new DateTimeOffset(c, TimeSpan.Zero);
        return null;
    }

    private static string? LanguageCode(string? value)
    {
        var v = Clean(value);
        if (v is null || v.Length < 2 || !char.IsAsciiLetter(v[0]) || !char.IsAsciiLetter(v[1])) return null;
        if (v.Length > 2 && char.IsAsciiLetter(v[2])) return null;
        return v[..2].ToLowerInvariant();
    }

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = BlockReader.CollapseWhitespace(value.Contains('&') ? System.Net.WebUtility.HtmlDecode(value) : value).Replace('\n', ' ');
        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex(@"^(?<head>.+?)\s+(?:\||-|–|—|::|·|•)\s+(?<tail>[^|\-–—]+)$")]
    private static partial Regex SiteSuffix();

    [GeneratedRegex(@"^(?:by|von|par|por|di)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ByPrefix();
}
