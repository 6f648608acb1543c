using Storyline.Attribution.Transformer;
using Storyline.Entities;
using Storyline.Pipeline.Analysis;
using Storyline.Text;

namespace Storyline.Attribution;

/// <summary>Options for <see cref="StatementStage"/>.</summary>
/// <param name="Entities">Entity resolution options the speaker resolution shares.</param>
/// <param name="Tagger">The tagger merged with the attribution rules (the linear one by default).</param>
/// <param name="Transformer">How the transformer tagger loads and runs, when <paramref name="Tagger"/> chooses it.</param>
public sealed record StatementStageOptions(EntityResolverOptions? Entities = null, AttributionTaggerKind Tagger = AttributionTaggerKind.Linear,
    TransformerTaggerOptions? Transformer = null);

/// <summary>Analysis stage: who said what, each statement's speaker resolved with role and camp (the default camps file; another one
/// re-classifies stored statements at read time); stored in the statement tables (<see cref="Storage.IStatementStore"/>).</summary>
public sealed class StatementStage(StatementStageOptions? options = null) : IAnalysisStage
{
    /// <summary>The stage's stored name.</summary>
    public const string StageName = "statements";

    // Made on first use: building a pipeline (to list what is outdated, at every start of the web app) then loads no model.
    private readonly Lazy<StatementExtractor> _extractor = new(() => new StatementExtractor(CampClassifier.Default, options?.Entities,
        TaggedAttributionExtractor.Create(options?.Tagger ?? AttributionTaggerKind.Linear, options?.Transformer)));

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    // The tagger changes the statements found, hence the version (see AttributionVersion.TransformerTagger).
    public int Version => AttributionVersion.For(options?.Tagger ?? AttributionTaggerKind.Linear);

    /// <inheritdoc />
    public IReadOnlyList<string> Inputs => [TextAnalysisStage.StageName, EntityStage.StageName];

    /// <inheritdoc />
    public void Analyze(AnalysisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var entities = context.Entities ?? throw new InvalidOperationException("the entity stage has not run");
        context.Statements = _extractor.Value.Extract(context.Document, context.RequireText(), entities, cancellationToken);
    }
}
