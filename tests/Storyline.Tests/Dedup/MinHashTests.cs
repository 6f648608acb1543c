using Storyline.Dedup;

namespace Storyline.Tests.Dedup;

public class MinHashTests
{
    private const string Text = "Officials announced new measures on Tuesday after months of talks, and analysts said exporters would be hit hardest by tariffs on steel and cotton in the coming year while critics said the process was rushed.";

    [Fact]
    public void Similarity_SameText_IsOne() => MinHash.Similarity(MinHash.Signature(Text), MinHash.Signature(Text)).ShouldBe(1.0);

    [Fact]
    public void Similarity_CaseAndPunctuationChanges_IsOne() =>
        MinHash.Similarity(MinHash.Signature(Text), MinHash.Signature(Text.ToUpperInvariant().Replace(",", " ;", StringComparison.Ordinal))).ShouldBe(1.0);

    [Fact]
    public void Similarity_UnrelatedText_IsLow() =>
        MinHash.Similarity(MinHash.Signature(Text), MinHash.Signature("The football club confirmed the signing of a new striker from a rival team for an undisclosed fee on Monday evening after a medical.")).ShouldBeLessThan(0.1);

    [Fact]
    public void ToBytes_RoundTrip_Preserves()
    {
        var s = MinHash.Signature(Text);
        MinHash.FromBytes(MinHash.ToBytes(s)).ShouldBe(s);
        MinHash.BandKeys(s).Length.ShouldBe(MinHash.Size / MinHash.RowsPerBand);
    }
}
