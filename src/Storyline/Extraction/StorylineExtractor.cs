using System.Buffers;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Storyline.Documents;
using Storyline.Extraction.Dates;
using Storyline.Pipeline;

namespace Storyline.Extraction;

/// <summary>Main-article extraction: prunes page furniture, scores containers by dense, link-poor paragraph text, merges split body sections and reads the winner into blocks (JSON-LD articleBody when the markup lacks the text).</summary>
public sealed class StorylineExtractor : IArticleExtractor
{
    // Script text is skipped (JSON-LD is read from the raw HTML instead); styles, comments and positions are never needed.
    internal static readonly HtmlParserOptions ParserOptions = new()
    {
        IsScripting = false,
        IsNotSupportingFrames = true,
        SkipScriptText = true,
        SkipRawText = true,
        SkipComments = true,
        SkipCDATA = true,
        SkipProcessingInstructions = true,
        DisableElementPositionTracking = true,
        ShouldEmitAttribute = (ref token, name) => IsKept(token.Name.Memory.Span, name.Span),
    };

    // Attributes nothing reads (src, srcset, data-*, on*, type) are dropped at tokenisation to save allocations.
    private static readonly HashSet<string> KeptAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "class", "style", "hidden", "aria-hidden", "itemprop", "content", "datetime", "pubdate",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KeptLookup = KeptAttributes.GetAlternateLookup<ReadOnlySpan<char>>();

    // Attributes read on one element only: meta names and properties, author links, the page's language; elsewhere they are dropped too.
    private static bool IsKept(ReadOnlySpan<char> tag, ReadOnlySpan<char> name)
    {
        if (KeptLookup.Contains(name)) return true;
        if (tag.SequenceEqual("meta")) return name.Equals("name", StringComparison.OrdinalIgnoreCase) || name.Equals("property", StringComparison.OrdinalIgnoreCase) || name.Equals("http-equiv", StringComparison.OrdinalIgnoreCase);
        if (tag.SequenceEqual("a")) return name.Equals("rel", StringComparison.OrdinalIgnoreCase);
        if (tag.SequenceEqual("html")) return name.Equals("lang", StringComparison.OrdinalIgnoreCase) || name.Equals("xml:lang", StringComparison.OrdinalIgnoreCase);
        return false;
    }

    [ThreadStatic]
    private static HtmlParser? t_parser;

    /// <summary>A parser with <see cref="ParserOptions"/> for this thread: building one sets up a browsing context, which costs more than parsing a small page.</summary>
    internal static HtmlParser Parser => t_parser ??= new HtmlParser(ParserOptions);

    // Stateless: one instance serves every page.
    private static readonly PublicationDateExtractor Dates = new();

    // Pages rendered by script often carry the whole text only in JSON-LD; when the DOM reading misses most of it, the stated body is better.
    private static BodyResult? FromJsonLd(string stated, BodyResult body, CancellationToken cancellationToken)
    {
        var text = stated.Contains('<', StringComparison.Ordinal) ? Parser.ParseDocument(NestingLimiter.Limit(stated, cancellationToken)).Body?.TextContent ?? "" : stated;
        text = System.Net.WebUtility.HtmlDecode(text);
        var statedTokens = ShingleScore.Tokenize(text);
        if (statedTokens.Count < 40) return null;
        var domText = string.Join("\n", body.Blocks.Select(b => b.Text));
        var domTokens = ShingleScore.Tokenize(domText);
        if (domTokens.Count >= statedTokens.Count) return null;
        var statedShingles = ShingleScore.Shingles(statedTokens);
        var domShingles = ShingleScore.Shingles(domTokens);
        int shared = statedShingles.Keys.Count(domShingles.ContainsKey);
        if (shared >= statedShingles.Count * 0.3) return null;
        var blocks = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(BlockReader.CollapseWhitespace).Where(t => t.Length > 0).Select(t => new WorkingBlock(BlockKind.Paragraph, t)).ToList();
        return new BodyResult(blocks, body.Captions, blocks.Sum(b => b.Text.Length));
    }

