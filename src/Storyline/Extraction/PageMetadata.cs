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
    public static PageMetadata Read(string html, IDocument document) => Read(html, document, null);

    /// <summary>Reads the page with its JSON-LD already parsed (<paramref name="jsonLd"/>, read from <paramref name="html"/> when null).</summary>
    public static PageMetadata Read(string html, IDocument document, JsonLd? jsonLd) => Read(html, document, jsonLd, null);

    /// <summary>As <see cref="Read(string, IDocument, JsonLd?)"/>, with the document's elements already listed (<paramref name="elements"/>, listed here when null).</summary>
    public static PageMetadata Read(string html, IDocument document, JsonLd? jsonLd, PageElements? elements)
    {
        var m = new PageMetadata();
        var own = jsonLd is null ? JsonLd.Read(html) : null;
        try
        {
            foreach (var doc in (jsonLd ?? own!).Documents) m.ReadJsonLd(doc);
        }
        finally
        {
            own?.Dispose();
        }
        m.ReadDocument(document, elements ?? PageElements.Of(document));
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

    private void ReadJsonLd(JsonDocument doc)
    {
        try
        {
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

    private void ReadDocument(IDocument document, PageElements elements)
    {
        string? ogTitle = null, twitterTitle = null, siteName = null, appName = null;
        var metas = elements.Metas;
        var dates = elements.StatedDates;
        var bylines = elements.Bylines;
        var classBylines = elements.ClassBylines;
        var firstH1 = elements.FirstH1;

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
        // A CMS byline ("<span class=byline>By <a>Jane Doe</a> and …</span>") when nothing declares the authors; the first short one is the article's.
        if (Authors.Count == 0)
        {
            foreach (var el in classBylines)
            {
                var text = el.TextContent;
                if (text.Length is < 3 or > 150) continue;
                AddAuthor(text);
                if (Authors.Count > 0) break;
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
    internal static string StripSiteSuffix(string title, string? publisher, string? h1)
    {
        if (h1 is not null && h1.Length >= 10 && title.StartsWith(h1, StringComparison.Ordinal)) return h1;
        // "Section | Headline | Site" or "Site: Headline": the h1 names which segment is the headline.
        if (h1 is not null && h1.Length >= 10 && title.Length > h1.Length && title.Contains(h1, StringComparison.OrdinalIgnoreCase)
            && Segments().Split(title).Any(seg => seg.Trim().Equals(h1, StringComparison.OrdinalIgnoreCase))) return h1;
        // Several suffixes ("Headline - Section - Site") come off one at a time while each is a short name.
        for (int i = 0; i < 3; i++)
        {
            var stripped = StripOneSuffix(title, publisher);
            if (stripped == title) break;
            title = stripped;
        }
        return title;
    }

    private static string StripOneSuffix(string title, string? publisher)
    {
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
        foreach (var name in AuthorNames(raw))
            if (!Authors.Contains(name, StringComparer.OrdinalIgnoreCase)) Authors.Add(name);
    }

    /// <summary>The person names in a byline or author field: "By" and role words dropped, several authors split, dates and handles left out.</summary>
    internal static IEnumerable<string> AuthorNames(string? raw)
    {
        var text = Clean(raw);
        if (text is null) yield break;
        // Segments after a bar or bullet are usually dates, roles or the outlet ("By Jane Doe | Staff Writer | Updated 5 May").
        foreach (var segment in text.Split(['|', '•', '·'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var line = ByPrefix().Replace(segment, "").Trim();
            foreach (var piece in AuthorSeparator().Split(line))
            {
                var part = RoleSuffix().Replace(ByPrefix().Replace(piece.Trim().Trim('.', ':', '-', '–', '—', '(', ')'), ""), "").Trim().TrimEnd(',', '.', ':', '-', '–', '—').Trim();
                if (part.Length is < 3 or > 60 || part.Contains('@') || part.Contains("://", StringComparison.Ordinal) || part.Any(char.IsDigit)) continue;
                if (RoleOnly().IsMatch(part) || part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 5) continue;
                // A name starts with a capital (or a script without case); "admin" and "staff" are not bylines.
                if (char.IsLower(part[0])) continue;
                yield return part;
            }
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

    [GeneratedRegex(@"\s+(?:\||-|–|—|::|·|•)\s+|:\s+")]
    private static partial Regex Segments();

    [GeneratedRegex(@"^(?<head>.+?)\s+(?:\||-|–|—|::|·|•)\s+(?<tail>[^|\-–—]+)$")]
    private static partial Regex SiteSuffix();

    [GeneratedRegex(@"^(?:(?:written|posted|reported|reporting|text|words|story|photos?|video)\s+)?(?:by|von|par|por|di|door|av|автор|от)\s*:?\s+|^(?:author|autor|auteur|autore|autora|text|texto|testo|redaktion|автор|yazar)\s*:\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ByPrefix();

    // Several authors: "A, B and C", "A & B", "A und B", "A et B", "A y B", "A e B", "A и B", "A ve B".
    [GeneratedRegex(@"\s*[,;/]\s*|\s+(?:and|&|und|et|y|e|и|і|ve|en|og|och|oraz)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorSeparator();

    private const string Role = @"(?:(?:senior|chief|staff|contributing|special|political|foreign|business|sports|science|health|associate|deputy|managing|executive|freelance|guest|news|digital|web|national|international|investigative|economics|technology)\s+)*"
        + @"(?:writer|reporter|correspondent|editor|columnist|contributor|journalist|author|producer|photographer|analyst|staff|desk|team"
        + @"|redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|redaktion|journaliste|rédact(?:eur|rice)|envoyée? spéciale?|corresponsal|redactor(?:a)?|periodista|giornalista|redazione|inviato|repórter|jornalista|correspondente|корреспондент|обозреватель|журналист|muhabir)s?";

    // "Jane Doe, Staff Writer" splits at the comma; "Jane Doe (Correspondent)" keeps the role in brackets. A bare trailing word is
    // left alone: "Ann Writer" and "Tom Editor" are names.
    [GeneratedRegex(@"\s*\(" + Role + @"\)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleSuffix();

    [GeneratedRegex(@"^(?:the\s+)?" + Role + @"$|^(?:admin|administrator|webmaster|guest|anonymous|unknown|editorial|updated|published|share|follow)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleOnly();

    // One of these is in every word BylineClass matches: most class names are ruled out without the regex or the cache.
    internal static readonly System.Buffers.SearchValues<string> BylineWords = System.Buffers.SearchValues.Create(["byl", "by-l", "author"], StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"(?<![a-z])(?:byline|by-?line|author-?name|article-?author|post-?author|entry-?author|byl|story-?author|author)(?![a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex BylineClass();
}
