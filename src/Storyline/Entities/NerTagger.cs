using System.IO.Compression;
using System.Runtime.InteropServices;
using Storyline.Learning;

namespace Storyline.Entities;

/// <summary>
/// Named-entity tagger (PER, ORG, LOC, MISC) for one tokenised sentence: an averaged structured perceptron over hashed token features with
/// Viterbi decoding of IOB2 tags. Trained by NerTrainer (src/Storyline.Training); the default model is embedded in this assembly. Thread-safe.
/// </summary>
public sealed class NerTagger
{
    private static readonly byte[] Magic = "SLNER"u8.ToArray();
    private const int Version = 1;
    private const string ResourceName = "Storyline.Entities.Model.ner.bin";
    private static readonly Lazy<NerTagger> DefaultModel = new(LoadEmbedded);

    private readonly LinearSequenceModel _model;

    internal NerTagger(NerLexicon lexicon, LinearSequenceModel model)
    {
        Lexicon = lexicon;
        _model = model;
    }

    /// <summary>The model embedded in the Storyline assembly, loaded on first use.</summary>
    public static NerTagger Default => DefaultModel.Value;

    /// <summary>True when the assembly carries a trained model (it is produced by the bench's <c>ner-train</c> command).</summary>
    public static bool HasEmbeddedModel => typeof(NerTagger).Assembly.GetManifestResourceInfo(ResourceName) is not null;

    /// <summary>Number of weighted features in the model.</summary>
    public int FeatureCount => _model.FeatureCount;

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
        int n = tokens.Count;
        if (n == 0) return [];
        var features = new List<ulong>(n * 72);
        var offsets = new int[n + 1];
        NerFeatures.Extract(tokens, Lexicon, features, offsets);
        return _model.Predict(CollectionsMarshal.AsSpan(features), offsets, n, cancellationToken);
    }

    /// <summary>Writes the model, Brotli-compressed, to <paramref name="stream"/> (left open).</summary>
    public void Save(Stream stream)
    {
        using var brotli = new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(brotli);
        w.Write(Magic);
        w.Write(Version);
        w.Write(BioTags.Count);
        _model.WriteTransitions(w);
        WriteMap(w, Lexicon.Phrases, v => w.Write(v));
        WriteMap(w, Lexicon.Words, v => w.Write(v));
        WriteMap(w, Lexicon.Casing, v => w.Write(v));
        WriteMap(w, Lexicon.Clusters, v => w.Write(v));
        _model.WriteRows(w);
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
        var transitions = LinearSequenceModel.ReadTransitions(r, t);
        var lexicon = new NerLexicon();
        ReadMap(r, lexicon.Phrases, r.ReadByte);
        ReadMap(r, lexicon.Words, r.ReadUInt16);
        ReadMap(r, lexicon.Casing, r.ReadByte);
        ReadMap(r, lexicon.Clusters, r.ReadUInt16);
        return new NerTagger(lexicon, LinearSequenceModel.ReadRows(r, t, transitions));
    }

    /// <summary>Loads the model embedded in the Storyline assembly (a fresh instance; <see cref="Default"/> caches one).</summary>
    public static NerTagger LoadEmbedded()
    {
        using var stream = typeof(NerTagger).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("no NER model is embedded; train one with the bench's ner-train command");
        return Load(stream);
    }

    private static void WriteMap<TValue>(BinaryWriter w, Dictionary<ulong, TValue> map, Action<TValue> writeValue) => LinearSequenceModel.WriteMap(w, map, writeValue);

    private static void ReadMap<TValue>(BinaryReader r, Dictionary<ulong, TValue> map, Func<TValue> readValue) => LinearSequenceModel.ReadMap(r, map, readValue);
}
