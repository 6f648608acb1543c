using System.Text;
using Storyline.Documents;
using Storyline.Text;
using Storyline.Time;

namespace Storyline.Pipeline.Analysis;

/// <summary>Compact binary encodings of the stored analysis results: offsets as 7-bit variable-length integers, token starts as deltas,
/// vectors as 8-bit integers with one scale each (a cosine changes by under 0.01).</summary>
public static class AnalysisCodec
{
    private const byte TextFormat = 1, TimesFormat = 1, VectorsFormat = 1;

    /// <summary>Encodes a text analysis.</summary>
    public static byte[] EncodeText(TextAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(TextFormat);
            w.Write7BitEncodedInt(analysis.Tokens.Count);
            int previous = 0;
            foreach (var t in analysis.Tokens)
            {
                w.Write7BitEncodedInt(t.Span.Start - previous);
                w.Write7BitEncodedInt(t.Span.Length);
                w.Write((byte)t.Kind);
                previous = t.Span.Start;
            }
            w.Write7BitEncodedInt(analysis.Sentences.Count);
            foreach (var s in analysis.Sentences)
            {
                WriteSpan(w, s.Span);
                w.Write7BitEncodedInt(s.FirstToken);
                w.Write7BitEncodedInt(s.TokenCount);
                w.Write7BitEncodedInt(s.Block);
                w.Write7BitEncodedInt(s.QuoteDepthAtStart);
                w.Write7BitEncodedInt(s.QuoteDepthAtEnd);
            }
            w.Write7BitEncodedInt(analysis.Quotations.Count);
            foreach (var q in analysis.Quotations)
            {
                WriteSpan(w, q.Span);
                w.Write7BitEncodedInt(q.OpenToken);
                w.Write7BitEncodedInt(q.CloseToken + 1);
                w.Write7BitEncodedInt(q.Depth);
                w.Write7BitEncodedInt(q.Segments.Count);
                foreach (var seg in q.Segments) WriteSpan(w, seg);
            }
            w.Write7BitEncodedInt(analysis.Blocks.Count);
            foreach (var b in analysis.Blocks)
            {
                w.Write7BitEncodedInt(b.Index);
                WriteSpan(w, b.Span);
                w.Write(b.SpeakerLabel is not null);
                if (b.SpeakerLabel is { } label) WriteSpan(w, label);
                w.Write7BitEncodedInt(b.FirstSentence);
                w.Write7BitEncodedInt(b.SentenceCount);
            }
        }
        return stream.ToArray();
    }

    /// <summary>Decodes what <see cref="EncodeText"/> wrote; <paramref name="textLength"/> bounds every span.</summary>
    public static TextAnalysis DecodeText(byte[] data, int textLength) => Read(data, TextFormat, r =>
    {
        var tokens = new Token[Count(r)];
        int previous = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            int start = previous + r.Read7BitEncodedInt();
            var span = Checked(new TextSpan(start, r.Read7BitEncodedInt()), textLength);
            tokens[i] = new Token(span, (TokenKind)r.ReadByte());
            previous = start;
        }
        var sentences = new Sentence[Count(r)];
        for (int i = 0; i < sentences.Length; i++)
            sentences[i] = new Sentence(ReadSpan(r, textLength), r.Read7BitEncodedInt(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt());
        var quotations = new Quotation[Count(r)];
        for (int i = 0; i < quotations.Length; i++)
        {
            var span = ReadSpan(r, textLength);
            int open = r.Read7BitEncodedInt(), close = r.Read7BitEncodedInt() - 1, depth = r.Read7BitEncodedInt();
            var segments = new TextSpan[Count(r)];
            for (int j = 0; j < segments.Length; j++) segments[j] = ReadSpan(r, textLength);
            quotations[i] = new Quotation(span, open, close, depth, segments);
        }
        var blocks = new BlockAnalysis[Count(r)];
        for (int i = 0; i < blocks.Length; i++)
        {
            int index = r.Read7BitEncodedInt();
            var span = ReadSpan(r, textLength);
            TextSpan? label = r.ReadBoolean() ? ReadSpan(r, textLength) : null;
            blocks[i] = new BlockAnalysis(index, span, label, r.Read7BitEncodedInt(), r.Read7BitEncodedInt());
        }
        foreach (var s in sentences)
            if (s.FirstToken + s.TokenCount > tokens.Length) throw new InvalidDataException("a sentence points past the tokens");
        return new TextAnalysis(tokens, sentences, quotations, blocks);
    });

    /// <summary>Encodes resolved time expressions.</summary>
    public static byte[] EncodeTimes(IReadOnlyList<TimeExpression> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(TimesFormat);
            w.Write7BitEncodedInt(times.Count);
            foreach (var t in times)
            {
                WriteSpan(w, t.Span);
                w.Write(t.Text);
                w.Write((byte)t.Type);
                w.Write(t.Value);
                w.Write((byte)t.Granularity);
                w.Write(t.Mod ?? "");
            }
        }
        return stream.ToArray();
    }

    /// <summary>Decodes what <see cref="EncodeTimes"/> wrote.</summary>
    public static IReadOnlyList<TimeExpression> DecodeTimes(byte[] data, int textLength) => Read(data, TimesFormat, r =>
    {
        var times = new TimeExpression[Count(r)];
        for (int i = 0; i < times.Length; i++)
        {
            var span = ReadSpan(r, textLength);
            var text = r.ReadString();
            var type = (TimexType)r.ReadByte();
            var value = r.ReadString();
            var granularity = (TimeGranularity)r.ReadByte();
            var mod = r.ReadString();
            times[i] = new TimeExpression(span, text, type, value, granularity, mod.Length == 0 ? null : mod);
        }
        return (IReadOnlyList<TimeExpression>)times;
    });

    /// <summary>Encodes sentence vectors (null entries stay null).</summary>
    public static byte[] EncodeVectors(IReadOnlyList<float[]?> vectors) => EncodeVectors(vectors, null);

    /// <summary>Encodes sentence vectors, writing each one that is (by reference) a vector of <paramref name="earlier"/> as the bytes it was
    /// read from, so that a vector carried over from an earlier run is stored exactly as a fresh run would store it.</summary>
    public static byte[] EncodeVectors(IReadOnlyList<float[]?> vectors, StoredVectors? earlier)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(VectorsFormat);
            w.Write7BitEncodedInt(vectors.Count);
            int dimensions = vectors.FirstOrDefault(v => v is not null)?.Length ?? 0;
            w.Write7BitEncodedInt(dimensions);
            for (int i = 0; i < vectors.Count; i++)
            {
                var v = vectors[i];
                w.Write(v is not null);
                if (v is null) continue;
                if (v.Length != dimensions) throw new ArgumentException("vectors of different lengths", nameof(vectors));
                if (earlier?.Find(v) is { } bytes)
                {
                    w.Write(bytes);
                    continue;
                }
                float max = 0;
                foreach (var x in v) max = Math.Max(max, Math.Abs(x));
                float scale = max > 0 ? max / 127f : 1f;
                w.Write(scale);
                foreach (var x in v) w.Write((sbyte)Math.Clamp(MathF.Round(x / scale), -127, 127));
            }
        }
        return stream.ToArray();
    }

    /// <summary>Decodes what <see cref="EncodeVectors"/> wrote, each vector scaled back to unit length.</summary>
    public static IReadOnlyList<float[]?> DecodeVectors(byte[] data) => Read(data, VectorsFormat, r =>
    {
        var vectors = new float[]?[Count(r)];
        int dimensions = Count(r);
        for (int i = 0; i < vectors.Length; i++)
        {
            if (!r.ReadBoolean()) continue;
            float scale = r.ReadSingle();
            var v = new float[dimensions];
            for (int j = 0; j < dimensions; j++) v[j] = r.ReadSByte() * scale;
            Language.Embeddings.Vectors.Normalize(v);
            vectors[i] = v;
        }
        return (IReadOnlyList<float[]?>)vectors;
    });

    /// <summary>Decodes what <see cref="EncodeVectors(IReadOnlyList{float[]}, StoredVectors?)"/> wrote, keeping each vector's bytes beside it.</summary>
    public static StoredVectors DecodeStoredVectors(byte[] data) => Read(data, VectorsFormat, r =>
    {
        var vectors = new float[]?[Count(r)];
        var encoded = new Dictionary<float[], byte[]>(ReferenceEqualityComparer.Instance);
        int dimensions = Count(r);
        for (int i = 0; i < vectors.Length; i++)
        {
            if (!r.ReadBoolean()) continue;
            var bytes = r.ReadBytes(sizeof(float) + dimensions);
            if (bytes.Length != sizeof(float) + dimensions) throw new EndOfStreamException();
            var v = new float[dimensions];
            float scale = BitConverter.ToSingle(bytes, 0);
            for (int j = 0; j < dimensions; j++) v[j] = (sbyte)bytes[sizeof(float) + j] * scale;
            Language.Embeddings.Vectors.Normalize(v);
            vectors[i] = v;
            encoded[v] = bytes;
        }
        return new StoredVectors(vectors, encoded);
    });

    private static T Read<T>(byte[] data, byte format, Func<BinaryReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            using var r = new BinaryReader(new MemoryStream(data, writable: false), Encoding.UTF8);
            var found = r.ReadByte();
            if (found != format) throw new InvalidDataException($"stored analysis format {found}, expected {format}");
            var result = read(r);
            if (r.BaseStream.Position != data.Length) throw new InvalidDataException("stored analysis has trailing bytes");
            return result;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or OverflowException or ArgumentException)
        {
            throw new InvalidDataException("stored analysis is truncated or corrupt", e);
        }
    }

    private static int Count(BinaryReader r)
    {
        int n = r.Read7BitEncodedInt();
        // A count can never exceed the bytes left: corrupt data must not allocate gigabytes.
        if (n < 0 || n > r.BaseStream.Length - r.BaseStream.Position + 1024) throw new InvalidDataException("stored analysis has an impossible count");
        return n;
    }

    private static void WriteSpan(BinaryWriter w, TextSpan span)
    {
        w.Write7BitEncodedInt(span.Start);
        w.Write7BitEncodedInt(span.Length);
    }

    private static TextSpan ReadSpan(BinaryReader r, int textLength) => Checked(new TextSpan(r.Read7BitEncodedInt(), r.Read7BitEncodedInt()), textLength);

    private static TextSpan Checked(TextSpan span, int textLength) =>
        span.Start < 0 || span.Length < 0 || span.End > textLength ? throw new InvalidDataException("a stored span lies outside the text") : span;
}

/// <summary>Sentence vectors read back from the store, with the bytes each was read from (see <see cref="AnalysisCodec.DecodeStoredVectors"/>).</summary>
public sealed class StoredVectors
{
    private readonly Dictionary<float[], byte[]> _encoded;

    internal StoredVectors(IReadOnlyList<float[]?> vectors, Dictionary<float[], byte[]> encoded) => (Vectors, _encoded) = (vectors, encoded);

    /// <summary>One unit vector per sentence (null where none was stored).</summary>
    public IReadOnlyList<float[]?> Vectors { get; }

    /// <summary>The stored bytes of <paramref name="vector"/> when it is one of <see cref="Vectors"/> itself, else null.</summary>
    internal byte[]? Find(float[] vector) => _encoded.GetValueOrDefault(vector);
}
