using System.Runtime.InteropServices;
using Onnx;
using Storyline.Attribution.Transformer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Storyline.Bench.FineTune;

/// <summary>One post-LayerNorm BERT layer: 12-head self-attention, then a GELU feed-forward of 1,536, each with a residual and LayerNorm.</summary>
internal sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    public const int Hidden = 384, Heads = 12, HeadSize = 32, Inner = 1536;
    public readonly Linear Query = nn.Linear(Hidden, Hidden), Key = nn.Linear(Hidden, Hidden), Value = nn.Linear(Hidden, Hidden);
    public readonly Linear AttentionOut = nn.Linear(Hidden, Hidden), Intermediate = nn.Linear(Hidden, Inner), Output = nn.Linear(Inner, Hidden);
    public readonly LayerNorm AttentionNorm = nn.LayerNorm(Hidden, 1e-12), OutputNorm = nn.LayerNorm(Hidden, 1e-12);
    private readonly Dropout _dropout = nn.Dropout(0.1);

    public BertLayer(string name) : base(name) => RegisterComponents();

    /// <param name="x">[batch, length, 384]</param><param name="maskAdd">[batch, 1, 1, length]: 0 for a word piece, a large negative for padding</param>
    public override Tensor forward(Tensor x, Tensor maskAdd)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], l = x.shape[1];
        var q = Query.forward(x).view(b, l, Heads, HeadSize).transpose(1, 2);
        var k = Key.forward(x).view(b, l, Heads, HeadSize).transpose(1, 2);
        var v = Value.forward(x).view(b, l, Heads, HeadSize).transpose(1, 2);
        var scores = q.matmul(k.transpose(-1, -2)).div(Math.Sqrt(HeadSize)).add(maskAdd);
        var context = nn.functional.softmax(scores, -1).matmul(v).transpose(1, 2).reshape(b, l, Hidden);
        var h = AttentionNorm.forward(_dropout.forward(AttentionOut.forward(context)).add(x));
        var f = _dropout.forward(Output.forward(nn.functional.gelu(Intermediate.forward(h))));
        return OutputNorm.forward(f.add(h)).MoveToOuterDisposeScope();
    }
}

/// <summary>all-MiniLM-L6-v2's encoder (6 layers) with a token-classification head.</summary>
internal sealed class MiniLmTagger : nn.Module<Tensor, Tensor, Tensor>
{
    public readonly Embedding Words = nn.Embedding(30522, BertLayer.Hidden), Positions = nn.Embedding(512, BertLayer.Hidden), Types = nn.Embedding(2, BertLayer.Hidden);
    public readonly LayerNorm EmbeddingNorm = nn.LayerNorm(BertLayer.Hidden, 1e-12);
    public readonly ModuleList<BertLayer> Layers = new();
    public readonly Linear Head;
    private readonly Dropout _dropout = nn.Dropout(0.1);

    public MiniLmTagger(int tags) : base("minilm_tagger")
    {
        for (int i = 0; i < 6; i++) Layers.Add(new BertLayer($"layer{i}"));
        Head = nn.Linear(BertLayer.Hidden, tags);
        RegisterComponents();
    }

    /// <summary>Embeddings of [batch, length] word-piece ids (token type 0).</summary>
    public Tensor Embed(Tensor ids)
    {
        using var scope = NewDisposeScope();
        var positions = arange(ids.shape[1], dtype: ScalarType.Int64).unsqueeze(0);
        var e = Words.forward(ids).add(Positions.forward(positions)).add(Types.forward(zeros_like(ids)));
        return EmbeddingNorm.forward(e).MoveToOuterDisposeScope();
    }

    public static Tensor MaskAdd(Tensor mask) => (1 - mask.to_type(ScalarType.Float32)).mul(-1e9f).unsqueeze(1).unsqueeze(2);

    /// <summary>Layers [from, to) over hidden states.</summary>
    public Tensor Run(Tensor hidden, Tensor maskAdd, int from, int to)
    {
        var x = hidden;
        for (int i = from; i < to; i++)
        {
            var next = Layers[i].forward(x, maskAdd);
            if (!ReferenceEquals(x, hidden)) x.Dispose();
            x = next;
        }
        return x;
    }

    public Tensor Classify(Tensor hidden) => Head.forward(_dropout.forward(hidden));

    /// <summary>Last hidden states of [batch, length] ids with a [batch, length] 1/0 mask.</summary>
    public override Tensor forward(Tensor ids, Tensor mask)
    {
        using var scope = NewDisposeScope();
        using var e = Embed(ids);
        return Run(e, MaskAdd(mask), 0, 6).MoveToOuterDisposeScope();
    }

    /// <summary>Copies the ONNX model's initializers in: named ones by name; each layer's six weight matrices are those the engine's
    /// tagger finds (<see cref="TransformerAttributionTagger.LayerMatrices"/>: query, key, value, attention output, intermediate, output
    /// per layer), stored [in, out].</summary>
    public void LoadOnnx(ModelProto model)
    {
        var graph = model.Graph;
        var byName = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var matrices = TransformerAttributionTagger.LayerMatrices(graph).Select(n => byName[n]).ToList();
        using var _ = no_grad();
        void Copy(Tensor target, TensorProto source, bool transpose = false)
        {
            var data = source.FloatData.Count > 0 ? [.. source.FloatData] : MemoryMarshal.Cast<byte, float>(source.RawData.Span).ToArray();
            using var t = tensor(data, [.. source.Dims]);
            using var u = transpose ? t.t().contiguous() : t;
            if (!u.shape.SequenceEqual(target.shape)) throw new InvalidOperationException($"{source.Name}: shape [{string.Join(",", u.shape)}] for [{string.Join(",", target.shape)}]");
            target.copy_(u);
        }
        Copy(Words.weight!, byName["embeddings.word_embeddings.weight"]);
        Copy(Positions.weight!, byName["embeddings.position_embeddings.weight"]);
        Copy(Types.weight!, byName["embeddings.token_type_embeddings.weight"]);
        Copy(EmbeddingNorm.weight!, byName["embeddings.LayerNorm.weight"]);
        Copy(EmbeddingNorm.bias!, byName["embeddings.LayerNorm.bias"]);
        for (int i = 0; i < 6; i++)
        {
            var l = Layers[i];
            string p = $"encoder.layer.{i}.";
            Linear[] linears = [l.Query, l.Key, l.Value, l.AttentionOut, l.Intermediate, l.Output];
            string[] biases = ["attention.self.query.bias", "attention.self.key.bias", "attention.self.value.bias", "attention.output.dense.bias", "intermediate.dense.bias", "output.dense.bias"];
            for (int j = 0; j < 6; j++)
            {
                Copy(linears[j].weight!, matrices[6 * i + j], transpose: true);
                Copy(linears[j].bias!, byName[p + biases[j]]);
            }
            Copy(l.AttentionNorm.weight!, byName[p + "attention.output.LayerNorm.weight"]);
            Copy(l.AttentionNorm.bias!, byName[p + "attention.output.LayerNorm.bias"]);
            Copy(l.OutputNorm.weight!, byName[p + "output.LayerNorm.weight"]);
            Copy(l.OutputNorm.bias!, byName[p + "output.LayerNorm.bias"]);
        }
    }
}
