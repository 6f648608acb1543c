using System.Text;
using AngleSharp.Dom;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Extraction;

/// <summary>The body blocks found in a page, the captions taken out of it, and the number of text characters kept.</summary>
internal sealed record BodyResult(List<WorkingBlock> Blocks, List<string> Captions, int Chars);

/// <summary>Finds the article body in a parsed page: prune, linearise into blocks, score containers, read the winner.</summary>
internal static class BodyExtractor
{
    /// <summary>Below this many characters a result is suspicious enough to retry without class hints.</summary>
    public const int MinimumChars = 250;

    private sealed class Block
    {
        public BlockKind Kind;
        public string Text = "";
        public int Chars;
        public int LinkChars;
        public IElement Owner = null!;
        public double Good;
        public double Bad;
        public double LinkDensity => Chars == 0 ? 0 : (double)LinkChars / Chars;
    }

    private sealed class Stats
    {
        public double Good;
        public double Bad;
        public int Chars;
        public int LinkChars;
        public int Blocks;
        public double Decayed;
        public double Final;
        public Stats? Parent;
        public double LinkDensity => Chars == 0 ? 0 : (double)LinkChars / Chars;
    }

    public static BodyResult Extract(IDocument document, bool useClassHints, CancellationToken cancellationToken)
    {
        var captions = new List<string>();
        var root = document.Body;
        if (root is null) return new BodyResult([], captions, 0);
        var pruner = new Pruner(useClassHints, captions, Boilerplate.Measure(root).Chars, cancellationToken);
        pruner.Prune(root);
        cancellationToken.ThrowIfCancellationRequested();

        var blocks = Linearise(root, pruner.Pruned, cancellationToken);
        if (blocks.Count == 0) return new BodyResult([], captions, 0);
        Weigh(blocks);
        // The few tests below that look into the tree at random ask a set.
        var pruned = new HashSet<IElement>(pruner.Pruned, ReferenceEqualityComparer.Instance);

        var best = SelectContainer(root, blocks, pruned, out var included);
        if (best is null) return new BodyResult([], captions, 0);

        var kept = new List<WorkingBlock>();
        int chars = 0;
        // Datelines, bylines, counters and "comments" labels hang off the ends of the container; the body starts and ends with real text.
        // Cells of a data table (a timetable, a product test, a recipe's times) are content wherever the table sits in the body.
        var tables = new Dictionary<IElement, bool>(ReferenceEqualityComparer.Instance);
        bool DataCell(Block b) => b.Owner.LocalName is "td" or "th" && b.LinkDensity < 0.3 && b.Owner.Closest("table") is { } t
            && (tables.TryGetValue(t, out var data) ? data : tables[t] = IsDataTable(t, pruned));
        int first = blocks.FindIndex(b => (b.Good > 0 || DataCell(b)) && included.Any(e => e.Contains(b.Owner)));
        // A closing list of short, unlinked items (results, line-ups) is content, unlike a trailing tag list.
        int last = blocks.FindLastIndex(b => (b.Good > 0 || (b.Kind == BlockKind.ListItem && b.LinkDensity < 0.3) || DataCell(b)) && included.Any(e => e.Contains(b.Owner)));
        IElement? row = null;
        for (int i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if ((i < first || i > last) && block.Good == 0 && (block.Chars < 50 || block.LinkDensity > 0.3)) continue;
            Trace?.WriteLine($"block good {block.Good,5:0} bad {block.Bad,5:0} ld {block.LinkDensity:0.00} {(included.Any(e => e.Contains(block.Owner)) ? "IN " : "   ")}{Describe(block.Owner)}: {block.Text[..Math.Min(70, block.Text.Length)].Replace('\n', ' ')}");
            if (!included.Any(e => e.Contains(block.Owner)) || !Keep(block)) { row = null; continue; }
            // A table row reads as one line of text, its cells set apart, rather than a line per cell.
            var cellRow = block.Owner.LocalName is "td" or "th" && !block.Text.Contains('\n') ? block.Owner.ParentElement : null;
            if (cellRow is not null && cellRow == row && kept.Count > 0) kept[^1] = kept[^1] with { Text = kept[^1].Text + " | " + block.Text };
            else kept.Add(new WorkingBlock(block.Kind, block.Text));
            row = cellRow;
            chars += block.Chars;
        }
        return new BodyResult(kept, captions, chars);
    }

