using AngleSharp.Dom;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Extraction;

/// <summary>Turns an element subtree into text blocks, keeping headings, list items and quotations apart.</summary>
public static class BlockReader
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "blockquote", "pre", "table", "tr", "td", "th", "dl", "dt", "dd", "figure", "figcaption", "br", "hr",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select", "textarea", "input", "nav",
    };

    /// <summary>Reads the blocks under <paramref name="root"/> in document order.</summary>
    public static List<WorkingBlock> Read(INode root)
    {
        var blocks = new List<WorkingBlock>();
        var current = new System.Text.StringBuilder();
        var kind = BlockKind.Paragraph;

        void Flush()
        {
            var text = CollapseWhitespace(current.ToString());
            if (text.Length > 0) blocks.Add(new WorkingBlock(kind, text));
            current.Clear();
            kind = BlockKind.Paragraph;
        }

        void Walk(INode node, BlockKind inherited)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText t)
                {
                    current.Append(t.Data);
                    continue;
                }
                if (child is not IElement e || Skipped.Contains(e.LocalName)) continue;
                if (e.LocalName == "br") { current.Append('\n'); continue; }
                if (!BlockTags.Contains(e.LocalName))
                {
                    Walk(e, inherited);
                    continue;
                }
                Flush();
                var k = e.LocalName switch
                {
                    "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => BlockKind.Heading,
                    "li" or "dd" => BlockKind.ListItem,
                    "blockquote" => BlockKind.Quote,
                    _ => inherited,
                };
                kind = k;
                Walk(e, k == BlockKind.Heading ? BlockKind.Paragraph : k);
                kind = k;
                Flush();
            }
        }

        Walk(root, BlockKind.Paragraph);
        Flush();
        return blocks;
    }

    /// <summary>Collapses runs of white space into single spaces, keeping explicit line breaks as separate lines.</summary>
    public static string CollapseWhitespace(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        bool space = false, newline = false;
        Collapse(text, sb, ref space, ref newline);
        return sb.ToString();
    }

    [ThreadStatic]
    private static System.Text.StringBuilder? t_collapsed;

    /// <summary>As <see cref="CollapseWhitespace(string)"/>, read straight from a builder's chunks, without a copy of the text before it is collapsed.</summary>
    internal static string CollapseWhitespace(System.Text.StringBuilder text)
    {
        var sb = t_collapsed ??= new System.Text.StringBuilder();
        sb.Clear();
        bool space = false, newline = false;
        foreach (var chunk in text.GetChunks()) Collapse(chunk.Span, sb, ref space, ref newline);
        var collapsed = sb.ToString();
        // A buffer grown on a huge block is let go rather than held by the thread.
        if (sb.Capacity > 1 << 20) t_collapsed = null;
        return collapsed;
    }

    private static void Collapse(ReadOnlySpan<char> text, System.Text.StringBuilder sb, ref bool space, ref bool newline)
    {
        foreach (var c in text)
        {
            if (c == '\n') { newline = true; continue; }
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (sb.Length > 0)
            {
                if (newline) sb.Append('\n');
                else if (space) sb.Append(' ');
            }
            space = newline = false;
            sb.Append(c);
        }
    }
}
