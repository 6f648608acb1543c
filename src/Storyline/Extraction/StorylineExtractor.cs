using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Extraction;

/// <summary>Main-article extraction: prunes page furniture, scores containers by dense, link-poor paragraph text (confirmed by JSON-LD when the page states its body) and reads the best one into blocks.</summary>
public sealed class StorylineExtractor : IArticleExtractor
{
    // Script text is skipped (JSON-LD is read from the raw HTML instead); styles, comments and positions are never needed.
    private static readonly HtmlParserOptions ParserOptions = new()
    {
        IsScripting = false,
        IsNotSupportingFrames = true,
        SkipScriptText = true,
        SkipRawText = true,
        SkipComments = true,
        SkipCDATA = true,
        SkipProcessingInstructions = true,
        DisableElementPositionTracking = true,
    };

    /// <inheritdoc />
    public ExtractedArticle Extract(string html, string? url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        var document = new HtmlParser(ParserOptions).ParseDocument(html);
        var meta = PageMetadata.Read(html, document);
        var body = BodyExtractor.Extract(document, meta, useClassHints: true, cancellationToken);
        if (body.Chars < BodyExtractor.MinimumChars)
        {
            // Class hints can hit a wrapper ("page has-comments"); a second, literal reading guards against that.
            var lenient = BodyExtractor.Extract(new HtmlParser(ParserOptions).ParseDocument(html), meta, useClassHints: false, cancellationToken);
            if (lenient.Chars > body.Chars * 2) body = lenient;
        }
        return new ExtractedArticle(meta.Title, meta.Authors, meta.Published, meta.PublishedEvidence, meta.Publisher, meta.Language, body.Blocks)
        {
            Captions = body.Captions,
        };
    }
}
