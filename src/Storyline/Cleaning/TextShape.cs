namespace Storyline.Cleaning;

/// <summary>Cheap measurements of a line's shape (length, punctuation, capitalisation, quotes) that the cleaning rules combine.</summary>
internal static class TextShape
{
    // Words a title-case heading leaves in lower case ("Directives on Stability and Ideology").
    private static readonly HashSet<string> MinorWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on",
        "per", "to", "up", "via", "vs", "v", "with", "from", "into", "onto", "over", "than", "amid", "amidst", "about",
        "after", "before", "under", "upon", "de", "la", "van", "von", "der", "bin", "al", "is", "are", "its", "it", "be",
    };

    private const string Closers = "\"'”’»)]*_";
    private const string Openers = "\"'“‘«([*_";

    /// <summary>Words: whitespace-separated tokens that hold a letter or digit.</summary>
    public static int Words(string text)
    {
        int count = 0;
        bool inToken = false, counted = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) { inToken = false; continue; }
            if (!inToken) { inToken = true; counted = false; }
            if (!counted && char.IsLetterOrDigit(c)) { count++; counted = true; }
        }
        return count;
    }

    /// <summary>The last character that is not a closing quote, bracket or emphasis mark, or '\0'.</summary>
    public static char LastSignificant(string text)
    {
        for (int i = text.Length - 1; i >= 0; i--)
        {
            var c = text[i];
            if (!char.IsWhiteSpace(c) && !Closers.Contains(c)) return c;
        }
        return '\0';
    }

    /// <summary>The first character that is not an opening quote, bracket or emphasis mark, or '\0'.</summary>
    public static char FirstSignificant(string text)
    {
        foreach (var c in text)
            if (!char.IsWhiteSpace(c) && !Openers.Contains(c)) return c;
        return '\0';
    }

    /// <summary>True when the text ends like a sentence or clause (full stop, '!', '?', ellipsis, ';' or ':').</summary>
    public static bool EndsClause(string text) => LastSignificant(text) is '.' or '!' or '?' or '…' or ';' or ':' or '。' or '！' or '？';

    /// <summary>True when the text ends with a full stop or ellipsis (headlines and headings never do; '?' and '!' they may).</summary>
    public static bool EndsWithStop(string text) => LastSignificant(text) is '.' or '…' or ';' or '。';

    /// <summary>True when the text starts with a lower-case letter (after opening quotes), i.e. it continues a sentence.</summary>
    public static bool StartsLower(string text) => char.IsLower(FirstSignificant(text));

    /// <summary>Counts the sentence ends inside the text (". " followed by a capital), plus the final one.</summary>
    public static int Sentences(string text)
    {
        int count = 0;
        for (int i = 0; i < text.Length - 2; i++)
        {
            if (text[i] is not ('.' or '!' or '?') || text[i + 1] != ' ') continue;
            int j = i + 2;
            while (j < text.Length && Openers.Contains(text[j])) j++;
            if (j < text.Length && char.IsUpper(text[j])) count++;
        }
        return count + (EndsClause(text) ? 1 : 0);
    }

    /// <summary>Lower-case words other than minor words after the first word; zero means Title Case.</summary>
    public static int LowerContentWords(string text)
    {
        int lower = 0;
        bool first = true;
        foreach (var raw in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Trim(Openers.ToCharArray()).Trim(Closers.ToCharArray()).TrimEnd(',', ':', '?', '!', '.');
            if (token.Length == 0 || !char.IsLetter(token[0])) continue;
            if (first) { first = false; continue; }
            if (char.IsLower(token[0]) && !MinorWords.Contains(token)) lower++;
        }
        return lower;
    }

    /// <summary>True when a word after the first starts with a capital (a name in a sentence-case line).</summary>
    public static bool HasCapitalAfterFirstWord(string text)
    {
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 1; i < tokens.Length; i++)
            if (char.IsUpper(FirstSignificant(tokens[i]))) return true;
        return false;
    }

    private static readonly HashSet<string> TrailingFunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "to", "of", "and", "or", "but", "for", "with", "in", "on", "at", "by", "from", "that", "which", "who",
        "as", "is", "are", "was", "were", "will", "would", "has", "have", "had", "its", "their", "his", "her", "our", "than",
    };

    /// <summary>True when the last word is a function word ("… will apply to"): a sentence cut by a line end, never a headline.</summary>
    public static bool EndsWithFunctionWord(string text)
    {
        var trimmed = text.TrimEnd();
        int start = trimmed.LastIndexOf(' ') + 1;
        return start > 0 && TrailingFunctionWords.Contains(trimmed[start..]);
    }

    /// <summary>True for Title Case ("Economic Development Amidst Sanctions"), as section headings are written.</summary>
    public static bool IsTitleCase(string text) => char.IsUpper(FirstSignificant(text)) && LowerContentWords(text) == 0;

    /// <summary>True when the text quotes with single quotes only (‘…’), the way headlines quote.</summary>
    public static bool HasHeadlineQuote(string text) => text.Contains('‘') && !text.Contains('“');

    /// <summary>True when a double quotation opens and does not close: the quote runs on into the next paragraph.</summary>
    public static bool HasOpenQuote(string text)
    {
        int open = 0, close = 0, straight = 0;
        foreach (var c in text)
        {
            if (c == '“') open++;
            else if (c == '”') close++;
            else if (c == '"') straight++;
        }
        return open > close || straight % 2 == 1;
    }

    /// <summary>True for a paragraph that is a quotation with no attribution in it: it continues the previous speaker.</summary>
    public static bool IsBareQuote(string text)
    {
        var first = text.TrimStart();
        if (first.Length == 0 || first[0] is not ('“' or '"')) return false;
        var last = text.TrimEnd();
        if (last[^1] is not ('”' or '"')) return false;
        return !SaidWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    private static readonly string[] SaidWords = [" said", " says", " added", " told", " asked", " according to", " continued", " wrote", " stated"];

    /// <summary>Collapses whitespace and case so that repeated lines compare equal.</summary>
    public static string Key(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
