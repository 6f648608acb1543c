namespace Storyline.Attribution;

/// <summary>Versions of the attribution stage's output: bump one whenever what it finds changes, so stored statements are analysed again.</summary>
public static class AttributionVersion
{
    /// <summary>The attribution extractor's output (<see cref="AttributionExtractor"/>, its cue lexicon, the embedded <see cref="AttributionTagger"/> model, the embedded <see cref="Transformer.TransformerAttributionTagger"/> file and how <see cref="TaggedAttributionExtractor"/> merges them): bump when they find other attributions.</summary>
    public const int Extractor = 22;

    /// <summary>Speaker, role and camp resolution (<see cref="StatementExtractor"/>, the embedded camps file): bump when they resolve differently.</summary>
    public const int Statements = 3;

    /// <summary>The version stored with a document's statements; grows whenever either part is bumped.</summary>
    public const int Current = Extractor * 1000 + Statements;

    /// <summary>Added to <see cref="Current"/> when the transformer tagger runs instead of the linear one: the stored statements differ,
    /// so switching taggers analyses stored documents again (stage versions are compared for equality). Far above any likely
    /// <see cref="Current"/>, so the two never meet. A different tagger file given by path is not seen here: reprocess after changing it.</summary>
    public const int TransformerTagger = 1 << 24;

    /// <summary>The transformer tagger's own output (its embedded file and <see cref="Transformer.BioDecoding"/>): bump when it finds other
    /// attributions, so that stores analysed with it are analysed again while the linear tagger's stay as they are.
    /// 2: cues are no longer joined across a gap.</summary>
    public const int TransformerOutput = 2;

    /// <summary>The version stored with statements found with <paramref name="tagger"/>.</summary>
    public static int For(Transformer.AttributionTaggerKind tagger) =>
        tagger == Transformer.AttributionTaggerKind.Transformer ? Current + TransformerTagger * TransformerOutput : Current;
}
