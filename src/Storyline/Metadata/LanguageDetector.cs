namespace Storyline.Metadata;

/// <summary>Identifies the language of a text from its script and its most frequent function words.</summary>
public static class LanguageDetector
{
    private static readonly (string Code, HashSet<string> Words)[] Profiles =
    [
        ("en", ["the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "on", "with", "he", "as", "said", "by", "at", "from", "his", "are"]),
        ("fr", ["le", "la", "les", "de", "des", "et", "est", "un", "une", "du", "dans", "que", "qui", "pour", "pas", "sur", "au", "avec", "il", "a"]),
        ("de", ["der", "die", "das", "und", "ist", "nicht", "den", "ein", "eine", "zu", "mit", "sich", "auf", "für", "von", "dem", "des", "im", "auch", "es"]),
        ("es", ["el", "la", "los", "las", "de", "y", "que", "en", "un", "una", "es", "por", "con", "para", "del", "se", "no", "al", "lo", "su"]),
        ("it", ["il", "la", "di", "che", "e", "è", "un", "una", "per", "non", "del", "della", "con", "sono", "gli", "le", "da", "si", "nel", "al"]),
        ("pt", ["o", "a", "os", "as", "de", "que", "e", "do", "da", "em", "um", "uma", "para", "com", "não", "no", "na", "por", "se", "dos"]),
        ("nl", ["de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "met", "voor", "in", "die", "ook", "aan", "er", "maar", "om"]),
    ];

    /// <summary>The ISO 639-1 code of the text's language, or null when there is too little text to tell.</summary>
    public static string? Detect(string text)
    {
        int han = 0, kana = 0, hangul = 0, cyrillic = 0, arabic = 0, letters = 0;
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 20_000)))
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (c is >= '\u4E00' and <= '\u9FFF') han++;
            else if (c is >= '\u3040' and <= '\u30FF') kana++;
            else if (c is >= '\uAC00' and <= '\uD7AF') hangul++;
            else if (c is >= '\u0400' and <= '\u04FF') cyrillic++;
            else if (c is >= '\u0600' and <= '\u06FF') arabic++;
        }
        if (letters < 20) return null;
        if (kana > letters / 10) return "ja";
        if (han > letters / 3) return "zh";
        if (hangul > letters / 3) return "ko";
        if (cyrillic > letters / 2) return "ru";
        if (arabic > letters / 2) return "ar";

        var counts = new int[Profiles.Length];
        int words = 0;
        foreach (var token in text.Split([' ', '\n', '\t', ',', '.', ';', ':', '"', '(', ')', '“', '”'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (++words > 3000) break;
            var w = token.ToLowerInvariant();
            for (int i = 0; i < Profiles.Length; i++) if (Profiles[i].Words.Contains(w)) counts[i]++;
        }
        int best = 0;
        for (int i = 1; i < counts.Length; i++) if (counts[i] > counts[best]) best = i;
        return counts[best] >= Math.Max(2, words / 50) ? Profiles[best].Code : null;
    }
}
