using AngleSharp.Html.Parser;
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
        var blocks = article.IsReadable && !string.IsNullOrEmpty(article.Content)
            ? BlockReader.Read(new HtmlParser().ParseDocument(article.Content).Body!)
            : [];
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