    private static IElement? SelectContainer(IElement root, List<Block> blocks, HashSet<IElement> pruned, out List<IElement> included)
    {
        // Readability's insight: a paragraph's weight belongs mostly to its parent, less to more distant ancestors,
        // so the container that directly holds the run of paragraphs wins over wrappers that also hold teasers.
        var stats = new Dictionary<IElement, Stats>(ReferenceEqualityComparer.Instance);
        Stats Get(IElement e)
        {
            if (!stats.TryGetValue(e, out var s)) stats[e] = s = new Stats();
            return s;
        }
        // An element's stats link to its parent's, up to the root: a block's ancestors are then reached without a lookup each.
        // Entered bottom-up, as a walk from the block up would enter them, so that the order ties are broken in stays.
        Stats Chain(IElement e)
        {
            if (stats.TryGetValue(e, out var s)) return s;
            stats[e] = s = new Stats();
            if (e != root && e.ParentElement is { } up) s.Parent = Chain(up);
            return s;
        }
        foreach (var block in blocks)
        {
            var own = Chain(block.Owner);
            for (var s = own; s is not null; s = s.Parent)
            {
                s.Chars += block.Chars;
                s.LinkChars += block.LinkChars;
                s.Blocks++;
                s.Good += block.Good;
                s.Bad += block.Bad;
            }
            if (block.Good == 0) continue;
            // Text mass decides, with a small bonus per paragraph so that a run of paragraphs beats one long caption.
            double score = block.Good + 30;
            int level = 0;
            if (block.Owner == root)
            {
                // Text straight in the root lends its weight to the root's own parent, which is outside the chain.
                for (IElement? e = root.ParentElement; e is not null && level < 5; e = e.ParentElement, level++)
                    Get(e).Decayed += score / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
                continue;
            }
            for (var s = own.Parent; s is not null && level < 5; s = s.Parent, level++)
                s.Decayed += score / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
        }
        IElement? best = null;
        double bestScore = 0;
        foreach (var (element, s) in stats)
        {
            s.Final = s.Decayed * (1 - s.LinkDensity);
            if (s.Final > bestScore) { best = element; bestScore = s.Final; }
        }
        // A list of other posts (each its own <article> under a linked title, with its excerpt) can outscore a short article:
        // the best container that is not such a list wins.
        for (int tries = 0; tries < 3 && best is not null && IsTeaserList(best, blocks, pruned); tries++)
        {
            var list = best;
            best = null;
            bestScore = 0;
            foreach (var (element, s) in stats)
                if (s.Final > bestScore && !element.Contains(list) && !list.Contains(element)) { best = element; bestScore = s.Final; }
        }
        included = [];
        if (Trace is { } trace)
        {
            foreach (var (e, s) in stats.OrderByDescending(kv => kv.Value.Final).Take(8))
                trace.WriteLine($"cand {s.Final,7:0.0} decayed {s.Decayed,6:0.0} good {s.Good,6:0} bad {s.Bad,6:0} ld {s.LinkDensity:0.00} {Describe(e)}");
        }
        if (best is null) return null;

        // A winner that holds nearly all of its parent's good text is the same container, just less wrapped:
        // climbing lets the sibling step below see the other columns of a split body.
        while (best != root && best.ParentElement is { } up && stats.TryGetValue(up, out var upStats)
            && upStats.Good <= stats[best].Good * 1.05 + 1 && upStats.Chars <= stats[best].Chars * 1.1 + 50)
            best = up;
        var bestStats = stats[best];
        var parent = best.ParentElement;
        if (parent is null || best == root) { included.Add(best); return best; }

        // Split bodies: siblings that score close to the winner, or that are good paragraphs themselves, belong to it.
        // Compared at the climbed level, where decay treats the winner and its siblings alike.
        double threshold = Math.Max(100, bestStats.Final * 0.2);
        bool afterBest = false;
        var singles = new List<IElement>();
        foreach (var node in parent.ChildNodes)
        {
            if (node is not IElement sibling) continue;
            if (sibling == best) { included.Add(sibling); afterBest = true; continue; }
            if (!stats.TryGetValue(sibling, out var s)) continue;
            // A smaller section after the body that opens with a horizontal rule is set apart from the story (a press release's "about us" note).
            if (afterBest && s.Good < bestStats.Good * 0.5 && OpensWithRule(sibling, pruned)) continue;
            bool close = s.Final >= threshold;
            // Bodies split into repeated sections share their markup (same tag, a shared class); teaser boxes do not share the body's.
            bool repeated = s.Good > 0 && s.LinkDensity < 0.3 && SameKind(sibling, best);
            bool paragraph = sibling.LocalName is "p" or "blockquote" or "pre" && s.Good > 0 && s.LinkDensity < 0.25 && s.Chars >= 80;
            // Siblings that are each one good, link-poor block are paragraphs in other markup (a div per paragraph, a wrapped first paragraph),
            // but only as a run: a lone one is as often a standfirst, a caption or an address line.
            if (s.Blocks == 1 && s.Good > 0 && s.LinkDensity < 0.25 && s.Chars >= 25) singles.Add(sibling);
            // A sibling made of several <article>s under linked titles is a list of other posts, however long their excerpts.
            if ((close || paragraph || repeated) && !IsTeaserList(sibling, blocks, pruned)) included.Add(sibling);
        }
        if (singles.Count >= 3)
            foreach (var single in singles) if (!included.Contains(single)) included.Add(single);
        if (Lead(best, stats, blocks) is { } lead && !included.Contains(lead)) included.Add(lead);
        Trace?.WriteLine("chosen " + string.Join(" + ", included.Select(Describe)));
        return best;
    }

