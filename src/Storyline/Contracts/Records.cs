using System.Globalization;
using System.Text.Json.Serialization;
using Storyline.Attribution;
using Storyline.Briefing;
using Storyline.Claims;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Storage;

namespace Storyline.Contracts;

// The JSON contract shared by the CLI's --json and the web API (/api): one record per thing written, serialized with StorylineJson.Options.
// A field added here shows in both; README's "JSON contract" section and the OpenAPI document describe them.

/// <summary>A publication date with where it came from, its precision and its label ("2021-03 (estimated)").</summary>
public sealed record DateView(DateTimeOffset Value, DateSource Source, bool Estimated, string? Evidence, string Granularity, string Label)
{
    /// <summary>The view of a stored date, or null.</summary>
    public static DateView? Of(PublicationDate? date) => date is null ? null : new(date.Value, date.Source, date.IsEstimate, date.Evidence, date.Granularity.ToString().ToLowerInvariant(), date.Label);
}

/// <summary>Titles as readers see them.</summary>
public static class DisplayTitles
{
    /// <summary>The title to show: the headline, or the input's file name (a URL whole) when there is none, or "Document N".</summary>
    public static string Of(string? title, string inputName, long id)
    {
        if (!string.IsNullOrWhiteSpace(title)) return title;
        var name = inputName.Contains("://", StringComparison.Ordinal) ? inputName : Path.GetFileName(inputName);
        return string.IsNullOrWhiteSpace(name) ? string.Create(CultureInfo.InvariantCulture, $"Document {id}") : name;
    }
}

/// <summary>One document in a listing (<c>storyline list</c>, <c>GET /api/documents</c>).</summary>
public sealed record DocumentListItem(long Id, string Title, string Input, string? Publisher, DateView? Published, int WordCount, long? DuplicateOf, DateTimeOffset IngestedAt)
{
    /// <summary>The listing view of a summary.</summary>
    public static DocumentListItem Of(DocumentSummary d) =>
        new(d.Id, DisplayTitles.Of(d.Title, d.InputName, d.Id), d.InputName, d.Publisher, DateView.Of(d.Published), d.WordCount, d.DuplicateOf, d.IngestedAt);
}

/// <summary>A block of the cleaned text: its kind and its [start, start+length) span into <see cref="DocumentDetail.Text"/>.</summary>
public sealed record BlockView(BlockKind Kind, int Start, int Length);

/// <summary>A document's metadata.</summary>
public sealed record MetadataView(
    string? Title, IReadOnlyList<string> Authors, string? Publisher, DateView? Published, IReadOnlyList<string> Sections,
    string? Language, IReadOnlyList<string> Captions, IReadOnlyList<string> Summary);

/// <summary>A stored document in full (<c>storyline show</c>, <c>GET /api/documents/{id}</c>): cleaned text exactly as stored (offsets point
/// into it), blocks and metadata.</summary>
public sealed record DocumentDetail(
    long Id, string Input, string? Url, MetadataView Metadata, string Text, IReadOnlyList<BlockView> Blocks,
    int WordCount, long? DuplicateOf, DateTimeOffset IngestedAt, string Original)
{
    /// <summary>The view of a stored document.</summary>
    public static DocumentDetail Of(StoredDocument d)
    {
        var m = d.Content.Metadata;
        return new(d.Id, d.InputName, d.Url,
            new MetadataView(m.Title, m.Authors, m.Publisher, DateView.Of(m.Published), m.Sections, m.Language, m.Captions, m.Summary),
            d.Content.Text, [.. d.Content.Blocks.Select(b => new BlockView(b.Kind, b.Span.Start, b.Span.Length))],
            d.Content.WordCount, d.DuplicateOf, d.IngestedAt, string.Create(CultureInfo.InvariantCulture, $"/api/documents/{d.Id}/original"));
    }
}

/// <summary>A stored document as <c>storyline export</c> writes it, one per line: id, input, metadata and cleaned text.</summary>
public sealed record ExportItem(long Id, string Input, string? Url, long? DuplicateOf, DateTimeOffset IngestedAt, MetadataView Metadata, int WordCount, string Text)
{
    /// <summary>The export view of a stored document.</summary>
    public static ExportItem Of(StoredDocument d)
    {
        var detail = DocumentDetail.Of(d);
        return new(d.Id, d.InputName, d.Url, d.DuplicateOf, d.IngestedAt, detail.Metadata, d.Content.WordCount, d.Content.Text);
    }
}

