using Storyline.Documents;
using Storyline.Text;
using Storyline.Time;

namespace Storyline.Briefing;

/// <summary>A stored document with the language analysis the briefing needs: sentences, quotations, resolved time expressions and,
/// where the analysis embedded them, sentence vectors.</summary>
/// <param name="Document">The stored document.</param>
/// <param name="Analysis">Tokens, sentences and quotations of its text.</param>
/// <param name="Times">Time expressions resolved against its publication date.</param>
/// <param name="Development">The development (event) it belongs to.</param>
/// <param name="SentenceVectors">One unit vector per sentence of <paramref name="Analysis"/> (null where that sentence was not embedded), or null when none was.</param>
public sealed record AnalysedDocument(StoredDocument Document, TextAnalysis Analysis, IReadOnlyList<TimeExpression> Times, long Development,
    IReadOnlyList<float[]?>? SentenceVectors = null)
{
    /// <summary>The vector of sentence <paramref name="sentence"/>, or null when it was not embedded.</summary>
    public float[]? VectorOf(int sentence) => SentenceVectors is { } v && sentence < v.Count ? v[sentence] : null;

    /// <summary>The cleaned text.</summary>
    public string Text => Document.Content.Text;

    /// <summary>The publication date (stated or estimated), or the ingest time when the document has none.</summary>
    public DateTimeOffset SortDate => Document.Content.Metadata.Published?.Value ?? Document.IngestedAt;

    /// <summary>True from a transcript's first speaker label ("Q1:", "A:", "Xu Guixiang:") onwards: everything said in the turns is
    /// someone's statement (an answer runs on over unlabelled paragraphs), not the narrator's, so it is not stated as fact or as an event.</summary>
    public bool InTranscriptTurn(int block)
    {
        var blocks = Analysis.Blocks;
        for (int b = Math.Min(block, blocks.Count - 1); b >= 0; b--)
            if (blocks[b].SpeakerLabel is not null) return true;
        return false;
    }

    /// <summary>Analyses a stored document.</summary>
    public static AnalysedDocument Analyse(StoredDocument document, long development, ITextAnalyzer? analyzer = null, ITimeExpressionRecognizer? recognizer = null,
        CancellationToken cancellationToken = default)
    {
        var content = document.Content;
        var analysis = (analyzer ?? new TextAnalyzer()).Analyze(content.Text, content.Blocks, cancellationToken);
        var reference = TimeExpressionRecognizer.ReferenceDate(content.Metadata.Published);
        var times = (recognizer ?? new TimeExpressionRecognizer()).Recognize(content.Text, reference, cancellationToken);
        return new AnalysedDocument(document, analysis, times, development);
    }
}
