using AngleSharp.Dom;

namespace Storyline.Extraction.Dates;

/// <summary>One page as the date sources read it: the raw HTML (for JSON-LD and scripts), the parsed document and the URL.</summary>
internal sealed partial class DatePage(string html, IDocument document, string? url, JsonLd? jsonLd = null)
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

    private List<IElement>? _elements;

    /// <summary>Every element of the body in document order, listed once for all sources (a selector query walks the whole tree each time).</summary>
    public IReadOnlyList<IElement> Elements
    {
        get
        {
            if (_elements is not null) return _elements;
            _elements = [];
            if (Document.Body is { } body) Collect(body, _elements);
            return _elements;
        }
    }

    // Indexed: AngleSharp's NextElementSibling searches the parent's child list on every step, quadratic in a long list.
    private static void Collect(IElement parent, List<IElement> into)
    {
        var children = parent.ChildNodes;
        for (int i = 0; i < children.Length; i++)
        {
            if (children[i] is not IElement child) continue;
            into.Add(child);
            Collect(child, into);
        }
    }

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

    private static DatePlace PlaceByName(IElement element)
    {
        var names = $"{element.GetAttribute("class")} {element.GetAttribute("id")}";
        if (names.Length < 3) return DatePlace.Main;
        if (DateHints.Comment().IsMatch(names)) return DatePlace.Comment;
        if (DateHints.Related().IsMatch(names)) return DatePlace.Related;
        if (DateHints.Footer().IsMatch(names)) return DatePlace.Footer;
        return DatePlace.Main;
    }
}
