using Storyline.Time;

namespace Storyline.Extraction.Dates;

/// <summary>Where on the page a date candidate was read, in rough order of trust.</summary>
internal enum DateOrigin
{
    /// <summary>A JSON-LD object (including @graph and nested objects).</summary>
    JsonLd,
    /// <summary>A JSON date property in a script other than JSON-LD.</summary>
    ScriptJson,
    /// <summary>A meta tag (Open Graph, article:*, Dublin Core, CMS names).</summary>
    Meta,
    /// <summary>A microdata itemprop.</summary>
    Microdata,
    /// <summary>A <c>&lt;time datetime&gt;</c> element.</summary>
    TimeElement,
    /// <summary>The page's URL path.</summary>
    Url,
    /// <summary>An element whose class or id marks a date or byline.</summary>
    Markup,
    /// <summary>The text just around the headline.</summary>
    NearTitle,
    /// <summary>Anywhere else in the page's text.</summary>
    PageText,
}

/// <summary>What a candidate claims to be the date of.</summary>
internal enum DateRole
{
    /// <summary>Stated as the publication (or creation) date.</summary>
    Published,
    /// <summary>Stated as an update or modification date.</summary>
    Modified,
    /// <summary>A date with no statement of what it dates.</summary>
    Unknown,
}

/// <summary>The part of the page a candidate sits in, as far as it tells against the article's own date.</summary>
internal enum DatePlace
{
    /// <summary>The page or article itself.</summary>
    Main,
    /// <summary>A comment or reply.</summary>
    Comment,
    /// <summary>A list of related, recommended or linked articles, a sidebar or navigation.</summary>
    Related,
    /// <summary>The page footer.</summary>
    Footer,
}

/// <summary>One date the page offers as its own, with where and how it was said.</summary>
/// <param name="Day">The day as the page writes it (never shifted through UTC).</param>
/// <param name="Value">The instant when the page gives a time and offset, else the day at midnight UTC.</param>
/// <param name="Origin">Where it was read.</param>
/// <param name="Role">What it claims to date.</param>
/// <param name="Place">The part of the page it sits in.</param>
/// <param name="Evidence">The field or text it came from.</param>
/// <param name="Order">Its position among the candidates of its origin (0 = first on the page).</param>
/// <param name="Granularity">A day, or a month (a URL's /2020/08/) or year (a copyright line) that only bounds or supports the day.</param>
internal sealed record DateCandidate(DateOnly Day, DateTimeOffset Value, DateOrigin Origin, DateRole Role, DatePlace Place, string Evidence, int Order = 0,
    TimeGranularity Granularity = TimeGranularity.Day)
{
    /// <summary>True when the page states the time in UTC: near midnight, the day where the page was published may be the one before or after.</summary>
    public bool Utc { get; init; }
}
