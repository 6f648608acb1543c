using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Storyline.Entities;

/// <summary>
/// Named-entity tagger (PER, ORG, LOC, MISC) for one tokenised sentence: an averaged structured perceptron over hashed token features with
/// Viterbi decoding of IOB2 tags. Trained by <see cref="NerTrainer"/>; the default model is embedded in this assembly. Thread-safe.
/// </summary>
public sealed class NerTagger
{
    private static readonly byte[] Magic = "SLNER"u8.ToArray();
    private const int Version = 1;
    private const string ResourceName = "Storyline.Entities.Model.ner.bin";
    private static readonly Lazy<NerTagger> DefaultModel = new(LoadEmbedded);

    private readonly Dictionary<ulong, int> _rows;
    private readonly float[] _weights;
    private readonly float[] _transitions;

    internal NerTagger(NerLexicon lexicon, Dictionary<ulong, int> rows, float[] weights, float[] transitions)
    {
        Lexicon = lexicon;
        _rows = rows;
        _weights = weights;
        _transitions = transitions;
    }

    /// <summary>The model embedded in the Storyline assembly, loaded on first use.</summary>
    public static NerTagger Default => DefaultModel.Value;

    /// <summary>True when the assembly carries a trained model (it is produced by the bench's <c>ner-train</c> command).</summary>
    public static bool HasEmbeddedModel => typeof(NerTagger).Assembly.GetManifestResourceInfo(ResourceName) is not null;

    /// <summary>Number of weighted features in the model.</summary>
    public int FeatureCount => _rows.Count;

    internal NerLexicon Lexicon { get; }

    /// <summary>The entities in a sentence's tokens, in order; spans never overlap.</summary>
    public IReadOnlyList<EntitySpan> Tag(IReadOnlyList<string> tokens, CancellationToken cancellationToken = default) =>
        BioTags.ToSpans(Predict(tokens, cancellationToken));

    /// <summary>One IOB2 tag per token (O, B-PER, I-PER, …).</summary>
    public IReadOnlyList<string> TagBio(IReadOnlyList<string> tokens, CancellationToken cancellationToken = default) =>
        [.. Predict(tokens, cancellationToken).Select(t => BioTags.Names[t])];

    internal int[] Predict(IReadOnlyList<string> tokens, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int n = tokens.Count, t = BioTags.Count;
        if (n == 0) return [];
        var features = new List<ulong>(n * 72);
        var offsets = new int[n + 1];
        NerFeatures.Extract(tokens, Lexicon, features, offsets);
        var hashes = CollectionsMarshal.AsSpan(features);
        var emissions = new float[n * t];
        for (int i = 0; i < n; i++)
        {
            if ((i & 255) == 255) cancellationToken.ThrowIfCancellationRequested();
            var e = emissions.AsSpan(i * t, t);
            for (int f = offsets[i]; f < offsets[i + 1]; f++)
            {
                if (!_rows.TryGetValue(hashes[f], out var row)) continue;
                var w = _weights.AsSpan(row * t, t);
                for (int y = 0; y < t; y++) e[y] += w[y];
            }
        }
        var tags = new int[n];
        Viterbi.Decode(emissions, n, _transitions, tags);
        return tags;
    }

    /// <summary>Writes the model, Brotli-compressed, to <paramref name="stream"/> (left open).</summary>
    public void Save(Stream stream)
    {
        using var brotli = new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(brotli);
        w.Write(Magic);
        w.Write(Version);
        w.Write(BioTags.Count);
        foreach (var x in _transitions) w.Write(x);
        WriteMap(w, Lexicon.Phrases, v => w.Write(v));
        WriteMap(w, Lexicon.Words, v => w.Write(v));
        WriteMap(w, Lexicon.Casing, v => w.Write(v));
        WriteMap(w, Lexicon.Clusters, v => w.Write(v));
        int t = BioTags.Count;
        WriteMap(w, _rows, row =>
        {
            var weights = _weights.AsSpan(row * t, t);
            ushort mask = 0;
            for (int y = 0; y < t; y++) if ((Half)weights[y] != Half.Zero) mask |= (ushort)(1 << y);
            w.Write(mask);
            for (int y = 0; y < t; y++) if ((mask & (1 << y)) != 0) w.Write((Half)weights[y]);
        });
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    public static NerTagger Load(Stream stream)
    {
        try
        {
            return Read(stream);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("truncated NER model", e);
        }
    }

    private static NerTagger Read(Stream stream)
    {
        using var brotli = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var r = new BinaryReader(new BufferedStream(brotli, 1 << 16));
        if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || r.ReadInt32() != Version) throw new InvalidDataException("not a Storyline NER model (or an older version)");
        int t = r.ReadInt32();
        if (t != BioTags.Count) throw new InvalidDataException($"model has {t} tags, expected {BioTags.Count}");
        var transitions = new float[(t + 1) * t];
        for (int i = 0; i < transitions.Length; i++) transitions[i] = r.ReadSingle();
        var lexicon = new NerLexicon();
        ReadMap(r, lexicon.Phrases, r.ReadByte);
        ReadMap(r, lexicon.Words, r.ReadUInt16);
        ReadMap(r, lexicon.Casing, r.ReadByte);
        ReadMap(r, lexicon.Clusters, r.ReadUInt16);
        int count = r.ReadInt32();
        var rows = new Dictionary<ulong, int>(count);
        var weights = new float[count * t];
        ulong key = 0;
        for (int i = 0; i < count; i++)
        {
            key += (ulong)r.Read7BitEncodedInt64();
            rows[key] = i;
        }
        for (int i = 0; i < count; i++)
        {
            int mask = r.ReadUInt16();
            for (int y = 0; y < t; y++) if ((mask & (1 << y)) != 0) weights[i * t + y] = (float)r.ReadHalf();
        }
        return new NerTagger(lexicon, rows, weights, transitions);
    }

    /// <summary>Loads the model embedded in the Storyline assembly (a fresh instance; <see cref="Default"/> caches one).</summary>
    public static NerTagger LoadEmbedded()
    {
        using var stream = typeof(NerTagger).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("no NER model is embedded; train one with the bench's ner-train command");
        return Load(stream);
    }

    // Keys sorted and delta-coded (compresses better and loads in key order), then the values in the same order.
    private static void WriteMap<TValue>(BinaryWriter w, Dictionary<ulong, TValue> map, Action<TValue> writeValue)
    {
        var keys = map.Keys.ToArray();
        Array.Sort(keys);
        w.Write(keys.Length);
        ulong previous = 0;
        foreach (var k in keys)
        {
            w.Write7BitEncodedInt64((long)(k - previous));
            previous = k;
        }
        foreach (var k in keys) writeValue(map[k]);
    }

    private static void ReadMap<TValue>(BinaryReader r, Dictionary<ulong, TValue> map, Func<TValue> readValue)
    {
        int count = r.ReadInt32();
        var keys = new ulong[count];
        ulong key = 0;
        for (int i = 0; i < count; i++) keys[i] = key += (ulong)r.Read7BitEncodedInt64();
        map.EnsureCapacity(count);
        foreach (var k in keys) map[k] = readValue();
    }
}
