namespace Storyline.Extraction;

/// <summary>Caps how deep elements nest before the HTML parser sees the markup: start and end tags beyond the cap are dropped (their text
/// stays), as browsers cap tree depth. The tree builder's scope checks walk the stack of open elements on every tag and the extractor's
/// tree walks recurse, so unbounded nesting costs time quadratic in depth and stack without limit; no real article nests this deep.</summary>
internal static class NestingLimiter
{
    /// <summary>The deepest element nesting kept (Chromium's parser caps at 512).</summary>
    public const int MaxDepth = 512;

    // Elements that never have content, so never open a level.
    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound",
    };

    // Elements whose content is text up to their end tag: a '<' inside is not a tag.
    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    // Start tags that close an open <p>, as the tree builder does, so that pages of unclosed paragraphs do not count as deep.
    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section",
        "summary", "table", "ul", "li", "dd", "dt",
    };

    // One per tag name on a page: where it is open on the stack, and what kind of element it is, looked up once per tag, not once per question.
    private sealed class Tag(string name)
    {
        public readonly string Name = name;
        public readonly Stack<int> Open = new();
        public readonly bool Void = NestingLimiter.Void.Contains(name), RawText = NestingLimiter.RawText.Contains(name), ClosesParagraph = NestingLimiter.ClosesParagraph.Contains(name);

        // The innermost open position, or -1.
        public int Nearest => Open.Count > 0 ? Open.Peek() : -1;
    }

    private readonly record struct Open(Tag Tag, bool Dropped);

    /// <summary>The markup with elements nested deeper than <paramref name="maxDepth"/> unwrapped; the same string when none are.</summary>
    public static string Limit(string html, CancellationToken cancellationToken, int maxDepth = MaxDepth) =>
        Limit(html.AsMemory(), cancellationToken, maxDepth) ?? html;

    /// <summary>The markup with elements nested deeper than <paramref name="maxDepth"/> unwrapped; null when none are, so that a pooled buffer needs no copy.</summary>
    public static string? Limit(ReadOnlyMemory<char> html, CancellationToken cancellationToken, int maxDepth = MaxDepth)
    {
        var text = html.Span;
        // Cheap exit: a page with fewer tags than the cap cannot nest beyond it.
        if (text.Count('<') <= maxDepth) return null;
        var stack = new List<Open>();
        // Case-insensitive and read by span, so that a tag's name is allocated once per page, not once per tag.
        var tags = new Dictionary<string, Tag>(StringComparer.OrdinalIgnoreCase);
        var byName = tags.GetAlternateLookup<ReadOnlySpan<char>>();
        Tag Named(string name) => tags[name] = new Tag(name);
        Tag p = Named("p"), button = Named("button"), li = Named("li"), ul = Named("ul"), ol = Named("ol"), dl = Named("dl"), dd = Named("dd"), dt = Named("dt"),
            td = Named("td"), th = Named("th"), tr = Named("tr"), table = Named("table");
        System.Text.StringBuilder? sb = null;
        int copied = 0, at = 0, steps = 0;

        void PopTo(int index)
        {
            while (stack.Count > index)
            {
                stack[^1].Tag.Open.Pop();
                stack.RemoveAt(stack.Count - 1);
            }
        }

        void Drop(int start, int end)
        {
            sb ??= new System.Text.StringBuilder(html.Length);
            sb.Append(html[copied..start]);
            copied = end;
        }

        while (at < text.Length)
        {
            if ((++steps & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            int lt = IndexOf(text, '<', at);
            if (lt < 0 || lt + 1 >= text.Length) break;
            char next = text[lt + 1];
            if (next == '!')
            {
                // Comments run to "-->", doctypes and CDATA to '>'.
                int end = text[lt..].StartsWith("<!--") ? IndexOf(text, "-->", lt + 4, StringComparison.Ordinal) : IndexOf(text, '>', lt);
                at = end < 0 ? text.Length : end + (text[end] == '-' ? 3 : 1);
                continue;
            }
            if (next == '?') { int end = IndexOf(text, '>', lt); at = end < 0 ? text.Length : end + 1; continue; }
            bool closing = next == '/';
            int nameStart = lt + (closing ? 2 : 1);
            int nameEnd = nameStart;
            while (nameEnd < text.Length && (char.IsAsciiLetterOrDigit(text[nameEnd]) || text[nameEnd] is '-' or ':' or '_')) nameEnd++;
            if (nameEnd == nameStart || !char.IsAsciiLetter(text[nameStart])) { at = lt + 1; continue; }
            int tagEnd = TagEnd(text, nameEnd);
            if (tagEnd < 0) break;
            var span = text.Slice(nameStart, nameEnd - nameStart);
            at = tagEnd + 1;
            if (closing)
            {
                int index = byName.TryGetValue(span, out var open) ? open.Nearest : -1;
                if (index < 0) continue;
                bool dropped = stack[index].Dropped;
                PopTo(index);
                if (dropped) Drop(lt, at);
                continue;
            }
            if (!byName.TryGetValue(span, out var tag)) tag = Named(span.ToString().ToLowerInvariant());
            if (tag.Void || text[tagEnd - 1] == '/') continue;
            if (tag.RawText)
            {
                int end = IndexOf(text, "</" + tag.Name, at, StringComparison.OrdinalIgnoreCase);
                at = end < 0 ? text.Length : end;
                if (stack.Count >= maxDepth) Drop(lt, tagEnd + 1);
                else Push(tag, false);
                continue;
            }
            // Implied end tags: a new paragraph or block closes an open <p>, a list item an open item of the same list, a cell an open cell.
            if (tag.ClosesParagraph && p.Nearest is var openP and >= 0 && openP > button.Nearest) PopTo(openP);
            if (tag == li && li.Nearest is var openLi and >= 0 && openLi > Math.Max(ul.Nearest, ol.Nearest)) PopTo(openLi);
            if (tag == dd || tag == dt)
            {
                int item = Math.Max(dd.Nearest, dt.Nearest);
                if (item >= 0 && item > dl.Nearest) PopTo(item);
            }
            if (tag == td || tag == th || tag == tr)
            {
                int cell = Math.Max(td.Nearest, th.Nearest);
                if (cell >= 0 && cell > table.Nearest) PopTo(cell);
                if (tag == tr && tr.Nearest is var openTr and >= 0 && openTr > table.Nearest) PopTo(openTr);
            }
            bool drop = stack.Count >= maxDepth;
            if (drop) Drop(lt, at);
            Push(tag, drop);
        }
        if (sb is null) return null;
        sb.Append(html[copied..]);
        return sb.ToString();

        void Push(Tag tag, bool dropped)
        {
            tag.Open.Push(stack.Count);
            stack.Add(new Open(tag, dropped));
        }
    }

    // String.IndexOf's start-index forms, for a span.
    private static int IndexOf(ReadOnlySpan<char> text, char c, int from)
    {
        int i = text[from..].IndexOf(c);
        return i < 0 ? -1 : i + from;
    }

    private static int IndexOf(ReadOnlySpan<char> text, string value, int from, StringComparison comparison)
    {
        int i = text[from..].IndexOf(value, comparison);
        return i < 0 ? -1 : i + from;
    }

    // The '>' that ends a tag whose name ends at 'from', skipping quoted attribute values; -1 when the page ends first.
    // A quote opens a value only right after '=' (white space between allowed); searched for with vectorised scans, not char by char.
    private static int TagEnd(ReadOnlySpan<char> html, int from)
    {
        int i = from;
        while (true)
        {
            int hit = html[i..].IndexOfAny('>', '"', '\'');
            if (hit < 0) return -1;
            i += hit;
            var c = html[i];
            if (c == '>') return i;
            int before = i - 1;
            while (before >= from && char.IsWhiteSpace(html[before])) before--;
            if (before >= from && html[before] == '=')
            {
                int close = IndexOf(html, c, i + 1);
                if (close < 0) return -1;
                i = close;
            }
            i++;
        }
    }
}
