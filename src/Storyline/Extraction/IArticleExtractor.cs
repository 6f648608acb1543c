using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Extraction;

/// <summary>What an extractor finds in an HTML page.</summary>
public sealed record ExtractedArticle(
    string? Title,
    IReadOnlyList<string> Authors,
    DateTimeOffset? Published,
    string? PublishedEvidence,
    string? Publisher,
    string? Language,
    IReadOnlyList<WorkingBlock> Blocks)
{
    /// <summary>Figure captions and photo credits kept out of the body.</summary>
    public IReadOnlyList<string> Captions { get; init; } = [];

    /// <summary>Where <see cref="Published"/> was read: metadata, the URL, a byline, or (an estimate) a date the text mentions.</summary>
    public DateSource PublishedSource { get; init; } = DateSource.Metadata;
}

/// <summary>Extracts the main article (title, authors, date, body blocks) from an HTML page.</summary>
public interface IArticleExtractor
{
    /// <summary>Extracts the article from <paramref name="html"/>; <paramref name="url"/> resolves relative links and hints the publisher.</summary>
    ExtractedArticle Extract(string html, string? url, CancellationToken cancellationToken);
}
