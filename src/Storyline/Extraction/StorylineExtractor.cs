using AngleSharp.Html.Parser;
using Storyline.Documents;
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
        ShouldEmitAttribute = (ref token, name) => IsKept(name),
    };

    // Attributes nothing reads (src, srcset, data-*, on*) are dropped at tokenisation to save allocations.
    private static readonly HashSet<string> KeptAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "class", "style", "hidden", "aria-hidden", "itemprop", "content", "name", "property", "http-equiv", "rel", "datetime", "pubdate", "lang", "xml:lang", "type",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KeptLookup = KeptAttributes.GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool IsKept(ReadOnlyMemory<char> name) => KeptLookup.Contains(name.Span);

    // Pages rendered by script often carry the whole text only in JSON-LD; when the DOM reading misses most of it, the stated body is better.
    private static BodyResult? FromJsonLd(string stated, BodyResult body)
    {
        var text = stated.Contains('<', StringComparison.Ordinal) ? new HtmlParser(ParserOptions).ParseDocument(stated).Body?.TextContent ?? "" : stated;
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

    /// <inheritdoc />
    public ExtractedArticle Extract(string html, string? url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        var document = new HtmlParser(ParserOptions).ParseDocument(html);
        var meta = PageMetadata.Read(html, document);
        var body = BodyExtractor.Extract(document, useClassHints: true, cancellationToken);
        if (body.Chars < BodyExtractor.MinimumChars)
        {
            // Class hints can hit a wrapper ("page has-comments"); a second, literal reading guards against that.
            var lenient = BodyExtractor.Extract(new HtmlParser(ParserOptions).ParseDocument(html), useClassHints: false, cancellationToken);
            if (lenient.Chars > body.Chars * 2) body = lenient;
        }
        if (meta.JsonLdBody is { } stated && FromJsonLd(stated, body) is { } replacement) body = replacement;
        return new ExtractedArticle(meta.Title, meta.Authors, meta.Published, meta.PublishedEvidence, meta.Publisher, meta.Language, body.Blocks)
        {
            Captions = body.Captions,
        };
    }
}
