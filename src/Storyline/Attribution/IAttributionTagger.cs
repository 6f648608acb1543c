namespace Storyline.Attribution;

/// <summary>A sentence-level tagger of sources, cues and contents that <see cref="TaggedAttributionExtractor"/> merges with the rules:
/// the linear <see cref="AttributionTagger"/> or the fine-tuned <see cref="Transformer.TransformerAttributionTagger"/>.</summary>
internal interface IAttributionTagger
{
    /// <summary>The attributions found in a text whose token facts are already built, sentence by sentence, in order of content start.</summary>
    IReadOnlyList<Attribution> Extract(AttributionTokens doc, CancellationToken cancellationToken);
}
