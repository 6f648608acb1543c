using System.Text.RegularExpressions;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Cleaning;

/// <summary>Options for <see cref="PlainTextBlockStage"/>.</summary>
/// <param name="HardWrapMinLines">How many lines a paragraph needs before hard-wrap joining is considered.</param>
public sealed record PlainTextBlockOptions(int HardWrapMinLines = 3);

/// <summary>For plain text and Markdown input: splits the text into blocks, one per line or per hard-wrapped paragraph, recognising bullets and Markdown headings.</summary>
public sealed partial class PlainTextBlockStage(PlainTextBlockOptions options) : IDocumentStage
{
    /// <inheritdoc />
    public void Process(DocumentContext context, CancellationToken cancellationToken)
    {
        if (context.Input.IsHtml || context.DecodedText is null) return;
        foreach (var paragraph in SplitParagraphs(context.DecodedText))
        {
            foreach (var line in JoinHardWrapped(paragraph))
            {
                var block = Classify(line);
                if (block is not null) context.Blocks.Add(block);
            }
        }
    }

    private static IEnumerable<List<string>> SplitParagraphs(string text)
    {
        var current = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                if (current.Count > 0) yield return current;
                current = [];
            }
            else current.Add(line);
        }
        if (current.Count > 0) yield return current;
    }

    // Hard-wrapped text (e-mail, plain-text wires) breaks lines mid-sentence at a fixed width; pasted web text puts one
    // paragraph per line. Join only when every line but the last is long and none starts a bullet.
    private List<string> JoinHardWrapped(List<string> lines)
    {
        if (lines.Count >= options.HardWrapMinLines && IsHardWrapped(lines)) return [string.Join(' ', lines)];
        return lines;
    }

    private static bool IsHardWrapped(List<string> lines)
    {
        for (int i = 0; i < lines.Count - 1; i++)
        {
            var l = lines[i];
            if (l.Length < 50 || l.Length > 100 || BulletPrefix().IsMatch(l)) return false;
            if (l[^1] is '.' or '!' or '?' or ':' && char.IsUpper(lines[i + 1][0])) return false;
        }
        return true;
    }

    private static WorkingBlock? Classify(string line)
    {
        var heading = MarkdownHeading().Match(line);
        if (heading.Success) return new WorkingBlock(BlockKind.Heading, heading.Groups["t"].Value.Trim());
        var bullet = BulletPrefix().Match(line);
        if (bullet.Success)
        {
            var rest = line[bullet.Length..].Trim();
            return rest.Length == 0 ? null : new WorkingBlock(BlockKind.ListItem, rest);
        }
        if (line.StartsWith('>')) return new WorkingBlock(BlockKind.Quote, line.TrimStart('>', ' '));
        return new WorkingBlock(BlockKind.Paragraph, line);
    }

    [GeneratedRegex(@"^#{1,6}\s+(?<t>.+?)\s*#*$")]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^(?:[•●▪◦‣∙·*–-]|\d{1,2}[.)])\s+")]
    private static partial Regex BulletPrefix();
}
