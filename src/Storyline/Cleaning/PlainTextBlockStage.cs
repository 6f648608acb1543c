using System.Text.RegularExpressions;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Cleaning;

/// <summary>Options for <see cref="PlainTextBlockStage"/>.</summary>
/// <param name="HardWrapMinLines">How many lines a paragraph needs before hard-wrap joining is considered.</param>
public sealed record PlainTextBlockOptions(int HardWrapMinLines = 3);

/// <summary>For plain text and Markdown input: splits the text into blocks, one per line or per hard-wrapped paragraph, recognising bullets, quotes and Markdown headings.</summary>
public sealed partial class PlainTextBlockStage(PlainTextBlockOptions options) : IDocumentStage
{
    /// <inheritdoc />
    public void Process(DocumentContext context, CancellationToken cancellationToken)
    {
        if (context.Input.IsHtml || context.DecodedText is null) return;
        foreach (var paragraph in SplitParagraphs(context.DecodedText))
        {
            var lines = JoinHardWrapped(paragraph);
            for (int i = 0; i < lines.Count; i++)
            {
                // Setext heading: a line underlined with === or ---.
                if (i + 1 < lines.Count && SetextUnderline().IsMatch(lines[i + 1]) && !BulletPrefix().IsMatch(lines[i]) && lines[i].Split(' ').Length <= 12)
                {
                    context.Blocks.Add(new WorkingBlock(BlockKind.Heading, Inline(lines[i])));
                    i++;
                    continue;
                }
                // A line that is only an image: its alt text describes the picture, so it is a caption.
                var image = ImageOnly().Match(lines[i]);
                if (image.Success)
                {
                    var alt = image.Groups["alt"].Value.Trim();
                    if (alt.Length > 0 && !context.Captions.Contains(alt)) context.Captions.Add(alt);
                    continue;
                }
                var block = Classify(lines[i]);
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
        // Horizontal rules and lines of decoration carry no text.
        if (RuleLine().IsMatch(line)) return null;
        var heading = MarkdownHeading().Match(line);
        if (heading.Success) return new WorkingBlock(BlockKind.Heading, Inline(heading.Groups["t"].Value.Trim()));
        // A whole line in bold is how Markdown without headings marks a subheading.
        var bold = BoldLine().Match(line);
        if (bold.Success && bold.Groups["t"].Value.Split(' ').Length <= 12) return new WorkingBlock(BlockKind.Heading, bold.Groups["t"].Value.Trim());
        var bullet = BulletPrefix().Match(line);
        if (bullet.Success)
        {
            var rest = line[bullet.Length..].Trim();
            return rest.Length == 0 ? null : new WorkingBlock(BlockKind.ListItem, Inline(rest));
        }
        if (line.StartsWith('>'))
        {
            var quoted = line.TrimStart('>', ' ');
            return quoted.Length == 0 ? null : new WorkingBlock(BlockKind.Quote, Inline(quoted));
        }
        return new WorkingBlock(BlockKind.Paragraph, Inline(line));
    }

    // Markdown links keep their text only: "[the report](https://…)" reads "the report".
    private static string Inline(string text) =>
        text.Contains("](", StringComparison.Ordinal) ? MarkdownLink().Replace(text, m => m.Groups["text"].Value).Trim() : text;

    [GeneratedRegex(@"^#{1,6}\s+(?<t>.+?)\s*#*$")]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^(?:[•●▪◦‣∙·*–-]|\d{1,2}[.)])\s+")]
    private static partial Regex BulletPrefix();

    [GeneratedRegex(@"^(?:={3,}|-{3,})$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"^(?:(?:[-*_=~•·]\s*){3,})$")]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"^(?:\*\*|__)(?<t>[^*_]+)(?:\*\*|__)$")]
    private static partial Regex BoldLine();

    [GeneratedRegex(@"(?<!!)\[(?<text>[^\[\]]+)\]\((?:https?://|/|#|mailto:)[^)\s]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^!\[(?<alt>[^\[\]]*)\]\([^)]*\)$")]
    private static partial Regex ImageOnly();
}
