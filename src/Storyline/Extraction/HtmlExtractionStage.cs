using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Extraction;

/// <summary>Options for <see cref="HtmlExtractionStage"/>.</summary>
/// <param name="Extractor">The extractor to use; null selects the default.</param>
public sealed record HtmlExtractionOptions(IArticleExtractor? Extractor = null);

/// <summary>For HTML input: extracts the main article into blocks and metadata.</summary>
public sealed class HtmlExtractionStage(HtmlExtractionOptions options) : IDocumentStage
{
    private readonly IArticleExtractor _extractor = options.Extractor ?? new StorylineExtractor();

    /// <inheritdoc />
    public void Process(DocumentContext context, CancellationToken cancellationToken)
    {
        if (!context.Input.IsHtml || context.DecodedText is null) return;
        var article = _extractor.Extract(context.DecodedText, context.Input.Url, cancellationToken);
        if (article.Blocks.Count == 0) throw new InputRejectedException("no article text found in the HTML");
        context.Blocks.AddRange(article.Blocks);
        context.Title ??= article.Title;
        context.Authors.AddRange(article.Authors);
        context.Captions.AddRange(article.Captions);
        context.Publisher ??= article.Publisher;
        context.Language ??= article.Language;
        if (article.Published is { } p) context.Published ??= new PublicationDate(p, article.PublishedSource, article.PublishedEvidence);
    }
}
