using System.IO.Compression;
using System.Runtime.InteropServices;
using Storyline.Learning;

namespace Storyline.Entities;

/// <summary>
/// Named-entity tagger (PER, ORG, LOC, MISC) for tokenised sentences: an averaged structured perceptron over hashed token features with
/// Viterbi decoding of IOB2 tags, then (when the model has one) a second pass over the whole document that adds weights for how the first
/// pass tagged the same words elsewhere in it (<see cref="NerDocumentFeatures"/>). Trained by NerTrainer (src/Storyline.Training); the
/// default model is embedded in this assembly. Thread-safe.
/// </summary>
public sealed class NerTagger
{
    private static readonly byte[] Magic = "SLNER"u8.ToArray();
    private const int Version = 2;
    private const string ResourceName = "Storyline.Entities.Model.ner.bin";
    private static readonly Lazy<NerTagger> DefaultModel = new(LoadEmbedded);

    private readonly LinearSequenceModel _model;
    private readonly LinearSequenceModel? _document;
    private readonly float _firstPassScale;
    // The lexicon frozen when the tagger is made (its lexicon is complete by then), for the lookups of every token.
    private readonly NerLexiconTables _tables;

    internal NerTagger(NerLexicon lexicon, LinearSequenceModel model, LinearSequenceModel? document = null, float firstPassScale = 1)
    {
        Lexicon = lexicon;
        _tables = lexicon.Freeze();
        _model = model;
        _document = document;
        _firstPassScale = firstPassScale;
    }

    /// <summary>The model embedded in the Storyline assembly, loaded on first use.</summary>
    public static NerTagger Default => DefaultModel.Value;

    /// <summary>True when the assembly carries a trained model (it is produced by the bench's <c>ner-train</c> command).</summary>
    public static bool HasEmbeddedModel => typeof(NerTagger).Assembly.GetManifestResourceInfo(ResourceName) is not null;

    /// <summary>Number of weighted features in the model (both passes).</summary>
    public int FeatureCount => _model.FeatureCount + (_document?.FeatureCount ?? 0);

    internal LinearSequenceModel SentenceModel => _model;

    internal NerLexicon Lexicon { get; }

    /// <summary>The entities in a sentence's tokens, in order; spans never overlap. The sentence is taken as a document of its own.</summary>
    public IReadOnlyList<EntitySpan> Tag(IReadOnlyList<string> tokens, CancellationToken cancellationToken = default) =>
        BioTags.ToSpans(Predict(tokens, cancellationToken));

    /// <summary>The entities of each sentence of one document, in order; the document pass lets a name's other mentions inform each one.</summary>
    public IReadOnlyList<IReadOnlyList<EntitySpan>> TagDocument(IReadOnlyList<IReadOnlyList<string>> sentences, CancellationToken cancellationToken = default) =>
        [.. PredictDocument(sentences, cancellationToken).Select(tags => BioTags.ToSpans(tags))];

    /// <summary>One IOB2 tag per token (O, B-PER, I-PER, …).</summary>
    public IReadOnlyList<string> TagBio(IReadOnlyList<string> tokens, CancellationToken cancellationToken = default) =>
        [.. Predict(tokens, cancellationToken).Select(t => BioTags.Names[t])];

    /// <summary>One IOB2 tag per token of each sentence of one document.</summary>
    public IReadOnlyList<IReadOnlyList<string>> TagDocumentBio(IReadOnlyList<IReadOnlyList<string>> sentences, CancellationToken cancellationToken = default) =>
        [.. PredictDocument(sentences, cancellationToken).Select(tags => (IReadOnlyList<string>)[.. tags.Select(t => BioTags.Names[t])])];

    internal int[] Predict(IReadOnlyList<string> tokens, CancellationToken cancellationToken) => PredictDocument([tokens], cancellationToken)[0];

    internal int[][] PredictDocument(IReadOnlyList<IReadOnlyList<string>> sentences, CancellationToken cancellationToken)
    {
        int t = BioTags.Count;
        var emissions = new float[sentences.Count][];
        var tags = new int[sentences.Count][];
        var features = new List<ulong>();
        for (int s = 0; s < sentences.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = sentences[s].Count;
            features.Clear();
            var offsets = new int[n + 1];
            NerFeatures.Extract(sentences[s], _tables, features, offsets);
            emissions[s] = new float[n * t];
            _model.AddEmissions(CollectionsMarshal.AsSpan(features), offsets, n, emissions[s], cancellationToken);
            tags[s] = _model.Decode(emissions[s], n);
        }
        if (_document is null) return tags;
        var documentFeatures = new List<ulong>[sentences.Count];
        var documentOffsets = new int[sentences.Count][];
        for (int s = 0; s < sentences.Count; s++)
        {
            documentFeatures[s] = [];
            documentOffsets[s] = new int[sentences[s].Count + 1];
        }
        NerDocumentFeatures.Extract(sentences, tags, emissions, documentFeatures, documentOffsets);
        for (int s = 0; s < sentences.Count; s++)
        {
            // Only sentences with document evidence can change; the rest keep their first-pass tags.
            if (documentFeatures[s].Count == 0) continue;
            int n = sentences[s].Count;
            // The document pass was trained on first-pass scores shrunk by this factor (so that its few features can outweigh them).
            foreach (ref var e in emissions[s].AsSpan()) e *= _firstPassScale;
            _document.AddEmissions(CollectionsMarshal.AsSpan(documentFeatures[s]), documentOffsets[s], n, emissions[s], cancellationToken);
            tags[s] = _document.Decode(emissions[s], n);
        }
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
        _model.WriteTransitions(w);
        WriteMap(w, Lexicon.Phrases, v => w.Write(v));
        WriteMap(w, Lexicon.Words, v => w.Write(v));
        WriteMap(w, Lexicon.Casing, v => w.Write(v));
        WriteMap(w, Lexicon.Clusters, v => w.Write(v));
        _model.WriteRows(w);
        w.Write(_document is not null);
        if (_document is null) return;
        w.Write(_firstPassScale);
        _document.WriteTransitions(w);
        _document.WriteRows(w);
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
        var model = LinearSequenceModel.ReadRows(r, t, transitions);
        if (!r.ReadBoolean()) return new NerTagger(lexicon, model);
        float scale = r.ReadSingle();
        var documentTransitions = LinearSequenceModel.ReadTransitions(r, t);
        return new NerTagger(lexicon, model, LinearSequenceModel.ReadRows(r, t, documentTransitions), scale);
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
