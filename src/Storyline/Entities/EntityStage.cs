using Storyline.Pipeline.Analysis;
using Storyline.Text;

namespace Storyline.Entities;

/// <summary>Analysis stage: named-entity recognition and resolution (people, organisations, places, with roles and every mention);
/// stored in the entity tables (<see cref="Storage.IEntityStore"/>).</summary>
public sealed class EntityStage(EntityResolverOptions? options = null) : IAnalysisStage
{
    /// <summary>The stage's stored name.</summary>
    public const string StageName = "entities";

    // Made on first use: building a pipeline (to list what is outdated, at every start of the web app) then loads no model.
    private readonly Lazy<NamedEntityRecognizer> _recognizer = new(() => new NamedEntityRecognizer());
    private readonly Lazy<EntityResolver> _resolver = new(() => new EntityResolver(options));

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
        var named = _recognizer.Value.Recognize(context.Text, analysis, cancellationToken);
        // The recogniser's spans are kept with the result: the attribution stage reads them instead of tagging the text again.
        context.Entities = _resolver.Value.Resolve(context.Text, analysis, named, EntityAnalyzer.DocumentKey(context.Document.Id), cancellationToken).WithRecognized(named);
    }
}
