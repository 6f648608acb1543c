using Storyline.Pipeline.Analysis;

namespace Storyline.Text;

/// <summary>Analysis stage: tokens, sentences, quotations and transcript speaker labels of the stored text.</summary>
public sealed class TextAnalysisStage(TextAnalyzerOptions? options = null, int maxChars = TextAnalysisStage.DefaultMaxChars) : IEncodedAnalysisStage
{
    /// <summary>Analysis reads at most this many characters of a document (about 10,000 words, longer than news articles run): the stages
    /// after it (entities, statements) cost more than linear time in a run of text, and a pasted book must not take minutes.</summary>
    public const int DefaultMaxChars = 64_000;

    /// <summary>The stage's stored name.</summary>
    public const string StageName = "text";

    private readonly TextAnalyzer _analyzer = new(options);

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public int Version => 1; // the cut above changes nothing for documents under it, so stored analyses stay valid

    /// <inheritdoc />
    public IReadOnlyList<string> Inputs => [];

    /// <inheritdoc />
    public void Analyze(AnalysisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var blocks = context.Document.Content.Blocks;
        if (context.Text.Length > maxChars)
            blocks = [.. blocks.Where(b => b.Span.Start < maxChars).Select(b => b.Span.End <= maxChars ? b : b with { Span = Documents.TextSpan.FromBounds(b.Span.Start, maxChars) })];
        context.TextAnalysis = _analyzer.Analyze(context.Text, blocks, cancellationToken);
    }

    /// <inheritdoc />
    public byte[] Encode(AnalysisContext context) => AnalysisCodec.EncodeText(context.RequireText());

    /// <inheritdoc />
    public void Decode(AnalysisContext context, byte[] data) => context.TextAnalysis = AnalysisCodec.DecodeText(data, context.Text.Length);
}
