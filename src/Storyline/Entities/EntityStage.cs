using Storyline.Pipeline.Analysis;
using Storyline.Text;

namespace Storyline.Entities;

/// <summary>Analysis stage: named-entity recognition and resolution (people, organisations, places, with roles and every mention);
/// stored in the entity tables (<see cref="Storage.IEntityStore"/>).</summary>
public sealed class EntityStage(EntityResolverOptions? options = null) : IAnalysisStage
{
    /// <summary>The stage's stored name.</summary>
    public const string StageName = "entities";

    private readonly NamedEntityRecognizer _recognizer = new();
    private readonly EntityResolver _resolver = new(options);

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public int Version => EntityResolver.Version;

    /// <inheritdoc />
    public IReadOnlyList<string> Inputs => [TextAnalysisStage.StageName];

    /// <inheritdoc />
    public void Analyze(AnalysisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var analysis = context.RequireText();
        var named = _recognizer.Recognize(context.Text, analysis, cancellationToken);
        // The recogniser's spans are kept with the result: the attribution stage reads them instead of tagging the text again.
        context.Entities = _resolver.Resolve(context.Text, analysis, named, EntityAnalyzer.DocumentKey(context.Document.Id), cancellationToken).WithRecognized(named);
    }
}
