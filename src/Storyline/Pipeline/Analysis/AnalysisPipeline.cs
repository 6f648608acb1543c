using Storyline.Attribution;
using Storyline.Entities;
using Storyline.Language.Embeddings;
using Storyline.Text;
using Storyline.Time;

namespace Storyline.Pipeline.Analysis;

/// <summary>The analysis stages, in the order they run; runs those a document needs.</summary>
public sealed class AnalysisPipeline
{
    internal AnalysisPipeline(IReadOnlyList<IAnalysisStage> stages)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            if (!seen.Add(stage.Name)) throw new ArgumentException($"two analysis stages are named '{stage.Name}'", nameof(stages));
            if (stage.Inputs.FirstOrDefault(i => !seen.Contains(i)) is { } missing)
                throw new ArgumentException($"analysis stage '{stage.Name}' reads '{missing}', which is not registered before it", nameof(stages));
        }
        Stages = stages;
    }

    /// <summary>The stages, in the order they run.</summary>
    public IReadOnlyList<IAnalysisStage> Stages { get; }

    /// <summary>The stage called <paramref name="name"/>, or null.</summary>
    public IAnalysisStage? Find(string name) => Stages.FirstOrDefault(s => s.Name == name);

    /// <summary>The stages that must run when <paramref name="outdated"/> are missing or outdated: those and every stage reading their results, in order.</summary>
    public IReadOnlyList<IAnalysisStage> Closure(IReadOnlySet<string> outdated)
    {
        var run = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in Stages)
            if (outdated.Contains(stage.Name) || stage.Inputs.Any(run.Contains)) run.Add(stage.Name);
        return [.. Stages.Where(s => run.Contains(s.Name))];
    }

    /// <summary>Runs <paramref name="stages"/> (a subset of this pipeline's, in its order) over <paramref name="context"/>; their inputs must be set.</summary>
    public static void Run(IReadOnlyList<IAnalysisStage> stages, AnalysisContext context, CancellationToken cancellationToken = default)
    {
        foreach (var stage in stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stage.Analyze(context, cancellationToken);
        }
    }

    /// <summary>The standard analysis with default options (the attribution tagger the environment chooses, see <see cref="AnalysisOptions.FromEnvironment"/>).</summary>
    public static AnalysisPipeline CreateDefault() => new AnalysisPipelineBuilder().UseDefaults().Build();
}

/// <summary>Registers analysis stages explicitly, in order, as <see cref="DocumentPipelineBuilder"/> does for cleaning.</summary>
public sealed class AnalysisPipelineBuilder
{
    /// <summary>The stages registered so far.</summary>
    public List<IAnalysisStage> Stages { get; } = [];

    /// <summary>Appends a stage.</summary>
    public AnalysisPipelineBuilder Use(IAnalysisStage stage)
    {
        Stages.Add(stage);
        return this;
    }

    /// <summary>Registers the standard stages: text analysis, time expressions, entities, statements, sentence vectors (options null: <see cref="AnalysisOptions.FromEnvironment"/>).</summary>
    public AnalysisPipelineBuilder UseDefaults(AnalysisOptions? options = null)
    {
        options ??= AnalysisOptions.FromEnvironment();
        Use(new TextAnalysisStage(options.Text))
            .Use(new TimeExpressionStage(options.Time))
            .Use(new EntityStage(options.Entities))
            .Use(new StatementStage(options.Statements));
        if (options.Embeddings.Enabled) Use(new SentenceEmbeddingStage(options.Embeddings));
        return this;
    }

    /// <summary>Freezes the registration into a pipeline.</summary>
    public AnalysisPipeline Build() => new([.. Stages]);
}

/// <summary>Options of the standard analysis stages.</summary>
/// <param name="Text">Tokenising and sentence splitting.</param>
/// <param name="Time">Time expression recognition.</param>
/// <param name="Entities">Entity resolution (alias file).</param>
/// <param name="Statements">Attribution.</param>
/// <param name="Embeddings">Sentence vectors (off: no vectors stored; selection falls back to word overlap).</param>
public sealed record AnalysisOptions(
    TextAnalyzerOptions? Text = null,
    TimeRecognizerOptions? Time = null,
    EntityResolverOptions? Entities = null,
    StatementStageOptions? Statements = null,
    SentenceEmbeddingOptions? EmbeddingOptions = null)
{
    /// <summary>Sentence vector options (the defaults when none were given).</summary>
    public SentenceEmbeddingOptions Embeddings => EmbeddingOptions ?? SentenceEmbeddingOptions.Default;

    /// <summary>Names the attribution tagger: <c>linear</c> (the default) or <c>transformer</c> (<see cref="Attribution.Transformer.TransformerAttributionTagger"/>:
    /// better attributions, about 40 CPU-ms more per news article).</summary>
    public const string TaggerVariable = "STORYLINE_ATTRIBUTION_TAGGER";

    /// <summary>A transformer tagger file to use instead of the embedded one.</summary>
    public const string TaggerFileVariable = "STORYLINE_ATTRIBUTION_TAGGER_FILE";

    /// <summary>The defaults, with the attribution tagger the environment chooses (<see cref="TaggerVariable"/>, <see cref="TaggerFileVariable"/>).
    /// Every host (CLI, workers, web) starts from these, so that all of them agree on the statements stage's version: a store analysed
    /// with one tagger is not seen as outdated, or analysed again, by a process that runs the other.</summary>
    /// <exception cref="ArgumentException">The variable names no tagger (the message says which values it takes).</exception>
    public static AnalysisOptions FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var tagger = read(TaggerVariable)?.Trim().ToLowerInvariant() switch
        {
            null or "" or "linear" => Attribution.Transformer.AttributionTaggerKind.Linear,
            "transformer" => Attribution.Transformer.AttributionTaggerKind.Transformer,
            var other => throw new ArgumentException($"{TaggerVariable}: expected linear or transformer, not '{other}'"),
        };
        if (tagger == Attribution.Transformer.AttributionTaggerKind.Linear) return new AnalysisOptions();
        var file = read(TaggerFileVariable) is { Length: > 0 } path ? path : null;
        return new AnalysisOptions(Statements: new StatementStageOptions(Tagger: tagger,
            Transformer: Attribution.Transformer.TransformerTaggerOptions.Default with { ModelPath = file }));
    }
}
