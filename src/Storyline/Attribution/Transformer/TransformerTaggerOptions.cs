namespace Storyline.Attribution.Transformer;

/// <summary>Which tagger <see cref="TaggedAttributionExtractor"/> merges with the rules.</summary>
public enum AttributionTaggerKind
{
    /// <summary>The linear <see cref="AttributionTagger"/> embedded in the assembly (the default: about 200 documents per CPU-second).</summary>
    Linear,

    /// <summary>The fine-tuned all-MiniLM-L6-v2 tagger (<see cref="TransformerAttributionTagger"/>): better on PolNeAR, far more CPU.</summary>
    Transformer,
}

/// <summary>How <see cref="TransformerAttributionTagger"/> loads and runs.</summary>
/// <param name="ModelPath">A tagger file written by the fine-tuning experiment's <c>export</c>; null: the one embedded in the assembly.</param>
/// <param name="IntraOpThreads">ONNX Runtime threads per call (0: one per core). One by default: a call is small (about 23 word pieces),
/// two threads took more CPU per sentence and were no faster on a busy two-core machine, and workers run documents in parallel.</param>
/// <param name="BatchSize">Sentence chunks per ONNX Runtime call (sorted by length, so little is padding). One by default: the int8 model
/// quantizes each call's activations with one scale, so only a chunk run alone gets tags that do not depend on its neighbours (a
/// sentence syndicated into two articles is tagged alike); batches of 4 took 5-15% less CPU (PolNeAR dev 2.03 against 2.32 CPU-ms
/// per sentence; 8 and 16 no better) and scored the same within noise.</param>
/// <param name="CacheQuantizedModel">Keep the int8 model on disk between processes (see <see cref="Language.Embeddings.MiniLmOptions.CacheQuantizedModel"/>).</param>
/// <param name="Quantized">Run with int8 weights (the default); false runs the float model the file's values give, to measure what int8
/// costs in accuracy (never cached).</param>
public sealed record TransformerTaggerOptions(string? ModelPath = null, int IntraOpThreads = 1, int BatchSize = 1, bool CacheQuantizedModel = true, bool Quantized = true)
{
    /// <summary>The defaults.</summary>
    public static TransformerTaggerOptions Default { get; } = new();
}
