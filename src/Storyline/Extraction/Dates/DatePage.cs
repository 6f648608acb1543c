using AngleSharp.Dom;

namespace Storyline.Extraction.Dates;

/// <summary>One page as the date sources read it: the raw HTML (for JSON-LD and scripts), the parsed document and the URL.</summary>
internal sealed partial class DatePage(string html, IDocument document, string? url, JsonLd? jsonLd = null, PageElements? elements = null)
{
    /// <summary>The page's JSON-LD when the caller has parsed it already; null to parse it from <see cref="Html"/>.</summary>
    public JsonLd? JsonLd { get; } = jsonLd;

    /// <summary>The HTML as received (scripts included).</summary>
    public string Html { get; } = html;

    /// <summary>The parsed document (scripts and styles removed).</summary>
    public IDocument Document { get; } = document;

    /// <summary>The page's address, when known.</summary>
    public string? Url { get; } = url;

    /// <summary>True when an ambiguous 03/04/2020 is month-first: the page says it is in American English (or just English).</summary>
    public bool MonthFirst { get; } = document.DocumentElement?.GetAttribute("lang") is { } lang
        && (lang.Equals("en", StringComparison.OrdinalIgnoreCase) || lang.StartsWith("en-us", StringComparison.OrdinalIgnoreCase));

    /// <summary>The publisher's usual UTC offset (country domain, else locale), or null when unknown.</summary>
    public TimeSpan? Offset
    {
        get
        {
            if (_offsetRead) return _offset;
            _offsetRead = true;
            var locale = Document.DocumentElement?.GetAttribute("lang") is { Length: >= 5 } lang ? lang
                : Document.Head?.Children.FirstOrDefault(m => m.LocalName == "meta" && m.GetAttribute("property") == "og:locale")?.GetAttribute("content");
            return _offset = PublisherClock.Offset(Url, locale);
        }
    }

    private TimeSpan? _offset;
    private bool _offsetRead;

    private PageElements? _elements = elements;

    /// <summary>The elements the sources read, listed once for all of them (a selector query walks the whole tree each time).</summary>
    public PageElements Elements => _elements ??= PageElements.Of(Document);

    private readonly Dictionary<IElement, DatePlace> _places = [];

    /// <summary>The part of the page <paramref name="element"/> sits in, judged by its ancestors' tags, classes and ids.</summary>
    public DatePlace PlaceOf(IElement? element)
    {
        if (element is null) return DatePlace.Main;
        if (_places.TryGetValue(element, out var known)) return known;
        var place = element.LocalName switch
        {
            "html" or "body" or "head" or "main" => DatePlace.Main,
            "footer" => DatePlace.Footer,
            // A figure's caption dates the photo ("FILE PHOTO: ... January 16, 2020"), as a list dates other articles.
            "aside" or "nav" or "figure" or "figcaption" => DatePlace.Related,
            // The site's own header (logo, menus) shows today's date; an article's header holds its headline.
            "header" when IsSiteHeader(element) => DatePlace.Related,
            _ => PlaceByName(element),
        };
        // An element says nothing of itself unless its name does; comments and related lists also win over a footer that holds them.
        if (place == DatePlace.Main) place = PlaceOf(element.ParentElement);
        else if (place == DatePlace.Footer && PlaceOf(element.ParentElement) is var outer and (DatePlace.Comment or DatePlace.Related)) place = outer;
        _places[element] = place;
        return place;
    }

    // A <header> outside any article or main element and without a headline in it is the site's masthead.
    private static bool IsSiteHeader(IElement header)
    {
        for (var up = header.ParentElement; up is not null; up = up.ParentElement)
            if (up.LocalName is "article" or "main") return false;
        return header.QuerySelector("h1, h2") is null;
    }

    // Elements repeat their class and id across a page: each pair is judged once.
    private readonly Dictionary<(string?, string?), DatePlace> _byNames = [];

    private DatePlace PlaceByName(IElement element)
    {
        var key = (element.GetAttribute("class"), element.GetAttribute("id"));
        if (!_byNames.TryGetValue(key, out var place)) _byNames[key] = place = PlaceByName($"{key.Item1} {key.Item2}");
        return place;
    }

    private static DatePlace PlaceByName(string names)
    {
        if (names.Length < 3) return DatePlace.Main;
        if (DateHints.Comment().IsMatch(names)) return DatePlace.Comment;
        if (DateHints.Related().IsMatch(names)) return DatePlace.Related;
        if (DateHints.Footer().IsMatch(names)) return DatePlace.Footer;
        return DatePlace.Main;
    }
}
