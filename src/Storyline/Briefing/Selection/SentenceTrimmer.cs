using System.Text.RegularExpressions;

namespace Storyline.Briefing.Selection;

/// <summary>Trims what a source sentence carries for the wire, not for the reader, before the briefing states it: the dateline ("NAIROBI,
/// Kenya (AP) _", "WASHINGTON --"), a person's age between commas ("Anwar, 51, was arrested") and, in an article whose day of publication
/// is unknown, a bare weekday after a verb or object ("said Thursday", "met on Friday"), which anchors nothing there. Nothing else is cut:
/// attributions ("X said"), clauses and qualifiers stay, so a trimmed sentence says what its source sentence says and is cited to the whole
/// of it.</summary>
public static partial class SentenceTrimmer
{
    /// <summary>The sentence without its dateline and ages (and its bare weekdays when <paramref name="undatedDay"/>: the article's day is not
    /// known, so "Thursday" points nowhere); the sentence itself when there is nothing to trim.</summary>
    public static string Trim(string sentence, bool undatedDay = false)
    {
        var text = Dateline().Replace(sentence, "", 1);
        text = Age().Replace(text, "");
        if (undatedDay) text = Weekday().Replace(text, "");
        if (text.Length == sentence.Length) return sentence;
        text = text.Trim();
        // A dateline ends where the sentence starts: its first letter is a capital already; keep it one if the dateline ate it.
        return text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;
    }

    // A place in capitals, optionally ", Country", optionally a wire agency in parentheses, then a dash (AP style "_", "--", "—"); a single
    // hyphen counts only after an agency ("LONDON (Reuters) - ").
    [GeneratedRegex(@"^\s*[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+)*(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)*)?\s*(?:(?:\((?:AP|Reuters|AFP|UPI|Xinhua|dpa|DPA|Bloomberg)\)\s*(?:_|--|—|–|-))|(?:\s(?:_|--|—|–)))\s+")]
    private static partial Regex Dateline();

    // ", 51," after a capitalised name: the age of the person just named.
    [GeneratedRegex(@"(?<=\b[A-Z][a-z]+),\s(?:[1-9]|[1-9][0-9]|1[01][0-9]),(?=\s)")]
    private static partial Regex Age();

    // " Thursday" or " on Thursday" after a lower-case word that does not make it part of a phrase ("late Thursday", "until Friday", "for
    // Wednesday"), before punctuation or a word that starts a new constituent ("said Thursday that", "met Friday and").
    [GeneratedRegex(@"(?<=\b(?!(?:late|early|last|next|this|that|until|since|by|before|after|through|from|of|the|on|for|in|at|to|and|or|every|each|by|till|than)\b)[a-z]+)\s(?:on\s)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?=[,.;]|\s(?:that|and|to|in|at|after|with|for|as|when|it|but|to)\b)")]
    private static partial Regex Weekday();
}
