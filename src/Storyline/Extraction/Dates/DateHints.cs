using System.Buffers;
using System.Text.RegularExpressions;

namespace Storyline.Extraction.Dates;

/// <summary>The words in class names, ids, keys and text that say what a date is (published, updated) and where it sits (comments, related links).</summary>
internal static partial class DateHints
{
    /// <summary>The role a key, class name or label gives a date.</summary>
    public static DateRole Role(string? hint)
    {
        if (string.IsNullOrEmpty(hint)) return DateRole.Unknown;
        if (Modified().IsMatch(hint)) return DateRole.Modified;
        if (Published().IsMatch(hint)) return DateRole.Published;
        return DateRole.Unknown;
    }

    /// <summary>The role the nearest label before <paramref name="index"/> in <paramref name="text"/> gives a date ("Updated: 3 May 2020").</summary>
    public static DateRole RoleBefore(string text, int index)
    {
        int from = Math.Max(0, index - 40);
        var before = text.AsSpan(from, index - from).ToString();
        int modified = LastIndex(Modified(), before), published = LastIndex(Published(), before);
        if (modified < 0 && published < 0) return DateRole.Unknown;
        return modified > published ? DateRole.Modified : DateRole.Published;
    }

    private static int LastIndex(Regex regex, string text)
    {
        int last = -1;
        foreach (Match m in regex.Matches(text)) last = m.Index;
        return last;
    }

    // English and the languages whose dates we read: "updated", "aktualisiert", "mis à jour", "actualizado", "aggiornato", "atualizado", "обновлено", "оновлено", "güncelleme", "更新".
    [GeneratedRegex(@"updat|modif|edited|revis|lastmod|last-mod|aktualisiert|geändert|mis\s+à\s+jour|mise\s+à\s+jour|actualiz|aggiorn|atualiz|обновл|оновл|изменен|güncel|更新|修改", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Modified();

    [GeneratedRegex(@"publi|pub-?date|pubdate|posted|created|issued|erschienen|veröffentlicht|datum|publié|publicado|pubblicat|опубликован|опубліковано|дата|yayın|yayin|发布|發布|date-?post|post-?date|entry-?date|article-?date|dateline|date-?line|timestamp|byline|original", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Published();

    /// <summary>Whether a class, id or itemprop value names a date or byline element (<see cref="DateElement"/>).</summary>
    public static bool IsDateElement(string? name) => name is { Length: >= 4 } && Prefiltered(name, DateElementWords) && DateElement().IsMatch(name);

    // One of these is in every word DateElement matches: a vectorised search rules out most names before the regex runs.
    private static readonly SearchValues<string> DateElementWords = SearchValues.Create(
        ["date", "time", "byline", "publi", "posted", "meta", "info", "datum", "fecha", "data", "zeit", "author", "details", "subline", "kicker"], StringComparison.OrdinalIgnoreCase);

    /// <summary>False only when <paramref name="text"/> holds none of <paramref name="words"/>, so that a regex built on those words cannot match.
    /// Text that is not ASCII always passes: the regex's case folding (Kelvin sign, long s) is wider than ordinal ignore-case.</summary>
    internal static bool Prefiltered(string text, SearchValues<string> words) => !System.Text.Ascii.IsValid(text) || text.AsSpan().ContainsAny(words);

    /// <summary>Class and id words of elements that hold a page's own date or its byline (WordPress, Drupal, news CMSs).</summary>
    [GeneratedRegex(@"(?<![a-z])(?:date|time|byline|publi|posted|post-?meta|entry-?meta|article-?meta|article-?info|meta-?info|meta|dateline|timestamp|datum|fecha|data|zeit|datetime|pubdate|author|info|story-?meta|news-?info|details|subline|kicker)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex DateElement();

    [GeneratedRegex(@"(?<![a-z])(?:comment|komment|reply|replies|respon|disqus|kommentar|commentaire|comentario|commento|коммент|коментар|yorum)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Comment();

    [GeneratedRegex(@"(?<![a-z])(?:related|recommend|sidebar|side-bar|widget|teaser|popular|trending|most-?read|most-?viewed|mostread|more-?stor|more-?news|more-?art|read-?more|read-?also|see-?also|also-?read|similar|latest|recent|next|prev|archive|rail|outbrain|taboola|carousel|slider|ticker|menu|navigation|breadcrumb|list-?news|news-?list|feed|tags|ähnlich|weitere|похож|читайте|más|mas-?noticias|altre|leia|ilgili|benzer|topbar|top-?bar|header-?top|today|current-?date|caption|credit|(?:nav|navbar)(?![a-z]))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Related();

    // "bottom" names a footer, except in spacing utilities ("margin-bottom", "gutter-half-bottom") that any element may carry.
    [GeneratedRegex(@"(?<![a-z])(?:footer|copyright|colophon|site-?info|(?<!(?:margin|padding|gutter|spacing|space|border|half)[-_]{1,2})bottom)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Footer();
}
