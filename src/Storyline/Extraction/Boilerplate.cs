using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Storyline.Extraction;

/// <summary>What marks page furniture: tags, class and id words, hidden markup and stock lines.</summary>
internal static partial class Boilerplate
{
    /// <summary>Elements that never hold article text.</summary>
    public static readonly HashSet<string> DropTags = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "video", "audio", "button",
        "select", "textarea", "input", "nav", "dialog", "map", "link", "meta", "head", "title", "label", "option", "picture", "img",
    };

    // Words in class or id that mark furniture even inside something called "article" or "content".
    private static readonly HashSet<string> StrongNegative = new(StringComparer.OrdinalIgnoreCase)
    {
        "comment", "comments", "disqus", "share", "sharing", "sharebar", "related", "recommended", "recommendations",
        "newsletter", "outbrain", "taboola", "promo", "advert", "advertisement", "advertising", "ad", "ads", "adslot", "adunit",
        "dfp", "sponsored", "sponsor", "cookie", "cookies", "gdpr", "consent", "breadcrumb", "breadcrumbs", "onetrust",
    };

    // Words that mark furniture unless a positive word vouches for the element.
    private static readonly HashSet<string> WeakNegative = new(StringComparer.OrdinalIgnoreCase)
    {
        "social", "sidebar", "menu", "widget", "banner", "header", "footer", "masthead", "tags", "tag", "byline", "author", "caption",
        "credit", "credits", "popular", "trending", "toolbar", "pagination", "pager", "modal", "popup", "subscribe", "subscription",
        "signup", "login", "meta", "nav", "navigation", "skip", "hidden", "invisible", "offscreen", "print", "tools",
        "rail", "aside", "teaser", "teasers", "next", "prev", "previous", "follow", "timestamp", "dateline", "date",
        "image", "img", "photo", "gallery", "slideshow", "carousel", "thumbnail", "thumb",
    };

    private static readonly HashSet<string> Positive = new(StringComparer.OrdinalIgnoreCase)
    {
        "article", "body", "content", "main", "story", "entry", "post", "text", "prose", "column", "blog", "embed",
    };

    /// <summary>Characters (not white space) and characters inside links under <paramref name="root"/>.</summary>
    public static (int Chars, int LinkChars) Measure(INode root)
    {
        int chars = 0, link = 0;
        void Walk(INode node, bool inLink)
        {
            var children = node.ChildNodes;
            for (int i = 0; i < children.Length; i++)
            {
                var child = children[i];
                // Elements are told apart by their class first: a type test against an interface scans the node's interface list.
                if (child is Element e) Walk(e, inLink || e.LocalName == "a");
                else if (child is IText t)
                {
                    int n = CountNonWhiteSpace(t.Data);
                    chars += n;
                    if (inLink) link += n;
                }
            }
        }
        Walk(root, false);
        return (chars, link);
    }

    /// <summary>How many characters of <paramref name="text"/> are not white space (<see cref="char.IsWhiteSpace(char)"/>).</summary>
    public static int CountNonWhiteSpace(ReadOnlySpan<char> text)
    {
        int n = 0, i = 0;
        // Eight characters at a time while they are ASCII, whose white space is the space and \t to \r; other characters go one by one.
        if (Vector128.IsHardwareAccelerated)
        {
            ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            var nonAscii = Vector128.Create((ushort)0xFF80);
            var space = Vector128.Create((ushort)' ');
            var tab = Vector128.Create((ushort)'\t');
            var controls = Vector128.Create((ushort)('\r' - '\t'));
            for (; i + Vector128<ushort>.Count <= text.Length; i += Vector128<ushort>.Count)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)i);
                if ((v & nonAscii) != Vector128<ushort>.Zero)
                {
                    for (int j = i; j < i + Vector128<ushort>.Count; j++) if (!char.IsWhiteSpace(text[j])) n++;
                    continue;
                }
                // Unsigned: below \t wraps around to a large value.
                var white = Vector128.Equals(v, space) | Vector128.LessThanOrEqual(v - tab, controls);
                n += Vector128<ushort>.Count - BitOperations.PopCount(white.ExtractMostSignificantBits());
            }
        }
        for (; i < text.Length; i++) if (!char.IsWhiteSpace(text[i])) n++;
        return n;
    }

    /// <summary>-1 for furniture by class or id, +1 for article-like names, 0 otherwise.</summary>
    public static int ClassHint(IElement element) => Math.Max(-1, ClassHintStrength(element));

    /// <summary>Hint for an element whose only furniture words name a gate (a paywall, a "more" fold): what it hides may be the article itself.</summary>
    public const int GateHint = -3;

    /// <summary>-2 for strong furniture words, -1 for weak ones that no positive word vouches for, <see cref="GateHint"/> when the weak words only name a gate, +1 for article-like names, 0 otherwise.</summary>
    public static int ClassHintStrength(IElement element) => ClassHintStrength(element, null);

    /// <summary>As <see cref="ClassHintStrength(IElement)"/>, with the words of each class or id value remembered in <paramref name="known"/>: a page repeats its class names on hundreds of elements.</summary>
    internal static int ClassHintStrength(IElement element, Dictionary<string, int>? known)
    {
        var cls = element.GetAttribute("class");
        var id = element.Id;
        if (string.IsNullOrEmpty(cls) && string.IsNullOrEmpty(id)) return 0;
        int words = Words(cls, known) | Words(id, known);
        bool strong = (words & StrongWord) != 0, weak = (words & WeakWord) != 0, positive = (words & PositiveWord) != 0, gate = (words & GateWord) != 0;
        if (strong) return -2;
        if (weak && !positive) return -1;
        if (gate && !positive) return GateHint;
        return positive ? 1 : 0;
    }

    private const int StrongWord = 1, WeakWord = 2, PositiveWord = 4, GateWord = 8;

    // The kinds of word a class or id value holds, as bits.
    private static int Words(string? value, Dictionary<string, int>? known)
    {
        if (string.IsNullOrEmpty(value)) return 0;
        if (known is not null && known.TryGetValue(value, out var remembered)) return remembered;
        bool strong = false, weak = false, positive = false, gate = false;
        Scan(value, ref strong, ref weak, ref positive, ref gate);
        int words = (strong ? StrongWord : 0) | (weak ? WeakWord : 0) | (positive ? PositiveWord : 0) | (gate ? GateWord : 0);
        if (known is not null) known[value] = words;
        return words;
    }

    // Weak words for wrappers that fold or lock away text: furniture when they hold a prompt, the body when they hold prose.
    private static readonly HashSet<string> Gate = new(StringComparer.OrdinalIgnoreCase) { "paywall", "more" };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StrongLookup = StrongNegative.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> WeakLookup = WeakNegative.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PositiveLookup = Positive.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> GateLookup = Gate.GetAlternateLookup<ReadOnlySpan<char>>();

    // Span-based so that the thousands of class names on a page cost no allocations.
    private static void Scan(string? value, ref bool strong, ref bool weak, ref bool positive, ref bool gate)
    {
        if (string.IsNullOrEmpty(value)) return;
        var rest = value.AsSpan();
        while (rest.Length > 0)
        {
            int space = rest.IndexOfAny(' ', '\t', '\n');
            var token = space < 0 ? rest : rest[..space];
            rest = space < 0 ? default : rest[(space + 1)..];
            // Taxonomy classes ("tag-file-sharing", "category-social") name the topic, not the element's role.
            if (token.Length == 0 || token.StartsWith("tag-", StringComparison.OrdinalIgnoreCase) || token.StartsWith("category-", StringComparison.OrdinalIgnoreCase)) continue;
            // State flags ("has-image", "no-sidebar", "with-comments", "mv-create-has-image") say what the element holds or lacks, not what it is.
            if (IsStateFlag(token)) continue;
            int start = -1;
            for (int i = 0; i <= token.Length; i++)
            {
                bool letter = i < token.Length && char.IsLetter(token[i]);
                bool hump = letter && start >= 0 && char.IsUpper(token[i]) && char.IsLower(token[i - 1]);
                if (start >= 0 && (!letter || hump))
                {
                    var word = token[start..i];
                    if (StrongLookup.Contains(word)) strong = true;
                    else if (WeakLookup.Contains(word)) weak = true;
                    else if (PositiveLookup.Contains(word)) positive = true;
                    else if (GateLookup.Contains(word)) gate = true;
                    start = -1;
                }
                if (letter && start < 0) start = i;
            }
        }
    }

    private static bool IsStateFlag(ReadOnlySpan<char> token)
    {
        foreach (var flag in (ReadOnlySpan<string>)["has-", "no-", "with-"])
        {
            int at = token.IndexOf(flag, StringComparison.OrdinalIgnoreCase);
            if (at == 0 || (at > 0 && token[at - 1] is '-' or '_')) return true;
        }
        return false;
    }

    /// <summary>Whether markup hides the element (hidden, aria-hidden, display:none, visibility:hidden).</summary>
    public static bool IsHidden(IElement e)
    {
        if (e.HasAttribute("hidden")) return true;
        if (string.Equals(e.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase)) return true;
        var style = e.GetAttribute("style");
        return style is not null && (style.Contains("none", StringComparison.OrdinalIgnoreCase) || style.Contains("hidden", StringComparison.OrdinalIgnoreCase)) && HiddenStyle().IsMatch(style);
    }

    /// <summary>Stock lines that sit inside article containers but are not article text.</summary>
    public static bool IsFurnitureLine(string text) => (text.Length < 80 && FurnitureLine().IsMatch(text)) || LeakedMarkup().IsMatch(text);

    // Escaped tags that some pages print as text (tracking pixels, broken embeds).
    [GeneratedRegex(@"^<[a-zA-Z][\w-]*\s[^>]*=")]
    private static partial Regex LeakedMarkup();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"^(?:advertisement|advertising|advert|sponsored|ad|comments?|tags|like this:|loading\.*|like loading\.*|sharing is caring!?|share this:?|skip (?:advertisement|ad)|story continues below(?: advertisement)?|continue reading(?: below)?|read more|share (?:this|on \w+)|share|tweet|email|print|follow us.*|sign up.*|subscribe.*|related(?: articles| stories| content)?:?|more from .*|recommended(?: for you)?|click here.*|listen to this article.*|\d{1,2}:\d{2})\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex FurnitureLine();
}

