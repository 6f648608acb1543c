using Storyline.Attribution;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Text;
using Storyline.Time;

namespace Storyline.Pipeline.Analysis;

/// <summary>One CPU-bound analysis step over a stored document (text analysis, time expressions, entities, statements, vectors), versioned:
/// its result is stored with <see cref="Version"/>, and a stored result of another version is computed again.</summary>
public interface IAnalysisStage
{
    /// <summary>The stage's stored name (never change it for a shipped stage).</summary>
    string Name { get; }

    /// <summary>Bumped whenever the stage's output for the same input changes.</summary>
    int Version { get; }

    /// <summary>Names of the stages whose results this one reads: when one of them runs again, so does this one.</summary>
    IReadOnlyList<string> Inputs { get; }

    /// <summary>Reads the inputs from <paramref name="context"/> and sets this stage's result on it.</summary>
    void Analyze(AnalysisContext context, CancellationToken cancellationToken);
}

/// <summary>A stage whose result is stored as bytes of its own encoding (in <see cref="Storage.IAnalysisStore"/>).</summary>
public interface IEncodedAnalysisStage : IAnalysisStage
{
    /// <summary>Encodes this stage's result from <paramref name="context"/>.</summary>
    byte[] Encode(AnalysisContext context);

    /// <summary>Restores this stage's result onto <paramref name="context"/> from bytes <see cref="Encode"/> wrote; throws <see cref="InvalidDataException"/> on bytes it cannot read.</summary>
    void Decode(AnalysisContext context, byte[] data);
}

/// <summary>A stage that can start from its stored result of an earlier run when only some of its inputs changed, redoing only what
/// they changed (the vector stage embeds only sentences it has no vector for after a new attribution model).</summary>
public interface IResumableAnalysisStage : IEncodedAnalysisStage
{
    /// <summary>Inputs whose re-run leaves the stored result no starting point (the text stage, for a result per sentence).</summary>
    IReadOnlyList<string> RestartsOn { get; }

    /// <summary>Takes a stored result of <paramref name="version"/> as the starting point of the next <see cref="IAnalysisStage.Analyze"/>,
    /// when a result of that version can serve (else leaves the context alone). Throws <see cref="InvalidDataException"/> on bytes it cannot read.</summary>
    void Resume(AnalysisContext context, int version, byte[] data);
}

/// <summary>What the analysis stages of one document read and produce.</summary>
public sealed class AnalysisContext(StoredDocument document)
{
    /// <summary>The stored document.</summary>
    public StoredDocument Document { get; } = document;

    /// <summary>Its cleaned text.</summary>
    public string Text => Document.Content.Text;

    /// <summary>Tokens, sentences, quotations and blocks.</summary>
    public TextAnalysis? TextAnalysis { get; set; }

    /// <summary>Time expressions resolved against the publication date.</summary>
    public IReadOnlyList<TimeExpression>? Times { get; set; }

    /// <summary>Resolved entities and mentions.</summary>
    public DocumentEntities? Entities { get; set; }

    /// <summary>Who said what (questions included, flagged).</summary>
    public IReadOnlyList<AttributedStatement>? Statements { get; set; }

    /// <summary>One unit vector per sentence (null where not embedded).</summary>
    public IReadOnlyList<float[]?>? SentenceVectors { get; set; }

    /// <summary>Vectors an earlier run stored for the same sentences (see <see cref="IResumableAnalysisStage"/>), which the vector stage
    /// takes instead of embedding those sentences again; null when there are none.</summary>
    public StoredVectors? EarlierSentenceVectors { get; set; }

    /// <summary>The text analysis, which most stages need; throws when the text stage has not run.</summary>
    public TextAnalysis RequireText() => TextAnalysis ?? throw new InvalidOperationException("the text analysis stage has not run");
}
