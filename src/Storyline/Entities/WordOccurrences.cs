using System.Globalization;

namespace Storyline.Entities;

/// <summary>Finds a literal phrase as a whole word in text, without building a regex per phrase.</summary>
/// <remarks>Same matches as <c>(?&lt;![\w-])phrase(?![\w-])</c> with each space in the phrase standing for <c>\s+</c> when
/// <c>flexibleSpaces</c> is set; scanned left to right without overlaps, as <c>Regex.Matches</c> does. The resolver used to build
/// such a regex for every learned name in every document, which overflowed Regex's cache and re-parsed them each time.</remarks>
internal static class WordOccurrences
{
    /// <summary>Every non-overlapping whole-word occurrence of <paramref name="phrase"/> as (start, length).</summary>
    public static IEnumerable<(int Start, int Length)> Find(string text, string phrase, bool flexibleSpaces)
    {
        if (phrase.Length == 0) yield break;
        string[] words = flexibleSpaces ? phrase.Split(' ') : [phrase];
        if (words.Any(w => w.Length == 0)) words = [phrase]; // doubled spaces: fall back to the literal phrase
        int from = 0;
        while (from <= text.Length - words[0].Length)
        {
            int at = text.IndexOf(words[0], from, StringComparison.Ordinal);
            if (at < 0) yield break;
            int end = MatchRest(text, at + words[0].Length, words);
            if (end >= 0 && (at == 0 || !IsWordOrHyphen(text[at - 1])) && (end == text.Length || !IsWordOrHyphen(text[end])))
            {
                yield return (at, end - at);
                from = end;
            }
            else
            {
                from = at + 1;
            }
        }
    }

    // Matches "\s+word" for each remaining word; returns the end offset, or -1.
    private static int MatchRest(string text, int position, string[] words)
    {
        for (int i = 1; i < words.Length; i++)
        {
            int start = position;
            while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
            if (position == start || string.CompareOrdinal(text, position, words[i], 0, words[i].Length) != 0 || position + words[i].Length > text.Length) return -1;
            position += words[i].Length;
        }
        return position;
    }

    // Regex's \w is [\p{L}\p{Mn}\p{Nd}\p{Pc}].
    private static bool IsWordOrHyphen(char c) => c == '-' || char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };
}
