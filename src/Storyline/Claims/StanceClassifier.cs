using System.IO.Compression;
using Storyline.Language.Embeddings;

namespace Storyline.Claims;

/// <summary>
/// Stance of a statement (or an article body) toward a claim (or a headline): a two-stage model trained on FNC-1 by StanceTrainer (src/Storyline.Training)
/// and embedded in this assembly. Stage one decides related or not from lexical overlap and MiniLM similarity; stage two decides asserts,
/// denies or reports from the body sentences closest to the claim; a doubt rule turns non-denials into <see cref="Stance.Questions"/>. Thread-safe.
/// </summary>
/// <remarks>Cost per pair, with sentence vectors already known: a dot product and a TF-IDF cosine per body sentence (at most
/// <see cref="StanceText.MaxSentences"/>) and two small networks: about 0.4 ms for a FNC-1 article body (stance bench, Release, shared
/// machine), less for one-sentence statements. Embedding is the expensive part (about 120 sentences per second): prepare each text once
/// with <see cref="StanceDocument"/>, from stored sentence vectors where the pipeline has them.</remarks>
public sealed class StanceClassifier
{
    private static readonly byte[] Magic = "SLSTANCE"u8.ToArray();
    private const int Version = 1;
    private const string ResourceName = "Storyline.Claims.Model.stance.bin";
    private static readonly Lazy<StanceClassifier> DefaultModel = new(LoadEmbedded);

    // Sentence-level doubt: a question, or a word that questions rather than denies. Checked on the statement's sentence closest to the claim.
    private static readonly HashSet<string> DoubtWords = new(StringComparer.Ordinal)
    {
        "doubt","doubts","doubted","doubtful","questioned","questioning","questionable","skeptical","sceptical","skeptic","sceptic","skeptics","sceptics",
        "unclear","unproven","dubious","suspicious","whether","unverified","implausible",
    };

    internal StanceClassifier(string embedderId, int dimensions, StanceIdf idf, SoftmaxNetwork relatedness, SoftmaxNetwork stance)
    {
        EmbedderId = embedderId;
        Dimensions = dimensions;
        Idf = idf;
        RelatednessNetwork = relatedness;
        StanceNetwork = stance;
    }

    /// <summary>The model embedded in the Storyline assembly, loaded on first use.</summary>
    public static StanceClassifier Default => DefaultModel.Value;

    /// <summary>True when the assembly carries a trained model (written by the bench's <c>stance-train</c> command).</summary>
    public static bool HasEmbeddedModel => typeof(StanceClassifier).Assembly.GetManifestResourceInfo(ResourceName) is not null;

    /// <summary>The sentence embedder the model was trained with: statement vectors must come from it.</summary>
    public string EmbedderId { get; }

    /// <summary>Length of the sentence vectors the model reads.</summary>
    public int Dimensions { get; }

    internal StanceIdf Idf { get; }
    internal SoftmaxNetwork RelatednessNetwork { get; }
    internal SoftmaxNetwork StanceNetwork { get; }

    /// <summary>Probability threshold on "related" (stage one).</summary>
    public float RelatedThreshold { get; init; } = 0.5f;

    /// <summary>Whether the doubt rule may turn asserts or reports into questions (off for a pure FNC-1 reading).</summary>
    public bool DetectQuestions { get; init; } = true;

    /// <summary>Whether a short statement (at most <see cref="ShortStatementSentences"/> sentences) that negates a claim term the claim does not negate (or the reverse) is a denial.</summary>
    /// <remarks>FNC-1 bodies are articles: its denials are long debunking pieces, and on one-sentence statements ("there was no forced labour") the network
    /// reads the overlap as agreement. This rule covers that gap; FNC-1 does not measure it (its bodies are longer) and tests pin it on written examples.</remarks>
    public bool DetectShortDenials { get; init; } = true;

    /// <summary>Statements of at most this many sentences get the short-denial rule.</summary>
    public const int ShortStatementSentences = 2;

    /// <summary>The same model with the doubt and short-denial rules on or off (off: the network's FNC-1 reading alone).</summary>
    public StanceClassifier WithRules(bool questions, bool shortDenials) =>
        new(EmbedderId, Dimensions, Idf, RelatednessNetwork, StanceNetwork) { RelatedThreshold = RelatedThreshold, DetectQuestions = questions, DetectShortDenials = shortDenials };

