using Storyline.Documents;
using Storyline.Entities;
using Storyline.Text;

namespace Storyline.Attribution;

/// <summary>How the content is reported.</summary>
public enum AttributionKind
{
    /// <summary>Verbatim: the whole content is a quotation.</summary>
    Direct,
    /// <summary>Paraphrase: reported speech with no quotation marks.</summary>
    Indirect,
    /// <summary>Paraphrase carrying quoted fragments ("said the report was “pure farce”").</summary>
    Mixed,
}

/// <summary>What was said: the covering span and its parts (several when a quote is split around its cue or runs over paragraphs).</summary>
/// <param name="Span">From the first part's start to the last part's end.</param>
/// <param name="Parts">The content's pieces in text order; one piece for a continuous content.</param>
public sealed record AttributionContent(TextSpan Span, IReadOnlyList<TextSpan> Parts)
{
    /// <summary>A continuous content.</summary>
    public static AttributionContent Of(TextSpan span) => new(span, [span]);

    /// <summary>A content made of <paramref name="parts"/> (any order, non-empty).</summary>
    public static AttributionContent Of(IEnumerable<TextSpan> parts)
    {
        var ordered = parts.Where(p => p.Length > 0).OrderBy(p => p.Start).ToList();
        if (ordered.Count == 0) throw new ArgumentException("A content needs at least one non-empty part.", nameof(parts));
        return new AttributionContent(TextSpan.FromBounds(ordered[0].Start, ordered.Max(p => p.End)), ordered);
    }
}

/// <summary>One attributed statement: who (source mention), how (cue) and what (content).</summary>
/// <param name="Content">What was said or reported.</param>
/// <param name="Cue">The reporting word or structure ("said", "according to", "told", a transcript label's colon), or null.</param>
/// <param name="Source">The mention of who said it ("Shi Yinhong, an international relations professor at Renmin University", "he", "the statement"), or null when unknown.</param>
/// <param name="Kind">Direct, indirect or mixed.</param>
/// <param name="IsQuestion">True for a transcript question ("Q2: …"): asked, not claimed.</param>
/// <param name="Parent">Index (in the same result list) of the attribution whose content holds this one ("X said that Y announced that …": Y's is nested in X's), or null.</param>
/// <param name="SpeakerLabel">For transcripts, the speaker label ("A:", "Q1:", "Xu Guixiang:") of the block the statement belongs to, or null.</param>
/// <param name="SourceFromHandover">True when the source is the name a moderator handed the question to ("This question goes to Mehmut Usman.").</param>
public sealed record Attribution(
    AttributionContent Content,
    TextSpan? Cue,
    TextSpan? Source,
    AttributionKind Kind,
    bool IsQuestion = false,
    int? Parent = null,
    TextSpan? SpeakerLabel = null,
    bool SourceFromHandover = false);

/// <summary>Options for <see cref="AttributionExtractor"/>.</summary>
/// <param name="ExtraCues">Further reporting verbs (any inflected form, lower case) to treat as cues.</param>
/// <param name="MaxSourceTokens">Most tokens a source mention may have before its appositive.</param>
/// <param name="ContinuationBlocks">How many blocks after the last attribution a bare quoted paragraph is still given to its speaker.</param>
/// <param name="IncludeNested">Also report attributions nested inside another one's content.</param>
public sealed record AttributionOptions(
    IReadOnlyCollection<string>? ExtraCues = null,
    int MaxSourceTokens = 12,
    int ContinuationBlocks = 2,
    bool IncludeNested = true)
{
    /// <summary>The defaults.</summary>
    public static AttributionOptions Default { get; } = new();
}

/// <summary>Finds who said what in an analysed text.</summary>
public interface IAttributionExtractor
{
    /// <summary>Every attribution in <paramref name="text"/>, in order of content start.</summary>
    IReadOnlyList<Attribution> Extract(string text, TextAnalysis analysis, IReadOnlyList<NamedEntity> entities, CancellationToken cancellationToken);
}