    /// <summary>
    /// The page without its script, style and svg elements (JSON-LD is read from the original text).
    /// Like a browser, a script runs to the first end tag of its name, and an unterminated one to the end of the page.
    /// </summary>
    internal static string StripUnreadElements(string html)
    {
        var buffer = ArrayPool<char>.Shared.Rent(html.Length);
        try
        {
            int length = StripUnreadElements(html, buffer);
            return length < 0 ? html : new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the page without its unread elements into <paramref name="into"/> (at least as long as the page); -1, and nothing written, when it has none.</summary>
    internal static int StripUnreadElements(string html, char[] into)
    {
        int written = -1, copied = 0, at = 0;
        while (at < html.Length)
        {
            int lt = html.IndexOf("<s", at, StringComparison.OrdinalIgnoreCase);
            if (lt < 0) break;
            string? endTag = StartsName(html, lt + 1, "script") ? "</script"
                : StartsName(html, lt + 1, "style") ? "</style"
                : StartsName(html, lt + 1, "svg") ? "</svg" : null;
            if (endTag is null) { at = lt + 1; continue; }
            int end = html.IndexOf(endTag, lt + endTag.Length - 1, StringComparison.OrdinalIgnoreCase);
            int stop = end < 0 ? html.Length : html.IndexOf('>', end) is var gt and >= 0 ? gt + 1 : html.Length;
            if (written < 0) written = 0;
            html.AsSpan(copied, lt - copied).CopyTo(into.AsSpan(written));
            written += lt - copied;
            copied = at = stop;
        }
        if (written < 0) return -1;
        html.AsSpan(copied).CopyTo(into.AsSpan(written));
        return written + html.Length - copied;
    }

    // The tag name at this position, followed by a character that ends a name.
    private static bool StartsName(string html, int at, string name)
    {
        int after = at + name.Length;
        if (after >= html.Length || string.Compare(html, at, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) != 0) return false;
        var c = html[after];
        return c is '>' or '/' || char.IsWhiteSpace(c);
    }

    /// <inheritdoc />
    public ExtractedArticle Extract(string html, string? url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        // Scripts, styles and inline drawings are half of a typical page's bytes and are dropped anyway:
        // cutting them out with vectorised searches spares the tokenizer from stepping through them.
        using var markup = PreparedMarkup.Of(html, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var document = markup.Parse();
        using var jsonLd = JsonLd.Read(html);
        var elements = PageElements.Of(document);
        var meta = PageMetadata.Read(html, document, jsonLd, elements);
        // Read before the body extractor prunes the document: bylines and datelines sit in the furniture it removes.
        var date = Dates.Extract(html, document, url, jsonLd, elements);
        var body = BodyExtractor.Extract(document, useClassHints: true, cancellationToken);
        if (body.Chars < BodyExtractor.MinimumChars)
        {
            // Class hints can hit a wrapper ("page has-comments"); a second, literal reading guards against that.
            // The same document serves: reading the body marks what it prunes and leaves the tree as parsed.
            var lenient = BodyExtractor.Extract(document, useClassHints: false, cancellationToken);
            if (lenient.Chars > body.Chars * 2) body = lenient;
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (meta.JsonLdBody is { } stated && FromJsonLd(stated, body, cancellationToken) is { } replacement) body = replacement;
        return new ExtractedArticle(meta.Title, meta.Authors, date?.Published, date?.Candidate.Evidence, meta.Publisher, meta.Language, body.Blocks)
        {
            Captions = body.Captions,
            PublishedSource = date?.Source ?? DateSource.Metadata,
        };
    }
}

/// <summary>A page's markup as the parser reads it (scripts, styles and drawings cut out, nesting capped), held in a pooled buffer:
/// a page-sized copy is the largest allocation of an extraction, and on most pages it is big enough for the large-object heap.
/// A class, not a struct: a copy disposed twice would hand one buffer to two renters.</summary>
internal sealed class PreparedMarkup : IDisposable
{
    private char[]? _rented;
    private readonly string? _text;
    private readonly int _length;

    private PreparedMarkup(string text) => _text = text;

    private PreparedMarkup(char[] rented, int length)
    {
        _rented = rented;
        _length = length;
    }

    /// <summary>Prepares <paramref name="html"/>; dispose only after every document parsed from it is no longer read, as those read the buffer.</summary>
    public static PreparedMarkup Of(string html, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<char>.Shared.Rent(html.Length);
        int length = StorylineExtractor.StripUnreadElements(html, buffer);
        var stripped = length < 0 ? html.AsMemory() : buffer.AsMemory(0, length);
        if (NestingLimiter.Limit(stripped, cancellationToken) is { } limited)
        {
            ArrayPool<char>.Shared.Return(buffer);
            return new PreparedMarkup(limited);
        }
        if (length >= 0) return new PreparedMarkup(buffer, length);
        ArrayPool<char>.Shared.Return(buffer);
        return new PreparedMarkup(html);
    }

    /// <summary>A fresh document from the markup.</summary>
    public IDocument Parse() => _text is not null ? StorylineExtractor.Parser.ParseDocument(_text) : StorylineExtractor.Parser.ParseDocument(_rented!, _length);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_rented is { } rented) ArrayPool<char>.Shared.Return(rented);
        _rented = null;
    }
}
