using Storyline.Attribution.Rules;
using Storyline.Entities;
using Storyline.Text;

namespace Storyline.Attribution;

/// <summary>Rule-based attribution finder: direct, indirect and mixed reported speech around reporting cues, quotes continued over
/// paragraphs, and transcripts (questions, moderator hand-overs, answers), with nested attributions inside contents. The work is done by
/// the steps in Attribution/Rules, run in the order <see cref="Steps"/> lists them.</summary>
public sealed class AttributionExtractor(AttributionOptions? options = null) : IAttributionExtractor
{
    private readonly AttributionOptions _options = options ?? AttributionOptions.Default;
    private readonly HashSet<string> _verbs = options?.ExtraCues is { Count: > 0 } extra
        ? new HashSet<string>(CueLexicon.AllVerbs.Concat(extra), StringComparer.OrdinalIgnoreCase)
        : CueLexicon.AllVerbs;

    /// <inheritdoc />
    public IReadOnlyList<Attribution> Extract(string text, TextAnalysis analysis, IReadOnlyList<NamedEntity> entities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(analysis);
        return Extract(new AttributionTokens(text, analysis, entities ?? []), entities ?? [], cancellationToken);
    }

    /// <summary>The steps, in the order they run: transcripts and headlines first, then quotes signed after a dash, cue-anchored
    /// sentences, quoted paragraphs that continue a speaker, and (with <see cref="AttributionOptions.IncludeNested"/>) nested attributions.</summary>
    internal static readonly IAttributionStep[] Steps =
    [
        new TranscriptStep(),
        new HeadlineStep(),
        new SignedQuoteStep(),
        new CueSentenceStep(),
        new ContinuationStep(),
        new NestedStep(),
    ];

    /// <summary>As <see cref="Extract(string, TextAnalysis, IReadOnlyList{NamedEntity}, CancellationToken)"/>, over token facts already
    /// built (the tagger reads the same ones).</summary>
    internal IReadOnlyList<Attribution> Extract(AttributionTokens tokens, IReadOnlyList<NamedEntity> entities, CancellationToken cancellationToken)
    {
        var doc = new AttributionWork(tokens, entities, _options, _verbs);
        foreach (var step in Steps) step.Run(doc, cancellationToken);
        return doc.Results();
    }
}