    // The nearest sibling before the body, when it is one link-poor paragraph of prose: a lead or summary set apart by the markup
    // (a "summary" div, a wrapped first paragraph). A lone short line or a caption does not end like a sentence, so it stays out.
    private static IElement? Lead(IElement best, Dictionary<IElement, Stats> stats, List<Block> blocks)
    {
        var siblings = best.ParentElement!.ChildNodes;
        int at = 0;
        while (at < siblings.Length && siblings[at] != best) at++;
        for (int i = at - 1; i >= 0; i--)
        {
            if (siblings[i] is not IElement sibling || !stats.TryGetValue(sibling, out var s)) continue;
            if (s.Blocks != 1 || s.Good <= 0 || s.LinkDensity >= 0.25 || s.Chars < 100) return null;
            var block = blocks.Find(b => sibling == b.Owner || sibling.Contains(b.Owner));
            return block is { Kind: BlockKind.Paragraph } && block.Text.Length > 0 && ".!?\"”’".Contains(block.Text[^1], StringComparison.Ordinal) ? sibling : null;
        }
        return null;
    }

    /// <summary>When set, candidate scores are written here (the bench's --trace).</summary>
    internal static TextWriter? Trace { get; set; }

    private static string Describe(IElement e)
    {
        var path = new List<string>();
        for (IElement? x = e; x is not null && path.Count < 4; x = x.ParentElement)
            path.Add(x.LocalName + (string.IsNullOrEmpty(x.Id) ? "" : "#" + x.Id) + (x.ClassName is { Length: > 0 } c ? "." + c.Replace(' ', '.') : ""));
        path.Reverse();
        return string.Join(" > ", path);
    }

    // Two or more <article>s inside, most of them opening with a linked title: teasers, not a live blog's posts or an article's parts.
    private static bool IsTeaserList(IElement e, List<Block> blocks, HashSet<IElement> pruned)
    {
        var articles = Descendants(e, "article", pruned);
        if (articles.Count < 2) return false;
        int teasers = 0;
        foreach (var article in articles)
        {
            var opening = blocks.Find(b => article == b.Owner || article.Contains(b.Owner));
            if (opening is not null && opening.LinkDensity > 0.5) teasers++;
        }
        return teasers >= 2 && teasers * 2 > articles.Count;
    }

    // Two or more rows of two or more cells, and no table nested inside: data, not a layout grid.
    private static bool IsDataTable(IElement table, HashSet<IElement> pruned)
    {
        int rows = 0;
        foreach (var tr in Descendants(table, "tr", pruned))
        {
            if (Descendants(tr, "table", pruned).Count > 0) return false;
            int cells = 0;
            foreach (var c in tr.Children) if (c.LocalName is "td" or "th" && !pruned.Contains(c)) cells++;
            if (cells >= 2 && ++rows >= 2) return true;
        }
        return false;
    }

    // The descendants of root named tag in document order, as GetElementsByTagName lists them, leaving out pruned subtrees.
    private static List<IElement> Descendants(IElement root, string tag, HashSet<IElement> pruned)
    {
        var found = new List<IElement>();
        void Walk(IElement parent)
        {
            var children = parent.ChildNodes;
            for (int i = 0; i < children.Length; i++)
            {
                if (children[i] is not IElement e || pruned.Contains(e)) continue;
                if (e.LocalName == tag) found.Add(e);
                Walk(e);
            }
        }
        Walk(root);
        return found;
    }

    private static bool OpensWithRule(IElement e, HashSet<IElement> pruned)
    {
        for (int depth = 0; depth < 4 && e is not null; depth++)
        {
            IElement? first = null;
            var children = e.ChildNodes;
            for (int i = 0; i < children.Length; i++)
            {
                if (children[i] is IElement c)
                {
                    if (pruned.Contains(c)) continue;
                    first = c;
                    break;
                }
                if (children[i] is IText t && !string.IsNullOrWhiteSpace(t.Data)) return false;
            }
            if (first is null) return false;
            if (first.LocalName == "hr") return true;
            e = first;
        }
        return false;
    }

