using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Storyline.Documents;

namespace Storyline.Ingestion;

/// <summary>Reads RSS 2.0 and Atom feeds into one raw input per item.</summary>
public static class FeedReader
{
    /// <summary>A feed item, either with its content inline or only a link to fetch.</summary>
    public abstract record FeedEntry;
    /// <summary>An item whose body is in the feed.</summary>
    public sealed record Ready(IngestItem Item) : FeedEntry;
    /// <summary>An item that must be fetched from its link.</summary>
    public sealed record LinkOnly(string Url, InputHints Hints) : FeedEntry;

    /// <summary>Items with a body shorter than this many characters are fetched from their link instead (a teaser is not the article).</summary>
    public const int MinInlineChars = 500;

    /// <summary>True when the bytes start like an RSS or Atom document.</summary>
    public static bool LooksLikeFeed(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 2048)]);
        return head.Contains("<rss", StringComparison.OrdinalIgnoreCase) || head.Contains("<feed", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses a feed; a malformed feed gives an error, a malformed item becomes a failure of that item only.</summary>
    public static (List<FeedEntry> Items, string? Error) Read(string name, string? feedUrl, byte[] bytes, DateTimeOffset now)
    {
        SyndicationFeed feed;
        try
        {
            using var stream = new MemoryStream(bytes);
            using var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersFromEntities = 1024 });
            feed = SyndicationFeed.Load(xml);
        }
        catch (Exception e) when (e is XmlException or InvalidOperationException or ArgumentException or FormatException)
        {
            return ([], $"not a valid RSS or Atom feed: {FirstLine(e.Message)}");
        }

        var entries = new List<FeedEntry>();
        int index = 0;
        var feedTitle = feed.Title?.Text;
        foreach (var item in feed.Items)
        {
            index++;
            var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.GetAbsoluteUri()?.ToString() ?? item.Id;
            var itemName = $"{name}#{index}" + (link is null ? "" : $" ({link})");
            var published = item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime != default ? item.LastUpdatedTime : (DateTimeOffset?)null;
            var hints = new InputHints(item.Title?.Text?.Trim(), feedTitle, published, null,
                [.. item.Authors.Select(a => a.Name ?? a.Email).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!)]);
            var body = ContentOf(item);
            if (body is { Length: >= MinInlineChars })
            {
                var isHtml = body.Contains('<');
                entries.Add(new Ready(new InputItem(new RawInput(itemName, link, isHtml ? "text/html" : "text/plain",
                    Encoding.UTF8.GetBytes(isHtml ? $"<html><body><article>{body}</article></body></html>" : body), now, hints))));
            }
            else if (link is not null && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                entries.Add(new LinkOnly(link, hints));
            }
            else
            {
                entries.Add(new Ready(new FailedItem(itemName, "feed item has neither content nor a link")));
            }
        }
        return (entries, null);
    }

    private static string? ContentOf(SyndicationItem item)
    {
        foreach (var ext in item.ElementExtensions)
        {
            if (ext.OuterName == "encoded" && ext.OuterNamespace == "http://purl.org/rss/1.0/modules/content/")
                return ext.GetObject<string>();
        }
        return item.Content switch
        {
            TextSyndicationContent t => t.Text,
            _ => item.Summary?.Text,
        };
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
