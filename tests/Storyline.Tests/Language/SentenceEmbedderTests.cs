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

    [Fact]
    public void Embed_LengthBatches_SameVectorsInInputOrder()
    {
        string[] texts = [
            "A much longer sentence about the regional government's response to the sanctions announced on Monday by the Treasury.",
            "Short one.",
            "Officials denied the report.",
            "The ministry said the figures were fabricated and called the claims a lie invented by foreign media.",
            "Prices rose."];
        var whole = new MiniLmEmbedder(new MiniLmOptions(BatchSize: int.MaxValue)).Embed(texts);
        var batched = new MiniLmEmbedder(new MiniLmOptions(BatchSize: 2)).Embed(texts);
        for (int i = 0; i < texts.Length; i++)
        {
            // Padding is masked out, so only floating-point rounding may differ; a mix-up of order would give a cosine far below 1.
            Assert.True(Vectors.Dot(whole[i], batched[i]) > 0.9999f, $"text {i}");
        }
    }
}
