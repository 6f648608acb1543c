using Storyline.Extraction;
using Storyline.Pipeline;

namespace Storyline.Metadata;

/// <summary>Options for <see cref="GivenTitleStage"/>.</summary>
public sealed record GivenTitleOptions;

/// <summary>Applies a title given with the input (API, JSON Lines record, feed item) before the content is read: it wins over the
/// page's own title, and the cleaning stage then drops its copy from the body instead of promoting a paragraph to headline.</summary>
public sealed class GivenTitleStage(GivenTitleOptions options) : IDocumentStage
{
    /// <summary>The options this stage runs with.</summary>
    public GivenTitleOptions Options { get; } = options;

    /// <inheritdoc />
    public void Process(DocumentContext context, CancellationToken cancellationToken)
    {
        if (PlainTitle(context.Input.Hints.Title, cancellationToken) is { } title) context.Title = title;
    }

    /// <summary>A given title as plain text: markup reduced to its text (script and style dropped), entities decoded, whitespace collapsed; null when nothing is left.</summary>
    public static string? PlainTitle(string? given, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(given)) return null;
        var text = given;
        if (text.Contains('<', StringComparison.Ordinal))
        {
            var document = StorylineExtractor.Parser.ParseDocument(NestingLimiter.Limit("<body>" + text, cancellationToken));
            foreach (var element in document.QuerySelectorAll("script, style, template, noscript")) element.Remove();
            text = document.Body?.TextContent ?? "";
        }
        else if (text.Contains('&', StringComparison.Ordinal))
        {
            text = System.Net.WebUtility.HtmlDecode(text);
        }
        text = BlockReader.CollapseWhitespace(text).Replace('\n', ' ').Trim();
        return text.Length == 0 ? null : text;
    }
}
