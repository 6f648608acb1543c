namespace Storyline.Attribution;

/// <summary>Versions of the attribution stage's output: bump one whenever what it finds changes, so stored statements are analysed again.</summary>
public static class AttributionVersion
{
    /// <summary>The attribution extractor's output (<see cref="AttributionExtractor"/>, its cue lexicon, the embedded <see cref="AttributionTagger"/> model and how <see cref="TaggedAttributionExtractor"/> merges them): bump when they find other attributions.</summary>
    public const int Extractor = 21;

    /// <summary>Speaker, role and camp resolution (<see cref="StatementExtractor"/>, the embedded camps file): bump when they resolve differently.</summary>
    public const int Statements = 3;

    /// <summary>The version stored with a document's statements; grows whenever either part is bumped.</summary>
    public const int Current = Extractor * 1000 + Statements;
}
