using Storyline.Pipeline.Analysis;
using Storyline.Tests.TestSupport;
using Storyline.Text;
using Storyline.Time;

namespace Storyline.Tests.Pipeline;

public class AnalysisCodecTests
{
    private const string Transcript = "Press conference\n\nQ1: Will China respond?\n\n"
        + "Zhao Lijian: “We will take firm countermeasures,” he said on Friday, July 10, 2020. The U.S. move is “wrong.\n\n"
        + "It interferes in China's affairs,” he added. Dr. Li said last week that talks... would resume.";

    [Fact]
    public void EncodeText_DecodeText_GivesTheSameAnalysis()
    {
        var doc = Cleaner.Clean(Transcript);
        var analysis = new TextAnalyzer().Analyze(doc.Text, doc.Blocks, default);
        analysis.Quotations.ShouldNotBeEmpty();
        analysis.Blocks.ShouldContain(b => b.SpeakerLabel != null);
        var back = AnalysisCodec.DecodeText(AnalysisCodec.EncodeText(analysis), doc.Text.Length);
        back.Tokens.ShouldBe(analysis.Tokens);
        back.Sentences.ShouldBe(analysis.Sentences);
        back.Blocks.ShouldBe(analysis.Blocks);
        back.Quotations.Count.ShouldBe(analysis.Quotations.Count);
        for (int i = 0; i < back.Quotations.Count; i++)
        {
            (back.Quotations[i] with { Segments = [] }).ShouldBe(analysis.Quotations[i] with { Segments = [] });
            back.Quotations[i].Segments.ShouldBe(analysis.Quotations[i].Segments);
        }
    }

    [Fact]
    public void EncodeTimes_DecodeTimes_GivesTheSameExpressions()
    {
        var doc = Cleaner.Clean(Transcript);
        var times = new TimeExpressionRecognizer().Recognize(doc.Text, new DateOnly(2020, 7, 10), default);
        times.ShouldNotBeEmpty();
        AnalysisCodec.DecodeTimes(AnalysisCodec.EncodeTimes(times), doc.Text.Length).ShouldBe(times);
    }

    [Fact]
    public void EncodeVectors_DecodeVectors_KeepsNullsAndCosinesWithinOnePercent()
    {
        var random = new Random(7);
        var vectors = Enumerable.Range(0, 20).Select(i => i % 5 == 0 ? null : Unit(random, 384)).ToArray();
        var back = AnalysisCodec.DecodeVectors(AnalysisCodec.EncodeVectors(vectors));
        back.Count.ShouldBe(vectors.Length);
        for (int i = 0; i < vectors.Length; i++)
        {
            if (vectors[i] is null) { back[i].ShouldBeNull(); continue; }
            for (int j = 0; j < vectors.Length; j++)
                if (vectors[j] is { } other)
                    Math.Abs(Dot(back[i]!, back[j]!) - Dot(vectors[i]!, other)).ShouldBeLessThan(0.01f);
        }
    }

    [Fact]
    public void EncodeVectors_CarriedOverFromStoredVectors_WritesTheirBytesVerbatim()
    {
        var random = new Random(5);
        var vectors = Enumerable.Range(0, 30).Select(i => i % 4 == 0 ? null : Unit(random, 384)).ToArray();
        var stored = AnalysisCodec.EncodeVectors(vectors);
        var read = AnalysisCodec.DecodeStoredVectors(stored);
        read.Vectors.ShouldBe(AnalysisCodec.DecodeVectors(stored));
        AnalysisCodec.EncodeVectors(read.Vectors, read).ShouldBe(stored);
        // Some carried over, some new, some dropped: the new ones are encoded, the carried ones copied.
        var mixed = read.Vectors.Select((v, i) => i % 3 == 0 ? vectors[i] : i % 3 == 1 ? v : null).ToArray();
        var back = AnalysisCodec.DecodeStoredVectors(AnalysisCodec.EncodeVectors(mixed, read));
        for (int i = 0; i < mixed.Length; i++)
            if (i % 3 == 1 && read.Vectors[i] is { } carried) back.Vectors[i].ShouldBe(carried);
            else if (i % 3 == 2) back.Vectors[i].ShouldBeNull();
    }

    [Fact]
    public void DecodeText_SpanPastTheText_ThrowsInvalidData()
    {
        var doc = Cleaner.Clean(Transcript);
        var data = AnalysisCodec.EncodeText(new TextAnalyzer().Analyze(doc.Text, doc.Blocks, default));
        Should.Throw<InvalidDataException>(() => AnalysisCodec.DecodeText(data, 10));
    }

    [Fact]
    public void Decode_RandomAndTruncatedBytes_ThrowInvalidDataOrDecode()
    {
        // CheckRandomData: whatever the bytes, decoding either succeeds or says the data is corrupt; it never crashes otherwise or hangs.
        var doc = Cleaner.Clean(Transcript);
        var good = AnalysisCodec.EncodeText(new TextAnalyzer().Analyze(doc.Text, doc.Blocks, default));
        var random = new Random(11);
        for (int round = 0; round < 500; round++)
        {
            byte[] data = round % 2 == 0 ? good[..random.Next(good.Length)] : RandomBytes(random, random.Next(1, 200));
            if (round % 3 == 0 && data.Length > 0) data[0] = 1;
            foreach (var decode in new Action[]
            {
                () => AnalysisCodec.DecodeText(data, doc.Text.Length),
                () => AnalysisCodec.DecodeTimes(data, doc.Text.Length),
                () => AnalysisCodec.DecodeVectors(data),
                () => AnalysisCodec.DecodeStoredVectors(data),
            })
            {
                try { decode(); }
                catch (InvalidDataException) { }
            }
        }
    }

    private static byte[] RandomBytes(Random random, int n)
    {
        var b = new byte[n];
        random.NextBytes(b);
        return b;
    }

    private static float[] Unit(Random random, int n)
    {
        var v = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        Storyline.Language.Embeddings.Vectors.Normalize(v);
        return v;
    }

    private static float Dot(float[] a, float[] b) => Storyline.Language.Embeddings.Vectors.Dot(a, b);
}
