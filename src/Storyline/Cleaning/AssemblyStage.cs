using System.Text;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Cleaning;

/// <summary>Options for <see cref="AssemblyStage"/>.</summary>
/// <param name="MinWords">Documents with fewer body words are refused.</param>
public sealed record AssemblyOptions(int MinWords = 1);

/// <summary>Freezes the blocks into the stored text (blocks separated by a blank line) with a span per block.</summary>
public sealed class AssemblyStage(AssemblyOptions options) : IDocumentStage
{
    /// <summary>The separator between blocks in the stored text.</summary>
    public const string BlockSeparator = "\n\n";

    /// <inheritdoc />
    public void Process(DocumentContext context, CancellationToken cancellationToken)
    {
        var sb = new StringBuilder();
        var blocks = new List<Block>(context.Blocks.Count);
        foreach (var block in context.Blocks)
        {
            var text = block.Text.Trim();
            if (text.Length == 0) continue;
            if (sb.Length > 0) sb.Append(BlockSeparator);
            blocks.Add(new Block(block.Kind, new TextSpan(sb.Length, text.Length)));
            sb.Append(text);
        }
        var body = sb.ToString();
        var words = CountWords(body);
        if (words < options.MinWords) throw new InputRejectedException("no article text left after cleaning");
        context.Result = new ProcessedDocument(body, blocks, new DocumentMetadata
        {
            Title = context.Title,
            Summary = [.. context.Summary],
            Authors = [.. context.Authors.Distinct(StringComparer.OrdinalIgnoreCase)],
            Published = context.Published,
            Publisher = context.Publisher,
            Sections = [.. context.Sections.Distinct()],
            Language = context.Language,
            Captions = [.. context.Captions],
        }, words);
    }

    /// <summary>Counts words as runs of letters or digits (CJK characters count one each).</summary>
    public static int CountWords(string text)
    {
        int count = 0;
        bool inWord = false;
        foreach (var c in text)
        {
            if (c >= '\u3400' && c <= '\u9FFF') { count++; inWord = false; }
            else if (char.IsLetterOrDigit(c)) { if (!inWord) count++; inWord = true; }
            else if (c is '\'' or '’' or '-' && inWord) { }
            else inWord = false;
        }
        return count;
    }
}