    /// <summary>Stance of <paramref name="statement"/> toward <paramref name="claim"/>; both prepared with the model's embedder.</summary>
    public StancePrediction Classify(StanceDocument claim, StanceDocument statement)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(statement);
        CheckDimensions(claim);
        CheckDimensions(statement);
        if (claim.Sentences.Count == 0 || statement.Sentences.Count == 0) return new StancePrediction(Stance.Unrelated, 0, 0, 0, 0);
        var relatedness = StanceFeatures.Relatedness(claim, statement, Idf);
        float related = RelatednessNetwork.Predict(new NetworkInput(relatedness, []))[1];
        var p = StanceNetwork.Predict(StanceFeatures.Stance(claim, statement, Idf, relatedness));
        var stance = related < RelatedThreshold ? Stance.Unrelated
            : p[1] > p[0] && p[1] >= p[2] ? Stance.Denies
            : p[0] >= p[2] ? Stance.Asserts
            : Stance.Reports;
        if (DetectShortDenials && stance is Stance.Asserts or Stance.Reports && statement.Sentences.Count <= ShortStatementSentences && NegatesOtherwise(claim, statement))
            stance = Stance.Denies;
        if (DetectQuestions && stance is Stance.Asserts or Stance.Reports && Doubts(claim, statement)) stance = Stance.Questions;
        return new StancePrediction(stance, related, p[0], p[1], p[2]);
    }

    /// <summary>Stance of <paramref name="statement"/> toward <paramref name="claim"/>, embedding both with <paramref name="embedder"/> (the default MiniLM model when null).</summary>
    public StancePrediction Classify(string claim, string statement, ISentenceEmbedder? embedder = null, CancellationToken cancellationToken = default)
    {
        embedder ??= MiniLmEmbedder.Default;
        return Classify(StanceDocument.FromText(claim, embedder, asOneSentence: true, cancellationToken), StanceDocument.FromText(statement, embedder, false, cancellationToken));
    }

    private bool NegatesOtherwise(StanceDocument claim, StanceDocument statement)
    {
        var claimStems = claim.Stems.SelectMany(x => x).ToHashSet(StringComparer.Ordinal);
        bool claimNegated = claim.Words.Any(w => StanceFeatures.NegationsNear(w, claimStems, refuting: false) > 0);
        bool statementNegated = statement.Words.Any(w => StanceFeatures.NegatesClaimTerm(w, claimStems));
        return claimNegated != statementNegated;
    }

    private bool Doubts(StanceDocument claim, StanceDocument statement)
    {
        var closest = statement.Sentences.Count == 1 ? 0 : StanceFeatures.Closest(claim, statement, Idf, 1)[0];
        var sentence = statement.Sentences[closest].TrimEnd('"', '\'', '”', '’', ')', ' ');
        return sentence.EndsWith('?') || statement.Words[closest].Any(DoubtWords.Contains);
    }

    private void CheckDimensions(StanceDocument doc)
    {
        if (doc.Sentences.Count > 0 && doc.Centroid.Length != Dimensions)
            throw new ArgumentException($"the stance model reads {Dimensions}-dimensional vectors from {EmbedderId}; this text has {doc.Centroid.Length}");
    }

    /// <summary>Writes the model, Brotli-compressed, to <paramref name="stream"/> (left open).</summary>
    public void Save(Stream stream)
    {
        using var brotli = new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(brotli);
        w.Write(Magic);
        w.Write(Version);
        w.Write(EmbedderId);
        w.Write(Dimensions);
        Idf.Write(w);
        RelatednessNetwork.Write(w);
        StanceNetwork.Write(w);
    }

    /// <summary>Reads a model written by <see cref="Save"/>; a truncated, foreign or damaged file throws <see cref="InvalidDataException"/> with one line saying so.</summary>
    public static StanceClassifier Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var brotli = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var r = new BinaryReader(brotli);
            var magic = r.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic) || r.ReadInt32() != Version) throw new InvalidDataException("not a Storyline stance model (or an older version)");
            var embedder = r.ReadString();
            int dims = r.ReadInt32();
            if (dims <= 0 || dims > 8192) throw new InvalidDataException("stance model has an impossible vector length");
            var idf = StanceIdf.Read(r);
            var relatedness = SoftmaxNetwork.Read(r);
            var stance = SoftmaxNetwork.Read(r);
            if (relatedness.DenseCount != StanceFeatures.RelatednessCount || relatedness.Classes != 2
                || stance.DenseCount != StanceFeatures.StanceDenseCount(dims) || stance.Classes != 3 || stance.Buckets != StanceFeatures.Buckets)
                throw new InvalidDataException("stance model does not match this version's features");
            return new StanceClassifier(embedder, dims, idf, relatedness, stance);
        }
        catch (Exception e) when (e is IOException or FormatException or OverflowException)
        {
            throw new InvalidDataException("stance model is truncated or damaged", e);
        }
    }

    /// <summary>Loads the model embedded in the Storyline assembly (a fresh instance; <see cref="Default"/> caches one).</summary>
    public static StanceClassifier LoadEmbedded()
    {
        using var stream = typeof(StanceClassifier).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("no stance model is embedded (Claims/Model/stance.bin); train one with the bench's stance-train command");
        return Load(stream);
    }
}
