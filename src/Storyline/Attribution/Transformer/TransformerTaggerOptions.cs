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
/// <param name="IntraOpThreads">ONNX Runtime threads per call (0: one per core). One by default: workers run documents in parallel.</param>
/// <param name="BatchSize">Sentence chunks per ONNX Runtime call, sorted by length so little is padding. The int8 model quantizes each
/// call's activations with one scale, so the tags can differ slightly with the batch size; one document's are always the same.</param>
/// <param name="CacheQuantizedModel">Keep the int8 model on disk between processes (see <see cref="Language.Embeddings.MiniLmOptions.CacheQuantizedModel"/>).</param>
/// <param name="Quantized">Run with int8 weights (the default); false runs the float model the file's values give, to measure what int8
/// costs in accuracy (never cached).</param>
public sealed record TransformerTaggerOptions(string? ModelPath = null, int IntraOpThreads = 1, int BatchSize = 4, bool CacheQuantizedModel = true, bool Quantized = true)
{
    /// <summary>The defaults.</summary>
    public static TransformerTaggerOptions Default { get; } = new();
}
