using Storyline.Cleaning;
using Storyline.Decoding;
using Storyline.Documents;
using Storyline.Extraction;
using Storyline.Metadata;

namespace Storyline.Pipeline;

/// <summary>Runs the registered stages in order over one raw input.</summary>
public sealed class DocumentPipeline
{
    private readonly IReadOnlyList<IDocumentStage> _stages;
    private readonly TimeProvider _time;

    internal DocumentPipeline(IReadOnlyList<IDocumentStage> stages, TimeProvider time)
    {
        _stages = stages;
        _time = time;
    }

    /// <summary>The clock the pipeline runs on (and per-input budgets count with).</summary>
    public TimeProvider Time => _time;

    /// <summary>The stages, in the order they run.</summary>
    public IReadOnlyList<IDocumentStage> Stages => _stages;

    /// <summary>Processes one input; throws <see cref="InputRejectedException"/> for input that cannot be used.</summary>
    public ProcessedDocument Process(RawInput input, CancellationToken cancellationToken = default)
    {
        var context = new DocumentContext(input, _time);
        foreach (var stage in _stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stage.Process(context, cancellationToken);
        }
        return context.Result ?? throw new InvalidOperationException("The pipeline has no assembling stage.");
    }

    /// <summary>The standard pipeline with default options.</summary>
    public static DocumentPipeline CreateDefault(TimeProvider? time = null) => new DocumentPipelineBuilder().UseDefaults().Build(time);
}

/// <summary>Registers stages explicitly, in order, like Markdig's pipeline builder.</summary>
public sealed class DocumentPipelineBuilder
{
    /// <summary>The stages registered so far.</summary>
    public List<IDocumentStage> Stages { get; } = [];

    /// <summary>Appends a stage.</summary>
    public DocumentPipelineBuilder Use(IDocumentStage stage)
    {
        Stages.Add(stage);
        return this;
    }

    /// <summary>Registers the standard stages: decode, given title, extract (HTML) or split (text), clean, metadata, assemble.</summary>
    public DocumentPipelineBuilder UseDefaults(IngestOptions? options = null)
    {
        options ??= new IngestOptions();
        return Use(new DecodingStage(new DecodingOptions(options.MaxInputBytes)))
            .Use(new GivenTitleStage(new GivenTitleOptions()))
            .Use(new HtmlExtractionStage(new HtmlExtractionOptions()))
            .Use(new PlainTextBlockStage(new PlainTextBlockOptions()))
            .Use(new FurnitureCleaningStage(new FurnitureCleaningOptions()))
            .Use(new MetadataStage(new MetadataOptions()))
            .Use(new AssemblyStage(new AssemblyOptions(options.MinWords)));
    }

    /// <summary>Freezes the registration into a pipeline.</summary>
    public DocumentPipeline Build(TimeProvider? time = null) => new([.. Stages], time ?? TimeProvider.System);
}

/// <summary>Options that shape ingestion as a whole.</summary>
/// <param name="MaxInputBytes">Inputs larger than this are refused (default 20 MB).</param>
/// <param name="MinWords">Documents with fewer body words than this are refused as empty.</param>
public sealed record IngestOptions(long MaxInputBytes = 20_000_000, int MinWords = 1);
