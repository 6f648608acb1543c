using Storyline.Pipeline.Analysis;

namespace Storyline.Text;

/// <summary>Analysis stage: tokens, sentences, quotations and transcript speaker labels of the stored text.</summary>
public sealed class TextAnalysisStage(TextAnalyzerOptions? options = null) : IEncodedAnalysisStage
{
    /// <summary>The stage's stored name.</summary>
    public const string StageName = "text";

    private readonly TextAnalyzer _analyzer = new(options);

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public int Version => 1;

    /// <inheritdoc />
    public IReadOnlyList<string> Inputs => [];

    /// <inheritdoc />
    public void Analyze(AnalysisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.TextAnalysis = _analyzer.Analyze(context.Text, context.Document.Content.Blocks, cancellationToken);
    }

    /// <inheritdoc />
    public byte[] Encode(AnalysisContext context) => AnalysisCodec.EncodeText(context.RequireText());

    /// <inheritdoc />
    public void Decode(AnalysisContext context, byte[] data) => context.TextAnalysis = AnalysisCodec.DecodeText(data, context.Text.Length);
}
