using Storyline.Attribution;
using Storyline.Briefing;
using Storyline.Storage;
using Storyline.Web.Services;

namespace Storyline.Web.Apis;

/// <summary>A story in a listing: title, counts, date range and the camps quoted in it.</summary>
public sealed record StoryListItem(long Id, string Title, int Documents, IReadOnlyList<string> Sources, DateTimeOffset? FirstPublished,
    DateTimeOffset? LastPublished, DateTimeOffset UpdatedAt, IReadOnlyList<string> Camps)
{
    /// <summary>The listing view of a story.</summary>
    public static StoryListItem Of(StorySummaryView s) =>
        new(s.Story.Id, s.Story.Title, s.Story.Documents, s.Story.Sources, s.Story.FirstPublished, s.Story.LastPublished, s.Story.UpdatedAt, s.Camps);
}

/// <summary>One of a story's documents.</summary>
public sealed record StoryDocumentItem(long Id, string Title, string? Publisher, DateTimeOffset? Published, long? DuplicateOf);

/// <summary>How many statements of each camp one source quotes in a story.</summary>
public sealed record SourceQuotesItem(string Source, IReadOnlyList<long> Documents, IReadOnlyDictionary<string, int> Camps);

/// <summary>A story with its documents, sources and camps, and where its briefing and timeline are.</summary>
public sealed record StoryDetail(long Id, string Title, string Headline, DateTimeOffset? FirstPublished, DateTimeOffset? LastPublished, DateTimeOffset UpdatedAt,
    IReadOnlyList<StoryDocumentItem> Documents, IReadOnlyList<SourceQuotesItem> Sources, IReadOnlyList<string> Camps, string Briefing, string Timeline)
{
    /// <summary>The detail view of a built story.</summary>
    public static StoryDetail Of(StoryView v) => new(v.Story.Id, v.Story.Title, v.Briefing.Headline, v.Story.FirstPublished, v.Story.LastPublished, v.Story.UpdatedAt,
        [.. v.Documents.Select(d => new StoryDocumentItem(d.Id, d.Title, d.Publisher, d.Published, d.DuplicateOf))],
        [.. v.Sources.Select(s => new SourceQuotesItem(s.Source, s.Documents, s.Camps))], v.Camps,
        $"/api/stories/{v.Story.Id}/briefing", $"/api/stories/{v.Story.Id}/timeline");
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

/// <summary>A source document a briefing cites.</summary>
public sealed record BriefingSourceItem(long Document, string Title, string? Publisher, DateTimeOffset? Published, bool PublishedIsEstimate, string? Url);

/// <summary>A story's briefing, in the shape of <c>storyline brief --json</c>.</summary>
public sealed record BriefingItem(long Story, string Headline, SentenceItem Summary, IReadOnlyList<SectionItem> Sections, IReadOnlyList<BriefingSourceItem> Sources)
{
    /// <summary>The view of a briefing.</summary>
    public static BriefingItem Of(StoryBriefing b) => new(b.StoryId, b.Headline, SentenceItem.Of(b.Summary),
        [.. b.Sections.Select(s => new SectionItem(s.Title, s.Bulleted, [.. s.Sentences.Select(SentenceItem.Of)]))],
        [.. b.Sources.Values.Select(s => new BriefingSourceItem(s.DocumentId, s.Title, s.Publisher, s.Published, s.PublishedIsEstimate, s.Url))]);
}

/// <summary>A dated event of a story's timeline, in the shape of <c>storyline timeline --json</c>.</summary>
public sealed record TimelineEventItem(string Date, string Granularity, string Text, IReadOnlyList<CitationItem> Sources)
{
    /// <summary>The view of an event.</summary>
    public static TimelineEventItem Of(TimelineEvent e) =>
        new(e.DateValue, e.Granularity.ToString().ToLowerInvariant(), e.Text, [.. e.Sources.Select(CitationItem.Of)]);
}

/// <summary>A statement: who said it, their camp, what was said, and where in which document.</summary>
public sealed record StatementItem(long Document, string? DocumentTitle, DateTimeOffset? Published, string Speaker, string? SpeakerKey, string? SpeakerRole,
    string Camp, string Kind, string? Cue, string Text, int ContentStart, int ContentEnd, int? SourceStart, int? SourceEnd)
{
    /// <summary>The view of a stored statement.</summary>
    public static StatementItem Of(StatementHit h)
    {
        var s = h.Statement;
        return new(s.DocumentId, h.DocumentTitle, h.Published, s.Speaker, s.SpeakerKey, s.SpeakerRole, s.Camp, s.Attribution.Kind.ToString().ToLowerInvariant(),
            s.Cue, s.Text, s.Attribution.Content.Span.Start, s.Attribution.Content.Span.End, s.Attribution.Source?.Start, s.Attribution.Source?.End);
    }
}

/// <summary>A speaker with camp and counts.</summary>
public sealed record SpeakerItem(string Speaker, string? SpeakerKey, string? Role, string Camp, int Statements, int Documents, DateTimeOffset? FirstPublished, DateTimeOffset? LastPublished)
{
    /// <summary>The view of a speaker summary.</summary>
    public static SpeakerItem Of(SpeakerSummary s) => new(s.Speaker, s.SpeakerKey, s.Role, s.Camp, s.Statements, s.Documents, s.FirstPublished, s.LastPublished);
}

/// <summary>A statement bearing on a claim, in the shape of <c>storyline claims --json</c>.</summary>
public sealed record ClaimStatementItem(long Document, string Speaker, string? SpeakerRole, string Camp, string Stance, string Text,
    int ContentStart, int ContentEnd, DateTimeOffset? Published);

/// <summary>A claim of a story's ledger, in the shape of <c>storyline claims --json</c>: where each statement stands on it.</summary>
public sealed record ClaimItem(int Id, string Label, DateTimeOffset? FirstSeen, bool Contested, IReadOnlyList<ClaimStatementItem> Statements, string? Topic = null)
{
    /// <summary>The view of a claim.</summary>
    public static ClaimItem Of(Storyline.Claims.LedgerClaim c) => new(c.Id, c.Label, c.FirstSeen, c.Contested,
        [.. c.Statements.Select(s => new ClaimStatementItem(s.DocumentId, s.Speaker, s.SpeakerRole, s.Camp, s.Stance, s.Text, s.ContentStart, s.ContentEnd, s.Published))], c.Topic);
}
