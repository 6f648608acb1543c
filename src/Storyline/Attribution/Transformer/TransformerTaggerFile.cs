using System.IO.Compression;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Storyline.Language.Embeddings;

namespace Storyline.Attribution.Transformer;

/// <summary>One tensor of a tagger file: its ONNX initializer name (or <c>head.weight</c> [384, tags], <c>head.bias</c>), shape and
/// values; a matrix stored in int8 also keeps its bytes and per-column scales.</summary>
internal sealed record TaggerTensor(string Name, int[] Dims, float[] Values, sbyte[]? Quantized = null, float[]? Scales = null);

/// <summary>What fine-tuning changed in all-MiniLM-L6-v2, written by the fine-tuning experiment's <c>export</c> command: the six
/// layers' matrices (int8, one symmetric scale per column as <see cref="Int8Quantizer"/> quantizes them, so quantizing the
/// dequantized matrix again gives the same bytes), their biases and LayerNorm parameters (float32) and the tagging head. The
/// embeddings were frozen in training and come from the package's model. Layout: "SLTXF", a format version (int32), then a Brotli
/// stream of the tag count, the tensors and an XxHash64 of what precedes it, so that a damaged file is refused rather than run.</summary>
internal sealed class TransformerTaggerFile
{
    private static readonly byte[] Magic = "SLTXF"u8.ToArray();
    private const int FormatVersion = 1;
    private const byte FloatKind = 0, Int8Kind = 1;

    /// <summary>Name of the head's [hidden, tags] weight matrix.</summary>
    public const string HeadWeight = "head.weight";

    /// <summary>Name of the head's bias.</summary>
    public const string HeadBias = "head.bias";

    private TransformerTaggerFile(int tagCount, IReadOnlyList<TaggerTensor> tensors) => (TagCount, Tensors) = (tagCount, tensors);

    /// <summary>Tags the head scores.</summary>
    public int TagCount { get; }

    /// <summary>Every tensor, head included, in file order.</summary>
    public IReadOnlyList<TaggerTensor> Tensors { get; }

    /// <summary>The tensor named <paramref name="name"/>.</summary>
    public TaggerTensor this[string name] => Tensors.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException(name);

    /// <summary>Writes a tagger file; tensors with <c>Quantize</c> must be 2-D and are stored in int8.</summary>
    public static void Write(Stream stream, int tagCount, IEnumerable<(string Name, int[] Dims, float[] Values, bool Quantize)> tensors)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            var list = tensors.ToList();
            w.Write(tagCount);
            w.Write(list.Count);
            foreach (var (name, dims, values, quantize) in list)
            {
                if (values.Length != dims.Aggregate(1, (a, b) => checked(a * b))) throw new ArgumentException($"{name}: {values.Length} values for [{string.Join(",", dims)}]");
                if (quantize && dims.Length != 2) throw new ArgumentException($"{name}: only matrices are stored in int8");
                w.Write(name);
                w.Write(quantize ? Int8Kind : FloatKind);
                w.Write(dims.Length);
                foreach (var d in dims) w.Write(d);
                if (quantize)
                {
                    var q = Int8Quantizer.QuantizeColumns(values, dims[0], dims[1], out var scales);
                    w.Write(MemoryMarshal.AsBytes(scales.AsSpan()));
                    w.Write(MemoryMarshal.AsBytes(q.AsSpan()));
                }
                else w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            }
        }
        var body = payload.ToArray();
        stream.Write(Magic);
        stream.Write(BitConverter.GetBytes(FormatVersion));
        using var brotli = new BrotliStream(stream, CompressionLevel.Optimal, leaveOpen: true);
        brotli.Write(body);
        brotli.Write(BitConverter.GetBytes(XxHash64.HashToUInt64(body)));
    }

    /// <summary>Reads a tagger file's bytes; <paramref name="source"/> (its path or resource name) is named in any error.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a whole tagger file of a supported version.</exception>
    public static TransformerTaggerFile Read(byte[] data, string source)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            if (data.Length < Magic.Length + 4 || !data.AsSpan(0, Magic.Length).SequenceEqual(Magic)) throw new InvalidDataException("not a Storyline transformer tagger file");
            int version = BitConverter.ToInt32(data, Magic.Length);
            if (version != FormatVersion) throw new InvalidDataException($"format version {version} is not supported (expected {FormatVersion})");
            var all = new MemoryStream();
            using (var brotli = new BrotliStream(new MemoryStream(data, Magic.Length + 4, data.Length - Magic.Length - 4), CompressionMode.Decompress))
                brotli.CopyTo(all);
            var bytes = all.GetBuffer().AsSpan(0, (int)all.Length);
            if (bytes.Length < 8) throw new InvalidDataException("truncated");
            var body = bytes[..^8];
            if (XxHash64.HashToUInt64(body) != BitConverter.ToUInt64(bytes[^8..])) throw new InvalidDataException("checksum mismatch (damaged or truncated)");
            using var r = new BinaryReader(new MemoryStream(body.ToArray()));
            int tagCount = r.ReadInt32(), count = r.ReadInt32();
            if (tagCount <= 0 || count < 0) throw new InvalidDataException($"{tagCount} tags, {count} tensors");
            var tensors = new List<TaggerTensor>(count);
            for (int i = 0; i < count; i++)
            {
                string name = r.ReadString();
                byte kind = r.ReadByte();
                var dims = new int[r.ReadInt32()];
                for (int d = 0; d < dims.Length; d++) dims[d] = r.ReadInt32();
                int size = dims.Aggregate(1, (a, b) => b < 0 ? throw new InvalidDataException($"{name}: negative dimension") : checked(a * b));
                if (kind == Int8Kind && dims.Length == 2)
                {
                    var scales = ReadFloats(r, dims[1]);
                    var q = MemoryMarshal.Cast<byte, sbyte>(ReadExactly(r, size)).ToArray();
                    tensors.Add(new TaggerTensor(name, dims, Int8Quantizer.DequantizeColumns(q, scales, dims[0], dims[1]), q, scales));
                }
                else if (kind == FloatKind) tensors.Add(new TaggerTensor(name, dims, ReadFloats(r, size)));
                else throw new InvalidDataException($"{name}: unknown tensor kind {kind}");
            }
            var file = new TransformerTaggerFile(tagCount, tensors);
            var head = file[HeadWeight];
            if (head.Dims.Length != 2 || head.Dims[1] != tagCount || file[HeadBias].Values.Length != tagCount)
                throw new InvalidDataException($"the head's shape [{string.Join(",", head.Dims)}] does not match {tagCount} tags");
            return file;
        }
        // BrotliStream reports damaged data as InvalidOperationException.
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or InvalidOperationException or KeyNotFoundException or OverflowException or IOException)
        {
            throw new InvalidDataException($"{source}: not a usable transformer attribution tagger file: {e.Message}", e);
        }
    }

    private static byte[] ReadExactly(BinaryReader r, int count)
    {
        var bytes = r.ReadBytes(count);
        return bytes.Length == count ? bytes : throw new EndOfStreamException("truncated tensor");
    }

    private static float[] ReadFloats(BinaryReader r, int count) => MemoryMarshal.Cast<byte, float>(ReadExactly(r, checked(count * 4))).ToArray();
}