    private static bool SameKind(IElement a, IElement b)
    {
        if (a.LocalName != b.LocalName || a.ClassList.Length == 0) return false;
        foreach (var c in a.ClassList) if (b.ClassList.Contains(c)) return true;
        return false;
    }

    private static bool Keep(Block block)
    {
        if (block.Owner.LocalName == "h1") return false;
        // Inside the body, a long item that merely links its lead phrase is still content; short linked lines are navigation.
        if (block.LinkDensity > 0.5 && (block.Chars < 150 || block.LinkDensity > 0.8)) return false;
        if (Boilerplate.IsFurnitureLine(block.Text)) return false;
        return true;
    }

    // Good text: long or sentence-like and mostly not links. Bad text: link lists and short fragments.
    private static void Weigh(List<Block> blocks)
    {
        foreach (var b in blocks)
        {
            var ld = b.LinkDensity;
            if (b.Kind == BlockKind.Heading) continue;
            bool sentence = b.Chars >= 20 && b.Text.Length > 0 && ".!?\"”’:)".Contains(b.Text[^1], StringComparison.Ordinal);
            // List items with a linked title are how teaser lists look; they need to be nearly link-free to count.
            double maxLinks = b.Kind == BlockKind.ListItem ? 0.15 : 0.35;
            if (ld < maxLinks && (b.Chars >= 60 || sentence)) b.Good = b.Chars * (1 - ld);
            else if (ld >= 0.35) b.Bad = b.Chars;
            else if (b.Owner.LocalName is not ("td" or "th")) b.Bad = b.Chars * 0.5;
        }
    }

    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "blockquote", "pre", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "dl", "dt", "dd", "figure", "figcaption",
        "hr", "address", "details", "summary", "center", "fieldset", "legend", "caption", "hgroup", "menu", "form", "body",
    };

    private static List<Block> Linearise(IElement root, List<IElement> pruned, CancellationToken cancellationToken)
    {
        // The walk meets elements in the order the pruner did, so the next pruned one is the only one to compare with (no hashing).
        int visited = 0, next = 0;
        var blocks = new List<Block>();
        var sb = new StringBuilder();
        int chars = 0, linkChars = 0;
        var owners = new Stack<(IElement Element, BlockKind Kind)>();
        owners.Push((root, BlockKind.Paragraph));

        void Flush()
        {
            if (chars > 0)
            {
                var (owner, kind) = owners.Peek();
                blocks.Add(new Block { Kind = kind, Text = BlockReader.CollapseWhitespace(sb), Chars = chars, LinkChars = linkChars, Owner = owner });
            }
            sb.Clear();
            chars = linkChars = 0;
        }

        void Walk(INode node, bool inLink)
        {
            // Indexing ChildNodes is O(1); AngleSharp's NextSibling searches the parent's list each time.
            var children = node.ChildNodes;
            for (int i = 0; i < children.Length; i++)
            {
                var child = children[i];
                // Elements are told apart by their class first: a type test against an interface scans the node's interface list.
                if (child is not Element e)
                {
                    if (child is IText text)
                    {
                        var data = text.Data;
                        sb.Append(data);
                        int n = Boilerplate.CountNonWhiteSpace(data);
                        chars += n;
                        if (inLink) linkChars += n;
                    }
                    continue;
                }
                if (next < pruned.Count && pruned[next] == e)
                {
                    next++;
                    continue;
                }
                if ((++visited & 0x3FF) == 0) cancellationToken.ThrowIfCancellationRequested();
                var tag = e.LocalName;
                if (tag == "br") { sb.Append('\n'); continue; }
                if (!BlockTags.Contains(tag))
                {
                    // Inline elements keep the run going; a space stands in for elements like <td> that browsers separate.
                    Walk(e, inLink || tag == "a");
                    continue;
                }
                Flush();
                var kind = tag switch
                {
                    "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => BlockKind.Heading,
                    "li" or "dd" => BlockKind.ListItem,
                    "blockquote" => BlockKind.Quote,
                    _ => owners.Peek().Kind == BlockKind.Heading ? BlockKind.Paragraph : owners.Peek().Kind,
                };
                owners.Push((e, kind));
                Walk(e, inLink);
                Flush();
                owners.Pop();
            }
        }

        Walk(root, false);
        Flush();
        System.Diagnostics.Debug.Assert(next == pruned.Count, "The walk met every pruned element in the pruner's order.");
        return blocks;
    }
}
