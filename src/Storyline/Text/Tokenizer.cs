using System.Globalization;
using Storyline.Documents;

namespace Storyline.Text;

/// <summary>Splits news English into tokens: words, abbreviations, numbers, quotation marks, punctuation and symbols.</summary>
public sealed class Tokenizer
{
    private static readonly string[] Domains = ["com", "org", "net", "gov", "edu", "int", "cn", "uk", "io", "info", "hk", "au", "jp", "ru", "news"];
    private static readonly string[] Elisions = ["s", "em", "tis", "twas", "n", "cause", "til", "round"];
    private readonly HashSet<string> _extra;

    /// <summary>Creates a tokenizer.</summary>
    public Tokenizer(TextAnalyzerOptions? options = null)
    {
        _extra = new HashSet<string>(options?.ExtraAbbreviations ?? [], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Tokens of <paramref name="span"/> of <paramref name="text"/>, in order.</summary>
    public IReadOnlyList<Token> Tokenize(string text, TextSpan span)
    {
        var tokens = new List<Token>();
        TokenizeInto(text, span, tokens);
        return tokens;
    }

    /// <summary>Tokens of the whole of <paramref name="text"/>.</summary>
    public IReadOnlyList<Token> Tokenize(string text) => Tokenize(text, new TextSpan(0, text.Length));

    internal void TokenizeInto(string text, TextSpan span, List<Token> tokens)
    {
        int start = Math.Clamp(span.Start, 0, text.Length);
        int end = Math.Clamp(span.End, start, text.Length);
        int singleOpen = 0;
        int i = start;
        while (i < end)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            int len;
            TokenKind kind;
            if (IsBulletChar(c) && AtLineStart(text, start, i) && (i + 1 >= end || char.IsWhiteSpace(text[i + 1])))
            {
                (len, kind) = (1, TokenKind.Bullet);
            }
            else if (char.IsDigit(c)) (len, kind) = ScanNumber(text, i, end);
            else if (IsWordStart(text, i)) (len, kind) = ScanWord(text, i, end);
            else (len, kind) = ScanOther(text, i, start, end, ref singleOpen);
            if (kind is TokenKind.Word or TokenKind.Number && TryScanUrl(text, i, end) is int urlLength and > 0 && urlLength > len)
                (len, kind) = (urlLength, TokenKind.Url);
            len = Math.Max(1, Math.Min(len, end - i));
            tokens.Add(new Token(new TextSpan(i, len), kind));
            i += len;
        }
    }

    private static bool IsBulletChar(char c) => c is '•' or '·' or '▪' or '◦' or '●' or '‣' or '○' or '■' or '□' or '➢' or '►' or '-' or '*' or '–' or '—';

    private static bool AtLineStart(string text, int blockStart, int i)
    {
        for (int k = i - 1; k >= blockStart; k--)
        {
            if (text[k] == '\n') return true;
            if (!char.IsWhiteSpace(text[k])) return false;
        }
        return true;
    }

    private static bool IsLetterAt(string text, int i) => i >= 0 && i < text.Length && (char.IsLetter(text[i]) || IsMark(text[i]));

    private static bool IsMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsWordChar(string text, int i) => i < text.Length && (char.IsLetterOrDigit(text[i]) || IsMark(text[i]) || IsSurrogateLetter(text, i));

    private static bool IsSurrogateLetter(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) && char.IsLetter(text, i);

    private static bool IsWordStart(string text, int i) => char.IsLetter(text[i]) || IsSurrogateLetter(text, i);

    private static (int, TokenKind) ScanNumber(string text, int i, int end)
    {
        int j = i;
        while (j < end && char.IsDigit(text[j])) j++;
        bool clock = false;
        while (j < end)
        {
            if ((text[j] == ',') && j + 3 < end + 1 && DigitsThen(text, j + 1, end, 3))
                j += 4;
            else if (text[j] == '.' && j + 1 < end && char.IsDigit(text[j + 1]))
                j = SkipDigits(text, j + 1, end);
            else if (text[j] == ':' && !clock && DigitsThen(text, j + 1, end, 2))
            {
                clock = true;
                j += 3;
            }
            else if (text[j] == '/' && j + 1 < end && char.IsDigit(text[j + 1]))
                j = SkipDigits(text, j + 1, end);
            else break;
        }
        // Ordinals and decades: "10th", "1990s".
        foreach (var suffix in (ReadOnlySpan<string>)["st", "nd", "rd", "th", "s"])
        {
            if (j + suffix.Length <= end && string.Compare(text, j, suffix, 0, suffix.Length, StringComparison.OrdinalIgnoreCase) == 0
                && !IsWordChar(text, j + suffix.Length))
            {
                j += suffix.Length;
                break;
            }
        }
        // "19-year-old", "2019-20", "30-day": a hyphen joins word characters into one token.
        bool letters = false;
        while (j + 1 < end && text[j] is '-' or '‐' && IsWordChar(text, j + 1))
        {
            j++;
            while (j < end && IsWordChar(text, j))
            {
                letters |= char.IsLetter(text[j]);
                j++;
            }
        }
        return (j - i, letters ? TokenKind.Word : TokenKind.Number);
    }

    private static bool DigitsThen(string text, int from, int end, int count)
    {
        for (int k = 0; k < count; k++)
        {
            if (from + k >= end || !char.IsDigit(text[from + k])) return false;
        }
        return from + count >= end || !char.IsDigit(text[from + count]);
    }

    private static int SkipDigits(string text, int j, int end)
    {
        while (j < end && char.IsDigit(text[j])) j++;
        return j;
    }

    private (int, TokenKind) ScanWord(string text, int i, int end)
    {
        // Dotted acronyms: "U.S.", "H.K.", "a.m.", "e.g.", "Ph.D.".
        int acronym = ScanDottedAcronym(text, i, end);
        if (acronym > 0) return (acronym, TokenKind.Abbreviation);
        int j = i;
        while (j < end)
        {
            if (IsWordChar(text, j)) j += char.IsHighSurrogate(text[j]) ? 2 : 1;
            else if (text[j] is '\'' or '’' && IsLetterAt(text, j + 1) && j + 1 < end) j++;
            else if (text[j] is '-' or '‐' or '&' && j + 1 < end && IsWordChar(text, j + 1) && (text[j] != '&' || char.IsUpper(text[j - 1]))) j++;
            else break;
        }
        j = Math.Min(j, end);
        if (j < end && text[j] == '.')
        {
            var word = text[i..j];
            bool beforeNumber = NextNonSpaceIsDigit(text, j + 1, end);
            bool initial = word.Length == 1 && char.IsUpper(word[0]);
            if (initial || Abbreviations.Titles.Contains(word) || Abbreviations.Months.Contains(word) || Abbreviations.General.Contains(word)
                || _extra.Contains(word) || (beforeNumber && Abbreviations.BeforeNumber.Contains(word)))
                return (j + 1 - i, TokenKind.Abbreviation);
        }
        return (j - i, TokenKind.Word);
    }

    private static int ScanDottedAcronym(string text, int i, int end)
    {
        int j = i, groups = 0;
        while (j < end)
        {
            int k = j;
            while (k < end && k - j < 2 && char.IsLetter(text[k])) k++;
            if (k == j || k >= end || text[k] != '.') break;
            j = k + 1;
            groups++;
        }
        if (groups < 2 || (j < end && char.IsLetter(text[j]))) return 0;
        return j - i;
    }

    private static bool NextNonSpaceIsDigit(string text, int j, int end)
    {
        while (j < end && text[j] == ' ') j++;
        return j < end && char.IsDigit(text[j]);
    }

    // URLs, e-mail addresses and bare domains ("xinhuanet.com") stay one token so that their dots do not end sentences.
    private static int TryScanUrl(string text, int i, int end)
    {
        int j = i;
        while (j < end && !char.IsWhiteSpace(text[j]) && text[j] is not ('"' or '“' or '”' or '<' or '>' or '(' or ')' or '[' or ']')) j++;
        while (j > i && text[j - 1] is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '’') j--;
        if (j - i < 4) return 0;
        var candidate = text.AsSpan(i, j - i);
        if (candidate.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || candidate.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || candidate.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            return j - i;
        int at = candidate.IndexOf('@');
        if (at > 0 && candidate[(at + 1)..].Contains('.')) return j - i;
        int dot = candidate.LastIndexOf('.');
        if (dot > 0 && dot < candidate.Length - 1 && char.IsLower(candidate[dot + 1]))
        {
            int tldEnd = dot + 1;
            while (tldEnd < candidate.Length && char.IsLetter(candidate[tldEnd])) tldEnd++;
            var tld = candidate[(dot + 1)..tldEnd].ToString();
            if (Array.IndexOf(Domains, tld) >= 0 && (tldEnd == candidate.Length || candidate[tldEnd] == '/')) return j - i;
        }
        return 0;
    }

    private static (int, TokenKind) ScanOther(string text, int i, int blockStart, int end, ref int singleOpen)
    {
        char c = text[i];
        char prev = i > blockStart ? text[i - 1] : ' ';
        char next = i + 1 < end ? text[i + 1] : ' ';
        switch (c)
        {
            case '“' or '„' or '‟' or '«' or '「' or '『':
                return (1, TokenKind.OpenQuote);
            case '”' or '»' or '」' or '』':
                return (1, TokenKind.CloseQuote);
            case '`' when next == '`':
                return (2, TokenKind.OpenQuote);
            case '\'' when next == '\'':
                {
                    // Some papers (NYT archives) open quotes with '' as well as close them: read the direction from the context.
                    bool before = IsOpeningContext(prev), after = IsClosingContext(i + 2 < end ? text[i + 2] : ' ');
                    return (2, before && !after ? TokenKind.OpenQuote : TokenKind.CloseQuote);
                }
            case '"':
                {
                    bool before = IsOpeningContext(prev), after = IsClosingContext(next);
                    return (1, before && !after ? TokenKind.OpenQuote : !before && after ? TokenKind.CloseQuote : TokenKind.AmbiguousQuote);
                }
            case '‘' or '\'' or '’':
                return (1, SingleQuote(text, i, end, prev, next, ref singleOpen));
            case '…':
                return (1, TokenKind.Ellipsis);
            case '.':
                {
                    int j = i;
                    while (j < end && (text[j] == '.' || (text[j] == ' ' && j + 1 < end && text[j + 1] == '.' && j > i && text[j - 1] == '.'))) j++;
                    int dots = text.AsSpan(i, j - i).Count('.');
                    return dots >= 3 ? (j - i, TokenKind.Ellipsis) : (1, TokenKind.Punctuation);
                }
            case '–' or '—' or '―':
                return (1, TokenKind.Dash);
            case '-' when next == '-':
                return (2, TokenKind.Dash);
            case '-' when char.IsWhiteSpace(prev) && char.IsWhiteSpace(next):
                return (1, TokenKind.Dash);
        }
        if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1])) return (2, TokenKind.Symbol);
        if (c is '%' or '‰' or '#' or '&' or '@' or '§' or '°' or '*' or '†') return (1, TokenKind.Symbol);
        if (char.IsPunctuation(c)) return (1, TokenKind.Punctuation);
        return (1, TokenKind.Symbol);
    }

    private static bool IsOpeningContext(char prev) => char.IsWhiteSpace(prev) || prev is '(' or '[' or '{' or '—' or '–' or '-' or '/' or '“' or '‘' or ':';

    private static bool IsClosingContext(char next) =>
        char.IsWhiteSpace(next) || next is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '}' or '…' or '—' or '–' or '”' or '’';

    private static TokenKind SingleQuote(string text, int i, int end, char prev, char next, ref int singleOpen)
    {
        bool opening = IsOpeningContext(prev) || prev == '"';
        if (text[i] == '‘' || (opening && text[i] == '\''))
        {
            // '90s, 'em, 'tis are elisions, not quotes.
            if (char.IsDigit(next) || IsElision(text, i + 1, end) || (text[i] == '\'' && !char.IsLetter(next))) return TokenKind.Punctuation;
            singleOpen++;
            return TokenKind.OpenQuote;
        }
        if (singleOpen > 0 && !char.IsWhiteSpace(prev) && (IsClosingContext(next) || next == '"'))
        {
            singleOpen--;
            return TokenKind.CloseQuote;
        }
        return TokenKind.Punctuation;
    }

    private static bool IsElision(string text, int from, int end)
    {
        foreach (var e in Elisions)
        {
            if (from + e.Length <= end && string.Compare(text, from, e, 0, e.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (from + e.Length == end || !char.IsLetter(text[from + e.Length])))
                return true;
        }
        return false;
    }
}