/// <summary>Marks furniture subtrees as pruned, moving figure captions aside. The document is left as parsed: removing a child makes AngleSharp
/// notify ranges and iterators and shift the parent's child list, which cost more than readers skipping the marked subtrees.</summary>
internal sealed class Pruner(bool useClassHints, List<string> captions, int pageChars, CancellationToken cancellationToken = default)
{
    private int _visited;

    // The words of each class and id value met so far on this page.
    private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);

    /// <summary>The roots of the pruned subtrees in document order, the order a walk that skips them meets them in; their descendants are not listed.</summary>
    public List<IElement> Pruned { get; } = [];

    /// <summary>Prunes the children of <paramref name="parent"/>, recursively.</summary>
    public void Prune(IElement parent)
    {
        if ((++_visited & 0x3FF) == 0) cancellationToken.ThrowIfCancellationRequested();
        // Indexed, because AngleSharp's sibling properties search the parent's list on every step.
        var children = parent.ChildNodes;
        for (int i = 0; i < children.Length; i++)
        {
            if (children[i] is not Element element) continue;
            IElement child = element;
            // Decided before the child's own subtree is pruned, so every test below sees it whole.
            if (ShouldRemove(child)) Pruned.Add(child);
            else Prune(child);
        }
    }

    // Prose: at least two sentence-ending, link-poor paragraphs directly inside, making up most of the text.
    private static bool HoldsProse(IElement e, int chars)
    {
        int paragraphs = 0, prose = 0;
        var children = e.ChildNodes;
        for (int i = 0; i < children.Length; i++)
        {
            if (children[i] is not IElement p || p.LocalName != "p") continue;
            var (pc, pl) = Boilerplate.Measure(p);
            if (pc < 80 || pl > pc * 0.3) continue;
            var text = p.TextContent.AsSpan().TrimEnd();
            if (text.Length == 0 || !".!?\"”’)".Contains(text[^1])) continue;
            paragraphs++;
            prose += pc;
        }
        return paragraphs >= 2 && prose >= chars * 0.6;
    }

    private bool ShouldRemove(IElement e)
    {
        var tag = e.LocalName;
        if (Boilerplate.DropTags.Contains(tag)) return true;
        if (Boilerplate.IsHidden(e)) return true;
        switch (tag)
        {
            case "figure" or "figcaption":
            {
                var (chars, _) = Boilerplate.Measure(e);
                // A figure that holds paragraphs of text is content laid out as a figure, not an illustration.
                if (chars > 600) return false;
                var caption = e.LocalName == "figcaption" ? e : e.QuerySelector("figcaption");
                var text = BlockReader.CollapseWhitespace((caption ?? e).TextContent).Replace('\n', ' ');
                if (text.Length > 0) captions.Add(text);
                return true;
            }
            case "header" or "footer" or "aside" or "form" or "menu":
            {
                // Wrappers named like furniture sometimes hold the whole page (ASP.NET forms); only drop modest or link-heavy ones.
                var (chars, links) = Boilerplate.Measure(e);
                return chars < pageChars * 0.5 && (chars < 1500 || links > chars * 0.3 || chars < pageChars * 0.2);
            }
        }
        if (!useClassHints || tag is "body" or "main") return false;
        var hint = Boilerplate.ClassHintStrength(e, _words);
        if (hint >= 0) return false;
        var (c, _) = Boilerplate.Measure(e);
        // A furniture-named element holding most of the page's text is a wrapper, not furniture.
        if (c > pageChars * 0.5) return false;
        // A gate ("paywall", "more") that holds a run of prose paragraphs holds the rest of the article.
        if (hint == Boilerplate.GateHint && c >= 400 && HoldsProse(e, c)) return false;
        var hintText = e.GetAttribute("class") + " " + e.Id;
        if (c > 0 && c < 400 && (hintText.Contains("caption", StringComparison.OrdinalIgnoreCase) || hintText.Contains("credit", StringComparison.OrdinalIgnoreCase)))
            captions.Add(BlockReader.CollapseWhitespace(e.TextContent).Replace('\n', ' '));
        return true;
    }
}
