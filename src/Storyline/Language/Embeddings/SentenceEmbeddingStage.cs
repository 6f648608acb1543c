using Storyline.Pipeline.Analysis;
using Storyline.Text;

namespace Storyline.Language.Embeddings;

/// <summary>Options for <see cref="SentenceEmbeddingStage"/>.</summary>
/// <param name="Enabled">False: no vectors are computed or stored (readers fall back to word overlap).</param>
/// <param name="MaxSentencesPerDocument">Only the first sentences are embedded: the model runs at about 120 sentences a second on two cores,
/// and what a briefing or a claim draws on sits mostly early in an article.</param>
/// <param name="MinWords">Shorter sentences (datelines, labels) are not embedded.</param>
/// <param name="ModelThreads">Threads the model runs on (0: one per core). Several worker processes on one machine each give 1, so that
/// they share its cores rather than each taking all of them.</param>
/// <param name="Quantized">The model runs with int8 weights (<see cref="MiniLmOptions.Quantized"/>); false runs it in float as shipped.</param>
public sealed record SentenceEmbeddingOptions(bool Enabled = true, int MaxSentencesPerDocument = 60, int MinWords = 4, int ModelThreads = 0, bool Quantized = true)
{
    /// <summary>The defaults.</summary>
    public static SentenceEmbeddingOptions Default { get; } = new();
}

/// <summary>Analysis stage: a unit vector per sentence (all-MiniLM-L6-v2), computed once so that selection and claim grouping read them.</summary>
public sealed class SentenceEmbeddingStage(SentenceEmbeddingOptions? options = null, ISentenceEmbedder? embedder = null) : IEncodedAnalysisStage
{
    /// <summary>The stage's stored name.</summary>
    public const string StageName = "vectors";

    private readonly SentenceEmbeddingOptions _options = options ?? SentenceEmbeddingOptions.Default;
    // ModelThreads 0 and Quantized give the default options, hence the default instance.
    private readonly ISentenceEmbedder _embedder = embedder ?? MiniLmEmbedder.Shared(MiniLmOptions.Default with
    {
        IntraOpThreads = (options ?? SentenceEmbeddingOptions.Default).ModelThreads,
        Quantized = (options ?? SentenceEmbeddingOptions.Default).Quantized,
    });

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    // 2: the model runs with int8 weights (MiniLmOptions.Quantized), whose vectors differ slightly from version 1's float ones.
    public int Version => _options.Quantized ? 2 : 1;

    /// <inheritdoc />
    public IReadOnlyList<string> Inputs => [TextAnalysisStage.StageName];

    /// <inheritdoc />
    public void Analyze(AnalysisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var analysis = context.RequireText();
        var vectors = new float[]?[analysis.Sentences.Count];
        var chosen = Choose(analysis);
        if (chosen.Count > 0)
        {
            var embedded = _embedder.Embed([.. chosen.Select(i => analysis.Sentences[i].Span.Slice(context.Text))], cancellationToken);
            for (int k = 0; k < chosen.Count; k++) vectors[chosen[k]] = embedded[k];
        }
        context.SentenceVectors = vectors;
    }

    /// <summary>The indexes of the sentences this stage embeds: the first <see cref="SentenceEmbeddingOptions.MaxSentencesPerDocument"/> of
    /// at least <see cref="SentenceEmbeddingOptions.MinWords"/> words or numbers.</summary>
    public IReadOnlyList<int> Choose(TextAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var chosen = new List<int>();
        for (int i = 0; i < analysis.Sentences.Count && chosen.Count < _options.MaxSentencesPerDocument; i++)
        {
            var sentence = analysis.Sentences[i];
            int words = 0;
            for (int t = 0; t < sentence.TokenCount; t++)
                if (analysis.Tokens[sentence.FirstToken + t].Kind is TokenKind.Word or TokenKind.Number) words++;
            if (words >= _options.MinWords) chosen.Add(i);
        }
        return chosen;
    }

    /// <inheritdoc />
    public byte[] Encode(AnalysisContext context) =>
        AnalysisCodec.EncodeVectors(context.SentenceVectors ?? throw new InvalidOperationException("the vector stage has not run"));

    /// <inheritdoc />
    public void Decode(AnalysisContext context, byte[] data) => context.SentenceVectors = AnalysisCodec.DecodeVectors(data);
}
