using System.Globalization;
using System.Text;

namespace Storyline.Extraction;

/// <summary>One page's shingle match, normalised so that TP + FP + FN = 1 (all zero when both texts are empty).</summary>
/// <param name="TruePositive">Share of matched shingles.</param>
/// <param name="FalsePositive">Share of predicted shingles the truth lacks.</param>
/// <param name="FalseNegative">Share of true shingles the prediction lacks.</param>
/// <param name="Exact">Whether the token sequences are identical.</param>
public readonly record struct PageScore(double TruePositive, double FalsePositive, double FalseNegative, bool Exact);

/// <summary>Aggregate figures over pages: precision and recall are means over pages, F1 is taken of those means.</summary>
public readonly record struct CorpusScore(double F1, double Precision, double Recall, double Accuracy, int Pages);

/// <summary>The article-body metric of the Zyte article extraction benchmark (evaluate.py): 4-word shingles of <c>\w+</c> tokens, multiset-matched per page.</summary>
public static class ShingleScore
{
    /// <summary>Shingle length in tokens.</summary>
    public const int N = 4;

    /// <summary>Splits text into the tokens Python's Unicode <c>\w+</c> finds (letters, numbers, underscore; not combining marks).</summary>
    public static List<string> Tokenize(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text)) return tokens;
        int start = -1, i = 0;
        while (i < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            if (IsWord(rune)) { if (start < 0) start = i; }
            else if (start >= 0) { tokens.Add(text[start..i]); start = -1; }
            i += Math.Max(1, consumed);
        }
        if (start >= 0) tokens.Add(text[start..]);
        return tokens;
    }

    // Python's \w is str.isalnum() or '_': categories L* and N*; unlike .NET's \w it excludes marks and connector punctuation.
    private static bool IsWord(Rune rune)
    {
        if (rune.Value < 128) return char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '_';
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            _ => false,
        };
    }

    /// <summary>Counts the shingles of a token list; fewer than <see cref="N"/> tokens give one shorter shingle, none give none.</summary>
    public static Dictionary<string, int> Shingles(IReadOnlyList<string> tokens)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int last = Math.Max(1, tokens.Count - N + 1);
        for (int i = 0; i < last && i < tokens.Count; i++)
        {
            // U+0001 cannot occur inside a \w token, so joined keys are unambiguous.
            var key = string.Join('\u0001', tokens.Skip(i).Take(N));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    /// <summary>Scores one page's predicted body against the true body.</summary>
    public static PageScore Score(string? truth, string? predicted)
    {
        var trueTokens = Tokenize(truth);
        var predTokens = Tokenize(predicted);
        var t = Shingles(trueTokens);
        var p = Shingles(predTokens);
        double tp = 0, fp = 0, fn = 0;
        foreach (var (key, tc) in t)
        {
            var pc = p.GetValueOrDefault(key);
            tp += Math.Min(tc, pc);
            fn += Math.Max(0, tc - pc);
        }
        foreach (var (key, pc) in p) fp += Math.Max(0, pc - t.GetValueOrDefault(key));
        var sum = tp + fp + fn;
        if (sum > 0) { tp /= sum; fp /= sum; fn /= sum; }
        return new PageScore(tp, fp, fn, trueTokens.SequenceEqual(predTokens, StringComparer.Ordinal));
    }

    /// <summary>Page precision as evaluate.py defines it (1 when nothing is wrong).</summary>
    public static double Precision(PageScore s) => s.FalsePositive == 0 && s.FalseNegative == 0 ? 1 : s.TruePositive == 0 && s.FalsePositive == 0 ? 0 : s.TruePositive / (s.TruePositive + s.FalsePositive);

    /// <summary>Page recall as evaluate.py defines it (1 when nothing is wrong).</summary>
    public static double Recall(PageScore s) => s.FalsePositive == 0 && s.FalseNegative == 0 ? 1 : s.TruePositive == 0 && s.FalseNegative == 0 ? 0 : s.TruePositive / (s.TruePositive + s.FalseNegative);

    /// <summary>Means precision over pages with TP + FP &gt; 0 and recall over pages with TP + FN &gt; 0, then takes F1 of the means.</summary>
    public static CorpusScore Aggregate(IReadOnlyList<PageScore> pages)
    {
        var precisions = pages.Where(s => s.TruePositive + s.FalsePositive > 0).Select(Precision).ToList();
        var recalls = pages.Where(s => s.TruePositive + s.FalseNegative > 0).Select(Recall).ToList();
        double p = precisions.Count == 0 ? 0 : precisions.Average();
        double r = recalls.Count == 0 ? 0 : recalls.Average();
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        double accuracy = pages.Count == 0 ? 0 : pages.Count(s => s.Exact) / (double)pages.Count;
        return new CorpusScore(f1, p, r, accuracy, pages.Count);
    }
}
