using Storyline.Pipeline.Analysis;

namespace Storyline.Time;

/// <summary>Analysis stage: time expressions of the stored text, resolved against its publication date.</summary>
public sealed class TimeExpressionStage(TimeRecognizerOptions? options = null) : IEncodedAnalysisStage
{
    /// <summary>The stage's stored name.</summary>
    public const string StageName = "times";

    private readonly TimeExpressionRecognizer _recognizer = new(options);

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
        context.Times = _recognizer.Recognize(context.Document.Content, cancellationToken);
    }

    /// <inheritdoc />
    public byte[] Encode(AnalysisContext context) => AnalysisCodec.EncodeTimes(context.Times ?? throw new InvalidOperationException("the time stage has not run"));

    /// <inheritdoc />
    public void Decode(AnalysisContext context, byte[] data) => context.Times = AnalysisCodec.DecodeTimes(data, context.Text.Length);
}
