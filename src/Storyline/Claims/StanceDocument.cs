using Storyline.Language.Embeddings;

namespace Storyline.Claims;

/// <summary>A text prepared for stance classification: its sentences with words, content stems and unit sentence vectors. Prepare a body once and classify it against many claims.</summary>
public sealed class StanceDocument
{
    private StanceDocument(IReadOnlyList<string> sentences, float[][] vectors)
    {
        Sentences = sentences;
        Vectors = vectors;
        Words = [.. sentences.Select(StanceText.Words)];
        Stems = [.. Words.Select(StanceText.ContentStems)];
        Centroid = new float[vectors.Length == 0 ? 0 : vectors[0].Length];
        foreach (var v in vectors) for (int i = 0; i < Centroid.Length && i < v.Length; i++) Centroid[i] += v[i];
        Language.Embeddings.Vectors.Normalize(Centroid);
    }

    /// <summary>The sentences read (at most <see cref="StanceText.MaxSentences"/>).</summary>
    public IReadOnlyList<string> Sentences { get; }

    internal float[][] Vectors { get; }
    internal List<string>[] Words { get; }
    internal List<string>[] Stems { get; }

    /// <summary>The normalised mean of the sentence vectors: the whole text's vector.</summary>
    internal float[] Centroid { get; }

    /// <summary>Prepares sentences whose unit vectors are already known (stored at analysis time); one vector per sentence, same model as the stance model was trained with.</summary>
    public static StanceDocument FromSentences(IReadOnlyList<string> sentences, IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(vectors);
        if (sentences.Count != vectors.Count) throw new ArgumentException("one vector per sentence is needed", nameof(vectors));
        int n = Math.Min(sentences.Count, StanceText.MaxSentences);
        var dims = n == 0 ? 0 : vectors[0].Length;
        for (int i = 0; i < n; i++)
            if (vectors[i] is null || vectors[i].Length != dims) throw new ArgumentException("sentence vectors must all have the same length", nameof(vectors));
        return new StanceDocument([.. sentences.Take(n)], [.. vectors.Take(n)]);
    }

    /// <summary>Splits <paramref name="text"/> into sentences and embeds them; with <paramref name="asOneSentence"/> (a headline or a claim) the text is one unit.</summary>
    public static StanceDocument FromText(string text, ISentenceEmbedder embedder, bool asOneSentence = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(embedder);
        List<string> sentences = asOneSentence ? (text.Trim().Length == 0 ? [] : [text.Trim()]) : StanceText.SplitSentences(text);
        return new StanceDocument(sentences, embedder.Embed(sentences, cancellationToken));
    }
}
