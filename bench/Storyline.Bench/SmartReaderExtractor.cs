using Storyline.Documents;
using Storyline.Pipeline;
using SmartReader;
using Storyline.Extraction;

namespace Storyline.Bench;

/// <summary>The SmartReader (Readability port) extractor: the baseline the benchmark compares against. It lives here, not in the engine,
/// so that the shipped engine and tool do not carry SmartReader only for a comparison.</summary>
public sealed class SmartReaderExtractor : IArticleExtractor
{
    /// <inheritdoc />
    public ExtractedArticle Extract(string html, string? url, CancellationToken cancellationToken)
    {
        var reader = new Reader(url ?? "https://example.invalid/", html);
        var article = reader.GetArticle();
        // As a standalone tool uses it: the text SmartReader gives, also on pages its heuristics judge unreadable
        // (IsReadable false), and without parsing its HTML output a second time.
        var blocks = string.IsNullOrEmpty(article.TextContent) ? []
            : article.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(BlockReader.CollapseWhitespace).Where(t => t.Length > 0).Select(t => new WorkingBlock(BlockKind.Paragraph, t)).ToList();
        var authors = string.IsNullOrWhiteSpace(article.Author) ? [] : new[] { article.Author.Trim() };
        return new ExtractedArticle(
            string.IsNullOrWhiteSpace(article.Title) ? null : article.Title.Trim(),
            authors,
            article.PublicationDate is { } d ? new DateTimeOffset(d) : null,
            article.PublicationDate is null ? null : "SmartReader",
            string.IsNullOrWhiteSpace(article.SiteName) ? null : article.SiteName,
            string.IsNullOrWhiteSpace(article.Language) ? null : article.Language,
            blocks);
    }
}
