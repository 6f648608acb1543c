using Storyline.Web.Services;

namespace Storyline.Web.Apis;

/// <summary>One of a story's documents, its date with its precision label.</summary>
public sealed record StoryDocumentItem(long Id, string Title, string? Publisher, DateTimeOffset? Published, long? DuplicateOf, string? PublishedLabel);

/// <summary>How many statements of each camp one source quotes in a story.</summary>
public sealed record SourceQuotesItem(string Source, IReadOnlyList<long> Documents, IReadOnlyDictionary<string, int> Camps);

/// <summary>A story with its documents, sources and camps, and where its briefing and timeline are.</summary>
public sealed record StoryDetail(long Id, string Title, string Headline, DateTimeOffset? FirstPublished, DateTimeOffset? LastPublished, DateTimeOffset UpdatedAt,
    IReadOnlyList<StoryDocumentItem> Documents, IReadOnlyList<SourceQuotesItem> Sources, IReadOnlyList<string> Camps, string Briefing, string Timeline)
{
    /// <summary>The detail view of a built story.</summary>
    public static StoryDetail Of(StoryView v) => new(v.Story.Id, v.Story.Title, v.Briefing.Headline, v.Story.FirstPublished, v.Story.LastPublished, v.Story.UpdatedAt,
        [.. v.Documents.Select(d => new StoryDocumentItem(d.Id, d.Title, d.Publisher, d.Published, d.DuplicateOf, d.PublishedLabel))],
        [.. v.Sources.Select(s => new SourceQuotesItem(s.Source, s.Documents, s.Camps))], v.Camps,
        $"/api/stories/{v.Story.Id}/briefing", $"/api/stories/{v.Story.Id}/timeline");
}
