using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Storyline.Documents;

namespace Storyline.Ingestion;

/// <summary>Reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds into one raw input per item. Lenient on purpose: one bad item (an
/// unparseable date, no link) fails alone, and a feed truncated mid-way keeps the items before the break.</summary>
public static class FeedReader
{
    /// <summary>A feed item, either with its content inline or only a link to fetch.</summary>
    public abstract record FeedEntry;
    /// <summary>An item whose body is in the feed (or a failure of that item).</summary>
    public sealed record Ready(IngestItem Item) : FeedEntry;
    /// <summary>An item that must be fetched from its link.</summary>
    public sealed record LinkOnly(string Url, InputHints Hints) : FeedEntry;

    /// <summary>Items with a body shorter than this many characters are fetched from their link instead (a teaser is not the article).</summary>
    public const int MinInlineChars = 500;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    /// <summary>True when the bytes start like an RSS or Atom document.</summary>
    public static bool LooksLikeFeed(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 2048)]);
        return head.Contains("<rss", StringComparison.OrdinalIgnoreCase) || head.Contains("<feed", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses a feed; a feed that is not XML or not a feed gives an error, a bad item becomes a failure of that item only.</summary>
    public static (List<FeedEntry> Items, string? Error) Read(string name, string? feedUrl, byte[] bytes, DateTimeOffset now) =>
        Read(name, feedUrl, new MemoryStream(bytes, writable: false), now);

    /// <summary>Parses a feed from <paramref name="stream"/>: a feed is a batch, so an item whose content is over <paramref name="maxItemBytes"/> fails alone.</summary>
    public static (List<FeedEntry> Items, string? Error) Read(string name, string? feedUrl, Stream stream, DateTimeOffset now, long maxItemBytes = long.MaxValue)
    {
        var entries = new List<FeedEntry>();
        string? feedTitle = null;
        bool sawRoot = false;
        int index = 0;
        try
        {
            using var owned = stream;
            using var reader = XmlReader.Create(stream, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersFromEntities = 1024, IgnoreComments = true,
            });
            // ReadFrom leaves the reader on the node after the element it read: that node must be looked at, not read past
            // (on a one-line feed it is the next item).
            bool positioned = false;
            while (positioned || reader.Read())
            {
                positioned = false;
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (!sawRoot)
                {
                    if (reader.LocalName is not ("rss" or "feed" or "RDF")) return ([], $"not an RSS or Atom feed (root element <{reader.LocalName}>)");
                    sawRoot = true;
                    continue;
                }
                if (reader.LocalName == "title" && feedTitle is null && reader.Depth <= 2)
                {
                    // Read as an element, not as content: an Atom title of type xhtml has child elements.
                    feedTitle = ((XElement)XNode.ReadFrom(reader)).Value.Trim();
                    positioned = true;
                    continue;
                }
                if (reader.LocalName is "item" or "entry")
                {
                    var element = (XElement)XNode.ReadFrom(reader);
                    index++;
                    entries.Add(ReadItem(element, name, index, feedTitle, feedUrl, now, maxItemBytes));
                    positioned = true;
                }
            }
        }
        catch (XmlException e)
        {
            if (!sawRoot) return ([], $"not a valid RSS or Atom feed: {e.Message}");
            // Keep what was read before the break and say where the rest was lost.
            entries.Add(new Ready(new FailedItem($"{name}#{index + 1}", $"feed is malformed from line {e.LineNumber}: {e.Message.Split('.')[0]}; later items lost")));
        }
        if (!sawRoot) return ([], "not a valid RSS or Atom feed: no root element");
        return (entries, null);
    }

    private static FeedEntry ReadItem(XElement item, string name, int index, string? feedTitle, string? feedUrl, DateTimeOffset now, long maxItemBytes)
    {
        var link = Link(item, feedUrl);
        var itemName = $"{name}#{index}" + (link is null ? "" : $" ({link})");
        var title = Child(item, "title")?.Value.Trim();
        var dateText = Child(item, "pubDate", "published", "updated", "date")?.Value.Trim();
        DateTimeOffset? published = null;
        if (!string.IsNullOrEmpty(dateText))
        {
            published = ParseDate(dateText);
            if (published is null) return new Ready(new FailedItem(itemName, $"item date is not a date: \"{dateText}\""));
        }
        var authors = item.Elements().Where(e => e.Name.LocalName is "author" or "creator")
            .Select(e => (e.Element(Atom + "name")?.Value ?? e.Value).Trim()).Where(a => a.Length > 0).ToList();
        var hints = new InputHints(string.IsNullOrEmpty(title) ? null : title, feedTitle, published, null, authors);

        var body = item.Element(Content + "encoded")?.Value ?? Child(item, "content")?.Value ?? Child(item, "description", "summary")?.Value;
        if (body is { Length: >= MinInlineChars })
        {
            // The item's own content is the record the limit applies to; the feed around it may be any size.
            var size = Encoding.UTF8.GetByteCount(body);
            if (size > maxItemBytes) return new Ready(new FailedItem(itemName, $"item is {size:N0} bytes, over the {maxItemBytes:N0}-byte limit"));
            var isHtml = body.Contains('<');
            return new Ready(new InputItem(new RawInput(itemName, link, isHtml ? "text/html" : "text/plain",
                Encoding.UTF8.GetBytes(isHtml ? $"<html><body><article>{body}</article></body></html>" : body), now, hints)));
        }
        if (link is not null) return new LinkOnly(link, hints);
        return new Ready(new FailedItem(itemName, "feed item has neither content nor a link"));
    }

    private static XElement? Child(XElement item, params string[] localNames) =>
        item.Elements().FirstOrDefault(e => localNames.Contains(e.Name.LocalName));

    private static string? Link(XElement item, string? feedUrl)
    {
        string? href = null;
        foreach (var l in item.Elements().Where(e => e.Name.LocalName == "link"))
        {
            var rel = (string?)l.Attribute("rel");
            if (rel is not (null or "alternate")) continue;
            href = ((string?)l.Attribute("href") ?? l.Value).Trim();
            break;
        }
        if (string.IsNullOrEmpty(href))
        {
            var guid = Child(item, "guid", "id")?.Value.Trim();
            if (guid is not null && guid.StartsWith("http", StringComparison.OrdinalIgnoreCase)) href = guid;
        }
        if (string.IsNullOrEmpty(href)) return null;
        if (Uri.TryCreate(href, UriKind.Absolute, out var abs)) return abs.Scheme is "http" or "https" ? abs.ToString() : null;
        return feedUrl is not null && Uri.TryCreate(new Uri(feedUrl), href, out var rel2) ? rel2.ToString() : null;
    }

    /// <summary>Parses RFC 822 (RSS) and ISO 8601 (Atom) dates, tolerating common deviations; null when unreadable.</summary>
    public static DateTimeOffset? ParseDate(string text)
    {
        var t = text.Trim();
        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso)) return iso;
        // RFC 822 zones by name ("GMT", "EST") and an optional weekday.
        var parts = t.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count > 0 && parts[0].EndsWith(',')) parts.RemoveAt(0);
        if (parts.Count >= 4)
        {
            var zone = parts[^1] switch
            {
                "GMT" or "UT" or "UTC" or "Z" => "+0000", "EST" => "-0500", "EDT" => "-0400", "CST" => "-0600", "CDT" => "-0500",
                "MST" => "-0700", "MDT" => "-0600", "PST" => "-0800", "PDT" => "-0700", var z => z,
            };
            var candidate = string.Join(' ', parts.Take(parts.Count - 1)) + " " + zone;
            string[] formats = ["d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm zzz", "d MMM yy HH:mm:ss zzz", "d MMMM yyyy HH:mm:ss zzz"];
            if (DateTimeOffset.TryParseExact(candidate.Replace("+0000", "+00:00", StringComparison.Ordinal), formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var rfc)) return rfc;
            if (zone.Length == 5 && DateTimeOffset.TryParseExact(string.Join(' ', parts.Take(parts.Count - 1)) + " " + zone.Insert(3, ":"), formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var rfc2)) return rfc2;
        }
        return null;
    }
}