/// <summary>One search hit (<c>storyline search</c>, <c>GET /api/search</c>): the snippet as plain text and the [start, end) offsets of the matched words in it.</summary>
public sealed record SearchHitView(long Document, string Title, string Snippet, IReadOnlyList<int[]> Highlights, double Score)
{
    /// <summary>The view of a hit; the score keeps four significant digits (bm25 on a small store gives scores near 1e-6, which rounding to decimals made 0).</summary>
    public static SearchHitView Of(SearchHit h)
    {
        var (snippet, highlights) = SearchHighlight.Parse(h.Snippet);
        return new(h.DocumentId, h.Title ?? string.Create(CultureInfo.InvariantCulture, $"Document {h.DocumentId}"), snippet, highlights,
            double.Parse(h.Score.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }
}

/// <summary>A citation: [start, end) character offsets into a document's cleaned text.</summary>
public sealed record CitationItem(long Document, int Start, int End)
{
    /// <summary>The view of a citation.</summary>
    public static CitationItem Of(Citation c) => new(c.DocumentId, c.Span.Start, c.Span.End);
}

/// <summary>A briefing sentence with its citations.</summary>
public sealed record SentenceItem(string Text, IReadOnlyList<CitationItem> Citations)
{
    /// <summary>The view of a sentence.</summary>
    public static SentenceItem Of(BriefingSentence s) => new(s.Text, [.. s.Citations.Select(CitationItem.Of)]);
}

/// <summary>A titled section of a briefing.</summary>
public sealed record SectionItem(string Title, bool Bulleted, IReadOnlyList<SentenceItem> Sentences);

/// <summary>A source document a briefing cites, its date with its label ("2019 or later (latest date mentioned: …)").</summary>
public sealed record BriefingSourceItem(long Document, string Title, string? Publisher, DateTimeOffset? Published, bool PublishedIsEstimate, string? PublishedLabel, string? Url);

/// <summary>A story's briefing (<c>storyline brief --json</c>, <c>GET /api/stories/{id}/briefing</c>).</summary>
public sealed record BriefingItem(long Story, string Headline, SentenceItem Summary, IReadOnlyList<SectionItem> Sections, IReadOnlyList<BriefingSourceItem> Sources)
{
    /// <summary>The view of a briefing.</summary>
    public static BriefingItem Of(StoryBriefing b) => new(b.StoryId, b.Headline, SentenceItem.Of(b.Summary),
        [.. b.Sections.Select(s => new SectionItem(s.Title, s.Bulleted, [.. s.Sentences.Select(SentenceItem.Of)]))],
        [.. b.Sources.Values.Select(s => new BriefingSourceItem(s.DocumentId, s.Title, s.Publisher, s.Published, s.PublishedIsEstimate, s.PublishedLabel, s.Url))]);
}

/// <summary>A dated event of a story's timeline (<c>storyline timeline</c>, <c>GET /api/stories/{id}/timeline</c>); <c>date</c> is written to its
/// <c>granularity</c> (2020, 2020-07, 2020-07-10).</summary>
public sealed record TimelineEventItem(string Date, string Granularity, string Text, IReadOnlyList<CitationItem> Sources)
{
    /// <summary>The view of an event.</summary>
    public static TimelineEventItem Of(TimelineEvent e) =>
        new(e.DateValue, e.Granularity.ToString().ToLowerInvariant(), e.Text, [.. e.Sources.Select(CitationItem.Of)]);
}

/// <summary>A statement (<c>storyline quotes</c>, <c>GET /api/statements</c>): who said it, their camp, what was said, and where in which document.</summary>
public sealed record StatementItem(long Document, string? DocumentTitle, DateTimeOffset? Published, string Speaker, string? SpeakerKey, string? SpeakerRole,
    string Camp, string Kind, string? Cue, string Text, int ContentStart, int ContentEnd, int? SourceStart, int? SourceEnd, string Input)
{
    /// <summary>The view of a stored statement.</summary>
    public static StatementItem Of(StatementHit h)
    {
        var s = h.Statement;
        return new(s.DocumentId, h.DocumentTitle, h.Published, s.Speaker, s.SpeakerKey, s.SpeakerRole, s.Camp, s.Attribution.Kind.ToString().ToLowerInvariant(),
            s.Cue, s.Text, s.Attribution.Content.Span.Start, s.Attribution.Content.Span.End, s.Attribution.Source?.Start, s.Attribution.Source?.End, s.Document);
    }
}

/// <summary>A speaker with camp and counts (<c>storyline speakers</c>, <c>GET /api/speakers</c>).</summary>
public sealed record SpeakerItem(string Speaker, string? SpeakerKey, string? Role, string Camp, int Statements, int Documents, DateTimeOffset? FirstPublished, DateTimeOffset? LastPublished)
{
    /// <summary>The view of a speaker summary.</summary>
    public static SpeakerItem Of(SpeakerSummary s) => new(s.Speaker, s.SpeakerKey, s.Role, s.Camp, s.Statements, s.Documents, s.FirstPublished, s.LastPublished);
}

/// <summary>A statement bearing on a claim.</summary>
public sealed record ClaimStatementItem(long Document, string Speaker, string? SpeakerRole, string Camp, string Stance, string Text,
    int ContentStart, int ContentEnd, DateTimeOffset? Published);

/// <summary>A claim of a story's ledger (<c>storyline claims</c>, <c>GET /api/stories/{id}/claims</c>): where each statement stands on it.</summary>
public sealed record ClaimItem(int Id, string Label, DateTimeOffset? FirstSeen, bool Contested, IReadOnlyList<ClaimStatementItem> Statements, string? Topic = null)
{
    /// <summary>The view of a claim.</summary>
    public static ClaimItem Of(LedgerClaim c) => new(c.Id, c.Label, c.FirstSeen, c.Contested,
        [.. c.Statements.Select(s => new ClaimStatementItem(s.DocumentId, s.Speaker, s.SpeakerRole, s.Camp, s.Stance, s.Text, s.ContentStart, s.ContentEnd, s.Published))], c.Topic);
}

/// <summary>A story in a listing (<c>storyline stories</c>, <c>GET /api/stories</c>): title, counts, date range (each end with its precision
/// and label) and the camps quoted in it, most quoted first.</summary>
public sealed record StoryListItem(long Id, string Title, int Documents, IReadOnlyList<string> Sources, DateTimeOffset? FirstPublished,
    DateTimeOffset? LastPublished, DateTimeOffset UpdatedAt, IReadOnlyList<string> Camps, DateView? First, DateView? Last, string RangeLabel)
{
    /// <summary>The listing view of a story with its camps in order.</summary>
    public static StoryListItem Of(StoryInfo s, IReadOnlyList<string> camps) =>
        new(s.Id, s.Title, s.Documents, s.Sources, s.FirstPublished, s.LastPublished, s.UpdatedAt, camps, DateView.Of(s.First), DateView.Of(s.Last), s.RangeLabel);

    /// <summary>Camps ordered as the story list shows them: most statements first, then by name.</summary>
    public static IReadOnlyList<string> OrderCamps(IEnumerable<(string Camp, int Count)> counts) =>
        [.. counts.GroupBy(c => c.Camp, StringComparer.Ordinal).Select(g => (Camp: g.Key, Count: g.Sum(c => c.Count)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Camp, StringComparer.Ordinal).Select(c => c.Camp)];
}

/// <summary>The outcome for one input (<c>storyline ingest</c>, <c>POST /api/ingest</c>).</summary>
public sealed record IngestResultView(string Name, IngestStatus Status, long? DocumentId, long? OriginalId, string? Title, string? Error)
{
    /// <summary>The view of an ingest result.</summary>
    public static IngestResultView Of(IngestResult r) => new(r.Name, r.Status, r.DocumentId, r.OriginalId, r.Title, r.Error);
}

/// <summary>Per-input results and counts of a batch; <c>queued</c> (the ids left for workers) only when the batch was queued, not analysed.</summary>
public sealed record IngestResponse(IReadOnlyList<IngestResultView> Results, IngestSummary Summary)
{
    /// <summary>Ids queued for <c>storyline worker</c> instead of analysed; absent when the batch was analysed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<long>? Queued { get; init; }
}

/// <summary>One entity mention (<c>storyline entities</c>): its span, text, kind, canonical entity, type and the role given there.</summary>
public sealed record MentionItem(long Document, int Start, int Length, string Text, Entities.MentionKind Kind, string Key, string Entity, string Type, string? Role);

/// <summary>A person across the store (<c>storyline people</c>) with merged roles, affiliations, aliases and counts.</summary>
public sealed record PersonItem(string Key, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Affiliations, IReadOnlyList<string> Aliases, int Mentions, int Documents);

/// <summary>What <c>storyline reprocess</c> did.</summary>
public sealed record ReprocessReport(int Reprocessed, int Changed, int Failed, int Analysed, IReadOnlyDictionary<string, int> StageRuns, int AnalysisFailed);

/// <summary>What a <c>storyline worker</c> run did, and the queue it left.</summary>
public sealed record WorkerReport(string Worker, int Batches, int Claimed, int Analysed, int Assigned, int Completed, int AnalysisFailed, int Errors, int QueueDepth);

/// <summary>What <c>storyline migrate</c> left: the store's schema version.</summary>
public sealed record MigrateReport(int SchemaVersion);
