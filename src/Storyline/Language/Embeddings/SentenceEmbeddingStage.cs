using Storyline.Attribution;
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
/// <param name="Scope">Which sentences are embedded: those the claims ledger reads (the default) or every sentence, for selection too.</param>
public sealed record SentenceEmbeddingOptions(bool Enabled = true, int MaxSentencesPerDocument = 60, int MinWords = 4, int ModelThreads = 0, bool Quantized = true,
    EmbeddingScope Scope = EmbeddingScope.Statements)
{
    /// <summary>The defaults.</summary>
    public static SentenceEmbeddingOptions Default { get; } = new();
}

/// <summary>Which sentences <see cref="SentenceEmbeddingStage"/> embeds.</summary>
public enum EmbeddingScope
{
    /// <summary>Sentences holding the content of a statement the claims ledger groups (not a question, not nested in another statement):
    /// the only reader that needs vectors. The model is 86% of the analysis CPU when every sentence is embedded, and the briefing's
    /// selection scores the same ROUGE on DUC 2004 with vectors or without (see README).</summary>
    Statements,

    /// <summary>Every sentence (of the first <see cref="SentenceEmbeddingOptions.MaxSentencesPerDocument"/>), so that the briefing's selection
    /// blends them into centrality and redundancy too.</summary>
    All,
}

/// <summary>Analysis stage: a unit vector per sentence (all-MiniLM-L6-v2), computed once so that selection and claim grouping read them.</summary>
public sealed class SentenceEmbeddingStage(SentenceEmbeddingOptions? options = null, ISentenceEmbedder? embedder = null) : IResumableAnalysisStage
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
    // 3 and 4: only statements' sentences are embedded (int8 and float).
    public int Version => (_options.Scope, _options.Quantized) switch
    {
        (EmbeddingScope.All, true) => 2,
        (EmbeddingScope.All, false) => 1,
        (_, true) => 3,
        (_, false) => 4,
    };

    /// <inheritdoc />
    public IReadOnlyList<string> Inputs => _options.Scope == EmbeddingScope.All
        ? [TextAnalysisStage.StageName]
        : [TextAnalysisStage.StageName, StatementStage.StageName];

    /// <inheritdoc />
    public void Analyze(AnalysisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var analysis = context.RequireText();
        var vectors = new float[]?[analysis.Sentences.Count];
        var chosen = _options.Scope == EmbeddingScope.All
            ? Choose(analysis)
            : Choose(analysis, context.Statements ?? throw new InvalidOperationException("the statement stage has not run"));
        // Each sentence is embedded alone, so an earlier run's vector of the same sentence is the vector this run would compute.
        var earlier = context.EarlierSentenceVectors?.Vectors is { } e && e.Count == vectors.Length ? e : null;
        var missing = new List<int>(chosen.Count);
        foreach (var i in chosen)
        {
            if (earlier?[i] is { } known) vectors[i] = known;
            else missing.Add(i);
        }
        if (missing.Count > 0)
        {
            var embedded = _embedder.Embed([.. missing.Select(i => analysis.Sentences[i].Span.Slice(context.Text))], cancellationToken);
            for (int k = 0; k < missing.Count; k++) vectors[missing[k]] = embedded[k];
        }
        context.SentenceVectors = vectors;
    }

    /// <inheritdoc />
    // Vectors belong to sentences: new sentences void them.
    public IReadOnlyList<string> RestartsOn => [TextAnalysisStage.StageName];

    /// <inheritdoc />
    // Any version of the same weights serves (1 and 4 float, 2 and 3 int8): the scope only changes which sentences have a vector.
    public void Resume(AnalysisContext context, int version, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(context);
        bool quantized = version is 2 or 3;
        if (version is >= 1 and <= 4 && quantized == _options.Quantized) context.EarlierSentenceVectors = AnalysisCodec.DecodeStoredVectors(data);
    }

    /// <summary>The indexes of the sentences <see cref="EmbeddingScope.All"/> embeds: the first <see cref="SentenceEmbeddingOptions.MaxSentencesPerDocument"/> of
    /// at least <see cref="SentenceEmbeddingOptions.MinWords"/> words or numbers.</summary>
    public IReadOnlyList<int> Choose(TextAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var chosen = new List<int>();
        for (int i = 0; i < analysis.Sentences.Count && chosen.Count < _options.MaxSentencesPerDocument; i++)
            if (LongEnough(analysis, i)) chosen.Add(i);
        return chosen;
    }

    /// <summary>The indexes of the sentences <see cref="EmbeddingScope.Statements"/> embeds: those a claim's content lies in (the sentence
    /// its content starts in through the one it ends in, as the claims ledger averages them), of at least
    /// <see cref="SentenceEmbeddingOptions.MinWords"/> words or numbers, in text order, at most <see cref="SentenceEmbeddingOptions.MaxSentencesPerDocument"/>.</summary>
    public IReadOnlyList<int> Choose(TextAnalysis analysis, IReadOnlyList<AttributedStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(statements);
        var wanted = new SortedSet<int>();
        foreach (var s in statements)
        {
            // What the claims ledger leaves out (StoryClaimsAnalyzer): questions, and reports nested in another statement.
            if (s.Attribution.IsQuestion || s.Attribution.Parent is not null) continue;
            var span = s.Attribution.Content.Span;
            for (int i = Math.Max(0, analysis.SentenceAt(span.Start)); i < analysis.Sentences.Count && analysis.Sentences[i].Span.Start < span.End; i++)
                if (LongEnough(analysis, i)) wanted.Add(i);
        }
        return [.. wanted.Take(_options.MaxSentencesPerDocument)];
    }

    private bool LongEnough(TextAnalysis analysis, int index)
    {
        var sentence = analysis.Sentences[index];
        int words = 0;
        for (int t = 0; t < sentence.TokenCount; t++)
            if (analysis.Tokens[sentence.FirstToken + t].Kind is TokenKind.Word or TokenKind.Number) words++;
        return words >= _options.MinWords;
    }

    /// <inheritdoc />
    // A vector carried over from the earlier run is written as the bytes it was read from, so carrying it over never changes it.
    public byte[] Encode(AnalysisContext context) =>
        AnalysisCodec.EncodeVectors(context.SentenceVectors ?? throw new InvalidOperationException("the vector stage has not run"), context.EarlierSentenceVectors);

    /// <inheritdoc />
    public void Decode(AnalysisContext context, byte[] data) => context.SentenceVectors = AnalysisCodec.DecodeVectors(data);
}
