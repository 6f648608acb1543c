using System.Text.Json;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Web.Rendering;

namespace Storyline.Web.Apis;

/// <summary>A publication date with where it came from.</summary>
public sealed record DateView(DateTimeOffset Value, DateSource Source, bool Estimated, string? Evidence, string Granularity, string Label)
{
    /// <summary>The view of a stored date, or null.</summary>
    public static DateView? Of(PublicationDate? date) => date is null ? null : new(date.Value, date.Source, date.IsEstimate, date.Evidence, date.Granularity.ToString().ToLowerInvariant(), date.Label);
}

/// <summary>One document in a listing.</summary>
public sealed record DocumentListItem(long Id, string Title, string Input, string? Publisher, DateView? Published, int WordCount, long? DuplicateOf, DateTimeOffset IngestedAt)
{
    /// <summary>The listing view of a summary.</summary>
    public static DocumentListItem Of(DocumentSummary d) =>
        new(d.Id, DocumentView.Title(d.Title, d.InputName, d.Id), d.InputName, d.Publisher, DateView.Of(d.Published), d.WordCount, d.DuplicateOf, d.IngestedAt);
}

/// <summary>A block of the cleaned text: its kind and its [start, start+length) span into <see cref="DocumentDetail.Text"/>.</summary>
public sealed record BlockView(BlockKind Kind, int Start, int Length);

/// <summary>A document's metadata.</summary>
public sealed record MetadataView(
    string? Title, IReadOnlyList<string> Authors, string? Publisher, DateView? Published, IReadOnlyList<string> Sections,
    string? Language, IReadOnlyList<string> Captions, IReadOnlyList<string> Summary);

/// <summary>A stored document in full: cleaned text exactly as stored (offsets point into it), blocks and metadata.</summary>
public sealed record DocumentDetail(
    long Id, string Input, string? Url, MetadataView Metadata, string Text, IReadOnlyList<BlockView> Blocks,
    int WordCount, long? DuplicateOf, DateTimeOffset IngestedAt, string Original)
{
    /// <summary>The API view of a stored document.</summary>
    public static DocumentDetail Of(StoredDocument d)
    {
        var m = d.Content.Metadata;
        return new(d.Id, d.InputName, d.Url,
            new MetadataView(m.Title, m.Authors, m.Publisher, DateView.Of(m.Published), m.Sections, m.Language, m.Captions, m.Summary),
            d.Content.Text, [.. d.Content.Blocks.Select(b => new BlockView(b.Kind, b.Span.Start, b.Span.Length))],
            d.Content.WordCount, d.DuplicateOf, d.IngestedAt, $"/api/documents/{d.Id}/original");
    }
}

/// <summary>One search hit: the snippet as plain text and the [start, end) offsets of the matched words in it.</summary>
public sealed record SearchHitView(long DocumentId, string Title, string Snippet, IReadOnlyList<int[]> Highlights, double Score);

/// <summary>What to ingest: exactly one of <c>text</c> (with optional title, source, published), <c>url</c> (a page or feed), or <c>records</c>.</summary>
public sealed record IngestRequest(string? Text, string? Title, string? Source, string? Published, string? Url, IReadOnlyList<JsonElement>? Records);

/// <summary>The outcome for one input.</summary>
public sealed record IngestResultView(string Name, IngestStatus Status, long? DocumentId, long? OriginalId, string? Title, string? Error)
{
    /// <summary>The API view of an ingest result.</summary>
    public static IngestResultView Of(IngestResult r) => new(r.Name, r.Status, r.DocumentId, r.OriginalId, r.Title, r.Error);
}

/// <summary>Per-input results and counts of a batch.</summary>
public sealed record IngestResponse(IReadOnlyList<IngestResultView> Results, IngestSummary Summary);
