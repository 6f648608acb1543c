using System.Text.RegularExpressions;

namespace Storyline.Claims;

/// <summary>Light text handling for stance and claims: sentence splitting, word tokens and content-word keys.</summary>
public static partial class StanceText
{
    /// <summary>A body longer than this many sentences is read only this far: news puts its claim up front, and it bounds the cost of long stories.</summary>
    public const int MaxSentences = 40;

    // Stop words carry no topic: they are left out of overlap and TF-IDF features (negations are kept apart as cues).
    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "a","an","the","and","or","but","of","to","in","on","at","for","with","by","from","as","is","are","was","were","be","been","being",
        "it","its","this","that","these","those","he","she","they","we","you","i","his","her","their","our","your","my","him","them","us",
        "has","have","had","do","does","did","will","would","can","could","should","may","might","must","shall","there","here","what","which",
        "who","whom","whose","when","where","why","how","than","then","so","if","into","about","after","before","over","under","up","down",
        "out","off","also","just","only","very","more","most","some","any","all","each","other","such","no","not","nor","too","s","t","said",
        "says","say","one","new","get","got","like","now","via","while","because","up","again","new","year","years","time","first","last",
    };

    /// <summary>Splits text into sentences at line breaks and at sentence-final punctuation followed by a space and a capital, digit or quote.</summary>
    public static List<string> SplitSentences(string text, int max = MaxSentences)
    {
        var result = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            foreach (var part in SentenceBreak().Split(line))
            {
                var s = part.Trim();
                if (s.Length < 2) continue;
                result.Add(s);
                if (result.Count >= max) return result;
            }
        }
        return result;
    }

    /// <summary>Lower-cased word tokens (letters and digits; an apostrophe's "'s" dropped), in order.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        foreach (Match m in Word().Matches(text))
        {
            var w = m.Value.ToLowerInvariant();
            if (w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal)) w = w[..^2];
            w = w.Replace('’', '\'');
            if (w.Length > 0) words.Add(w);
        }
        return words;
    }

    /// <summary>True for words that carry no topic.</summary>
    public static bool IsStop(string word) => Stop.Contains(word);

    /// <summary>A crude stem so that "denies", "denied" and "deny" or "camps" and "camp" meet: strips common English suffixes.</summary>
    public static string Stem(string w)
    {
        if (w.Length <= 4 || !char.IsAsciiLetter(w[^1]) || char.IsAsciiDigit(w[0])) return w;
        if (w.EndsWith("ies", StringComparison.Ordinal)) return w[..^3] + "y";
        if (w.EndsWith("ied", StringComparison.Ordinal)) return w[..^3] + "y";
        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 5) return w[..^3];
        if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length > 5) return w[..^2];
        if (w.EndsWith("es", StringComparison.Ordinal) && w.Length > 5 && "sxz".Contains(w[^3], StringComparison.Ordinal)) return w[..^2];
        if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal)) return w[..^1];
        return w;
    }

    /// <summary>Stems of the content words (not stop words) of a word list, in order.</summary>
    public static List<string> ContentStems(IReadOnlyList<string> words)
    {
        var result = new List<string>(words.Count);
        foreach (var w in words) if (!Stop.Contains(w) && w.Length > 1) result.Add(Stem(w));
        return result;
    }

    [GeneratedRegex(@"(?<=[.!?][""'”’)]?)\s+(?=[""'“‘(]?[A-Z0-9])")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}]+)*")]
    private static partial Regex Word();
}
