using Storyline.Documents;

namespace Storyline.Storage;

/// <summary>A story: documents about one developing subject, with its sources and date range.</summary>
public sealed record StoryInfo(
    long Id,
    string Title,
    int Documents,
    IReadOnlyList<string> Sources,
    DateTimeOffset? FirstPublished,
    DateTimeOffset? LastPublished,
    DateTimeOffset UpdatedAt);

/// <summary>A document's place in the story index, for rebuilding the clusterer from the store.</summary>
public sealed record StoryIndexEntry(long DocumentId, string? Title, string Text, long? DuplicateOf, long? StoryId, long? DevelopmentId)
{
    /// <summary>The document's publication date, stated or estimated, with its precision.</summary>
    public PublicationDate? Published { get; init; }
}

/// <summary>Durable story membership.</summary>
public interface IStoryStore
{
    /// <summary>Every document in id order with its story (null when not yet assigned).</summary>
    Task<IReadOnlyList<StoryIndexEntry>> ReadStoryIndexAsync(CancellationToken cancellationToken = default);

    /// <summary>Puts a document in a story and one of its developments, creating the story (titled <paramref name="newStoryTitle"/>) when <paramref name="storyId"/> is null; one transaction. Returns the story id.</summary>
    Task<long> AssignStoryAsync(long documentId, long? storyId, long developmentId, double similarity, string newStoryTitle, CancellationToken cancellationToken = default);

    /// <summary>The development of each of a story's documents (document id to development id).</summary>
    Task<IReadOnlyDictionary<long, long>> GetDevelopmentsAsync(long storyId, CancellationToken cancellationToken = default);

    /// <summary>Renames a story (its title follows its most central document).</summary>
    Task SetStoryTitleAsync(long storyId, string title, CancellationToken cancellationToken = default);

    /// <summary>Every story, most recently updated first.</summary>
    Task<IReadOnlyList<StoryInfo>> ListStoriesAsync(CancellationToken cancellationToken = default);

    /// <summary>One story, or null.</summary>
    Task<StoryInfo?> GetStoryAsync(long storyId, CancellationToken cancellationToken = default);

    /// <summary>Ids of a story's documents, oldest first.</summary>
    Task<IReadOnlyList<long>> GetStoryDocumentIdsAsync(long storyId, CancellationToken cancellationToken = default);
}
