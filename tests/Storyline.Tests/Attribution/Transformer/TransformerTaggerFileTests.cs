using Storyline.Attribution.Transformer;
using Storyline.Language.Embeddings;

namespace Storyline.Tests.Attribution.Transformer;

public class TransformerTaggerFileTests
{
    internal static float[] Random(int count, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale)];
    }

    internal static byte[] Write(IEnumerable<(string Name, int[] Dims, float[] Values, bool Quantize)> tensors, int tags = 7)
    {
        using var stream = new MemoryStream();
        TransformerTaggerFile.Write(stream, tags, tensors);
        return stream.ToArray();
    }

    private static readonly float[] Matrix = [.. Random(5 * 3, 1), 0, 0, 0]; // 6 × 3, the last row zero
    private static readonly float[] ZeroColumn = [0.5f, 0, -0.25f, 0];        // 2 × 2, the second column all zero

    private static byte[] Sample() => Write([
        ("onnx::MatMul_1", [6, 3], Matrix, true),
        ("zero.column", [2, 2], ZeroColumn, true),
        ("encoder.layer.0.output.LayerNorm.bias", [4], [1.5f, -2f, 0f, 3.25f], false),
        (TransformerTaggerFile.HeadWeight, [384, 7], Random(384 * 7, 2), false),
        (TransformerTaggerFile.HeadBias, [7], Random(7, 3), false),
    ]);

    [Fact]
    public void Read_WrittenFile_FloatsExactMatricesWithinHalfAStep()
    {
        var file = TransformerTaggerFile.Read(Sample(), "sample.bin");
        file.TagCount.ShouldBe(7);
        file.Tensors.Select(t => t.Name).ShouldBe(["onnx::MatMul_1", "zero.column", "encoder.layer.0.output.LayerNorm.bias", "head.weight", "head.bias"]);
        file["encoder.layer.0.output.LayerNorm.bias"].Values.ShouldBe([1.5f, -2f, 0f, 3.25f]);
        file[TransformerTaggerFile.HeadWeight].Values.ShouldBe(Random(384 * 7, 2));
        file[TransformerTaggerFile.HeadWeight].Quantized.ShouldBeNull();
        var matrix = file["onnx::MatMul_1"];
        matrix.Dims.ShouldBe([6, 3]);
        for (int i = 0; i < Matrix.Length; i++) Math.Abs(matrix.Values[i] - Matrix[i]).ShouldBeLessThanOrEqualTo(matrix.Scales![i % 3] / 2 + 1e-7f);
        var zero = file["zero.column"];
        zero.Values[1].ShouldBe(0f);
        zero.Values[3].ShouldBe(0f);
        zero.Scales![1].ShouldBe(1f); // an all-zero column's scale
        zero.Values[0].ShouldBe(0.5f, 1e-6f);
    }

    [Fact]
    public void Read_Int8Matrix_QuantizingTheDequantizedGivesTheSameBytes()
    {
        var file = TransformerTaggerFile.Read(Sample(), "sample.bin");
        foreach (var name in new[] { "onnx::MatMul_1", "zero.column" })
        {
            var t = file[name];
            var again = Int8Quantizer.QuantizeColumns(t.Values, t.Dims[0], t.Dims[1], out var scales);
            again.ShouldBe(t.Quantized);
            scales.Zip(t.Scales!, (a, b) => Math.Abs(a - b) <= 1e-6f * Math.Abs(b)).ShouldAllBe(x => x);
        }
    }

    [Fact]
    public void Read_TruncatedFile_ThrowsNamingTheFile()
    {
        var bytes = Sample();
        foreach (var length in new[] { 3, 12, bytes.Length / 2, bytes.Length - 1 })
            Should.Throw<InvalidDataException>(() => TransformerTaggerFile.Read(bytes[..length], "/models/tagger.bin")).Message.ShouldStartWith("/models/tagger.bin: ");
    }

    [Fact]
    public void Read_DamagedByte_ThrowsNamingTheFile()
    {
        var bytes = Sample();
        bytes[bytes.Length / 2] ^= 0x5A;
        Should.Throw<InvalidDataException>(() => TransformerTaggerFile.Read(bytes, "tagger.bin")).Message.ShouldStartWith("tagger.bin: ");
    }

    [Fact]
    public void Read_OtherFileOrVersion_Throws()
    {
        Should.Throw<InvalidDataException>(() => TransformerTaggerFile.Read("SLATT and more bytes"u8.ToArray(), "x.bin")).Message.ShouldContain("not a Storyline transformer tagger file");
        var bytes = Sample();
        bytes[5] = 9;
        Should.Throw<InvalidDataException>(() => TransformerTaggerFile.Read(bytes, "x.bin")).Message.ShouldContain("version 9");
    }

    [Fact]
    public void Read_HeadMissing_Throws()
    {
        var bytes = Write([("a", [2], [1f, 2f], false)]);
        Should.Throw<InvalidDataException>(() => TransformerTaggerFile.Read(bytes, "x.bin")).Message.ShouldContain("head.weight");
    }
}
