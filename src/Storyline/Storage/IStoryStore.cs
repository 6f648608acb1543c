using Storyline.Documents;
using Storyline.Stories;

namespace Storyline.Storage;

/// <summary>A story: documents about one developing subject, with its sources and date range.</summary>
public sealed record StoryInfo(
    long Id,
    string Title,
    int Documents,
    IReadOnlyList<string> Sources,
    DateTimeOffset? FirstPublished,
    DateTimeOffset? LastPublished,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The earliest document's publication date with its precision and whether it is an estimate (null when unknown).</summary>
    public PublicationDate? First { get; init; }

    /// <summary>The latest document's publication date with its precision and whether it is an estimate (null when unknown).</summary>
    public PublicationDate? Last { get; init; }

    /// <summary>The story's date range as a reader should see it: each end to its precision, an estimate as the lower bound it is
    /// ("2018 or later – 2021 or later"), never an estimate's first day of the year as a date.</summary>
    public string RangeLabel
    {
        get
        {
            var (a, b) = (Label(First, FirstPublished), Label(Last, LastPublished));
            return a.Length == 0 ? b : b.Length == 0 || a == b ? a : a + " – " + b;
        }
    }

    /// <summary>One end of the range: "2020-07-10", "2019", "2019 or later" (an estimate), "" when unknown.</summary>
    public static string Label(PublicationDate? date, DateTimeOffset? fallback) => date switch
    {
        { IsEstimate: true } p => PublicationDate.Format(p.Value, p.Granularity, estimate: false) + " or later",
        { } p => PublicationDate.Format(p.Value, p.Granularity, estimate: false),
        null => fallback?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>A document's place in the story index.</summary>
public sealed record StoryIndexEntry(long DocumentId, string? Title, string Text, long? DuplicateOf, long? StoryId, long? DevelopmentId)
{
    /// <summary>The document's publication date, stated or estimated, with its precision.</summary>
    public PublicationDate? Published { get; init; }
}

/// <summary>The next document story assignment has to deal with: one without clustering state, and where it already is (a document placed
/// before the state was kept) or must go (a near-duplicate follows its original).</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Title">Its headline.</param>
/// <param name="Text">Its cleaned text.</param>
/// <param name="Published">Its publication date, stated or estimated, with its precision.</param>
/// <param name="Placed">Its story and development, when it has them already.</param>
/// <param name="Original">Its original's story and development, when it is a near-duplicate of a placed document.</param>
public sealed record PendingStoryDocument(long DocumentId, string? Title, string Text, PublicationDate? Published,
    (long Story, long Development)? Placed, (long Story, long Development)? Original)
{
    /// <summary>The document it is a near-duplicate of, if any: when the original is placed in the same step, <see cref="Original"/>
    /// (read before the step placed it) is null and the assigner takes the original's placement from the step.</summary>
    public long? DuplicateOf { get; init; }
}

/// <summary>One step of story assignment (a run of documents placed in id order), inside a write transaction taken before anything is
/// read, so that assigners in several threads or processes take turns and each sees the state the previous one left. Disposing without
/// <see cref="CommitAsync"/> rolls back. A store may hold the step's changes and write them at <see cref="CommitAsync"/>: what the step
/// reads back through the scope is the state as the step left it.</summary>
public interface IStoryAssignmentScope : IStoryClusterState, IAsyncDisposable
{
    /// <summary>The documents without clustering state, lowest id first: at most <paramref name="limit"/> of them, none above
    /// <paramref name="upTo"/> (when given). Call once, before placing any.</summary>
    Task<IReadOnlyList<PendingStoryDocument>> PendingAsync(long? upTo, int limit, CancellationToken cancellationToken = default);

    /// <summary>Tells the store which terms the step's documents hold before they are observed, so that it may read their statistics at
    /// once rather than per document.</summary>
    Task PrepareTermsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default);

    /// <summary>Creates a story titled <paramref name="title"/>; returns its id.</summary>
    Task<long> CreateStoryAsync(string title, CancellationToken cancellationToken = default);

    /// <summary>Records a document's story and development.</summary>
    Task RecordAsync(long documentId, long storyId, long developmentId, double similarity, CancellationToken cancellationToken = default);

    /// <summary>A document's title.</summary>
    Task<string?> TitleOfAsync(long documentId, CancellationToken cancellationToken = default);

    /// <summary>Renames a story.</summary>
    Task SetStoryTitleAsync(long storyId, string title, CancellationToken cancellationToken = default);

    /// <summary>Writes what the step holds back and makes the step's writes durable.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}

/// <summary>Durable story membership.</summary>
public interface IStoryStore
{
    /// <summary>Starts a story assignment step (see <see cref="IStoryAssignmentScope"/>): waits for any other assigner's step to end.</summary>
    Task<IStoryAssignmentScope> BeginStoryAssignmentAsync(CancellationToken cancellationToken = default);

    /// <summary>What <see cref="IStoryAssignmentScope.PendingAsync"/> would give now, read without taking the write lock: an assigner
    /// works out the documents' terms from it while another holds the lock, and the step's own list (which may differ by then) decides.</summary>
    Task<IReadOnlyList<PendingStoryDocument>> PeekPendingAsync(long? upTo, int limit, CancellationToken cancellationToken = default);

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
