using System.Globalization;
using Storyline.Time;

namespace Storyline.Documents;

/// <summary>The kind of a structural block of cleaned text.</summary>
public enum BlockKind
{
    /// <summary>A body paragraph.</summary>
    Paragraph,
    /// <summary>A heading inside the article body.</summary>
    Heading,
    /// <summary>A bullet or numbered list item.</summary>
    ListItem,
    /// <summary>A block quotation.</summary>
    Quote,
}

/// <summary>One block of the cleaned text, located by span.</summary>
public sealed record Block(BlockKind Kind, TextSpan Span);

/// <summary>Where a publication date came from.</summary>
public enum DateSource
{
    /// <summary>Given by the user (--published) or by the input record/feed.</summary>
    Given,
    /// <summary>HTML metadata (meta tags, JSON-LD, time elements).</summary>
    Metadata,
    /// <summary>A date in the URL path.</summary>
    Url,
    /// <summary>A dateline or byline in the text.</summary>
    Byline,
    /// <summary>Estimated from the dates the text mentions.</summary>
    TextEstimate,
}

/// <summary>A publication date with its provenance.</summary>
/// <param name="Value">The date (UTC offset kept when known).</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Evidence">The text or field it was read from.</param>
/// <param name="Granularity">How precise the date is: a day, or for an estimate from a month or year the text mentions, that month or year (<paramref name="Value"/> is then its first day).</param>
public sealed record PublicationDate(DateTimeOffset Value, DateSource Source, string? Evidence, TimeGranularity Granularity = TimeGranularity.Day)
{
    /// <summary>True when the date is an estimate rather than stated by the input.</summary>
    public bool IsEstimate => Source == DateSource.TextEstimate;

    /// <summary>The date as precise as it is known, marked when estimated: "2020-07-10", "2021-03 (estimated)", "2021 (estimated)".</summary>
    public string Label => Format(Value, Granularity, IsEstimate);

    /// <summary>A date written to the given precision, with " (estimated)" when it is an estimate.</summary>
    public static string Format(DateTimeOffset value, TimeGranularity granularity, bool estimate) =>
        value.ToString(granularity switch { TimeGranularity.Year => "yyyy", TimeGranularity.Month => "yyyy-MM", _ => "yyyy-MM-dd" }, CultureInfo.InvariantCulture)
        + (estimate ? " (estimated)" : "");
}

/// <summary>Metadata of a cleaned document.</summary>
public sealed record DocumentMetadata
{
    /// <summary>Headline.</summary>
    public string? Title { get; init; }
    /// <summary>Standfirst / summary bullets shown above the body.</summary>
    public IReadOnlyList<string> Summary { get; init; } = [];
    /// <summary>Authors from the byline or metadata.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];
    /// <summary>Publication date, stated or estimated.</summary>
    public PublicationDate? Published { get; init; }
    /// <summary>Publisher or source name.</summary>
    public string? Publisher { get; init; }
    /// <summary>Section labels ("Technology", "Human rights in China").</summary>
    public IReadOnlyList<string> Sections { get; init; } = [];
    /// <summary>ISO 639-1 language code, or null when unknown.</summary>
    public string? Language { get; init; }
    /// <summary>Photo and video captions, kept apart from the body.</summary>
    public IReadOnlyList<string> Captions { get; init; } = [];
}

/// <summary>The result of cleaning one input: text stored once, blocks as spans into it, and metadata.</summary>
public sealed record ProcessedDocument(string Text, IReadOnlyList<Block> Blocks, DocumentMetadata Metadata, int WordCount)
{
    /// <summary>The version of the cleaning pipeline that produced this document; bump when output changes.</summary>
    public const int PipelineVersion = 5;
}
