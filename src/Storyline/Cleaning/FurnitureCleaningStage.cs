using System.Text.RegularExpressions;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Cleaning;

/// <summary>Options for <see cref="FurnitureCleaningStage"/>.</summary>
public sealed record FurnitureCleaningOptions;

/// <summary>Removes page furniture (ads, promos, comment forms, video players, related links) and moves metadata lines (bylines, captions, copyright) into fields.</summary>
public sealed partial class FurnitureCleaningStage(FurnitureCleaningOptions options) : IDocumentStage
{
    private readonly FurnitureCleaningOptions _options = options;

    /// <inheritdoc />
    public void Process(DocumentContext context, CancellationToken cancellationToken)
    {
        _ = _options;
        var kept = new List<WorkingBlock>(context.Blocks.Count);
        foreach (var block in context.Blocks)
        {
            var text = block.Text.Trim();
            if (Furniture().IsMatch(text)) continue;
            var byline = Byline().Match(text);
            if (byline.Success)
            {
                foreach (var name in byline.Groups["names"].Value.Split([",", " and ", "&"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    context.Authors.Add(name);
                continue;
            }
            if (Caption().IsMatch(text))
            {
                context.Captions.Add(text);
                continue;
            }
            kept.Add(block with { Text = text });
        }
        context.Blocks.Clear();
        context.Blocks.AddRange(kept);
    }

    [GeneratedRegex(@"^(?:Advertisement|Get more with myNEWS|A personalised news feed of stories that matter to you|Learn more|Add a comment|Leave a Reply|Secret Link|Your email address will not be published\..*|\d{1,2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex Furniture();

    [GeneratedRegex(@"^By (?<names>[\p{Lu}][\p{L}.'-]+(?:\s+[\p{Lu}][\p{L}.'-]+)*(?:\s*(?:,|and|&)\s*[\p{Lu}][\p{L}.'-]+(?:\s+[\p{Lu}][\p{L}.'-]+)*)*)$")]
    private static partial Regex Byline();

    [GeneratedRegex(@"(?:Photo|Picture|Image|Video)s?:\s*[\p{L} ./&-]{1,60}$|^By Shutterstock")]
    private static partial Regex Caption();
}
