using Storyline.Attribution;

namespace Storyline.Storage;

/// <summary>A filter over stored statements; null members do not filter.</summary>
/// <param name="Text">Full-text query over the statement's content.</param>
/// <param name="Speaker">The speaker: entity key or canonical name (case-insensitive).</param>
/// <param name="Camp">The camp (exact, case-insensitive).</param>
/// <param name="From">Earliest publication date of the statement's document (inclusive).</param>
/// <param name="To">Latest publication date of the statement's document (inclusive).</param>
/// <param name="StoryId">Only statements from this story's documents.</param>
/// <param name="IncludeQuestions">Also transcript questions (asked, not claimed).</param>
/// <param name="Limit">Most results.</param>
/// <param name="Offset">Results to skip, for paging.</param>
public sealed record StatementQuery(
    string? Text = null,
    string? Speaker = null,
    string? Camp = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? StoryId = null,
    bool IncludeQuestions = false,
    int Limit = 100,
    int Offset = 0);

/// <summary>A stored statement with what a listing shows about its document.</summary>
/// <param name="Statement">The statement (its attribution's spans are offsets into the document's cleaned text).</param>
/// <param name="Published">The document's publication date (stated or estimated), if known.</param>
/// <param name="DocumentTitle">The document's title, if known.</param>
public sealed record StatementHit(AttributedStatement Statement, DateTimeOffset? Published, string? DocumentTitle);

/// <summary>A speaker across the store (or a story).</summary>
/// <param name="Speaker">Canonical name.</param>
/// <param name="SpeakerKey">Entity key, or null for unresolved sources.</param>
/// <param name="Role">A role or affiliation the coverage gives, if any.</param>
/// <param name="Camp">The camp most of their statements are classified in.</param>
/// <param name="Statements">Number of statements (questions excluded).</param>
/// <param name="Documents">Number of documents they are quoted in.</param>
/// <param name="FirstPublished">Earliest publication date among those documents.</param>
/// <param name="LastPublished">Latest publication date among those documents.</param>
public sealed record SpeakerSummary(string Speaker, string? SpeakerKey, string? Role, string Camp, int Statements, int Documents,
    DateTimeOffset? FirstPublished, DateTimeOffset? LastPublished);

/// <summary>How many statements of one camp a story's original documents hold.</summary>
public sealed record StoryCampCount(long StoryId, string Camp, int Statements);

/// <summary>The state of a story's statement analyses: what is built from its statements is current while this stays equal.</summary>
/// <param name="Analyses">The story's documents with a statement analysis (reprocessing a document drops its analysis).</param>
/// <param name="Versions">The sum of those analyses' versions (new entities mark a document's analysis outdated, version 0).</param>
/// <param name="Statements">The statements those analyses hold.</param>
/// <param name="LastAnalysed">When the latest of them was saved (a re-analysis at the same version moves it on).</param>
public sealed record StatementsStamp(int Analyses, long Versions, long Statements, DateTimeOffset? LastAnalysed)
{
    /// <summary>The stamp as the text that stored ledgers, briefings and views keep ("analyses/versions/statements/last ticks").</summary>
    public string Text => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Analyses}/{Versions}/{Statements}/{LastAnalysed?.UtcTicks}");
}

/// <summary>Durable results of the attribution stage: per document, its statements with speakers and camps resolved.</summary>
public interface IStatementStore
{
    /// <summary>Replaces a document's statements in one transaction, recording the analysis version.</summary>
    Task SaveStatementsAsync(long documentId, IReadOnlyList<AttributedStatement> statements, int version, CancellationToken cancellationToken = default);

    /// <summary>A document's statements in text order (questions included, flagged), or null when it has not been analysed.</summary>
    Task<IReadOnlyList<AttributedStatement>?> GetStatementsAsync(long documentId, CancellationToken cancellationToken = default);

    /// <summary>The statements of each of <paramref name="documentIds"/> that has been analysed (in text order, questions included), in one
    /// query per chunk of ids rather than one per document; documents never analysed are absent from the result.</summary>
    Task<IReadOnlyDictionary<long, IReadOnlyList<AttributedStatement>>> GetStatementsAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default);

    /// <summary>Ids of documents with no statement analysis, or one of another version than <paramref name="version"/> (the version says
    /// which tagger found them too, so a store switched back to the other tagger is analysed again), oldest first.</summary>
    Task<IReadOnlyList<long>> ListDocumentsNeedingStatementsAsync(int version, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="ListDocumentsNeedingStatementsAsync(int, CancellationToken)"/>, among <paramref name="documentIds"/> only.</summary>
    async Task<IReadOnlyList<long>> ListDocumentsNeedingStatementsAsync(int version, IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default) =>
        [.. (await ListDocumentsNeedingStatementsAsync(version, cancellationToken).ConfigureAwait(false)).Where((documentIds as IReadOnlySet<long> ?? documentIds.ToHashSet()).Contains)];

    /// <summary>Statements matching <paramref name="query"/>, newest document first, then in text order.</summary>
    Task<IReadOnlyList<StatementHit>> FindStatementsAsync(StatementQuery query, CancellationToken cancellationToken = default);

    /// <summary>Speakers with their camps and counts, most quoted first; only those quoted in <paramref name="storyId"/> when given.</summary>
    Task<IReadOnlyList<SpeakerSummary>> ListSpeakersAsync(long? storyId = null, CancellationToken cancellationToken = default);

    /// <summary>The distinct camps of the speakers <see cref="ListSpeakersAsync"/> lists (each speaker's majority camp), in ordinal order, from one grouped query.</summary>
    Task<IReadOnlyList<string>> ListSpeakerCampsAsync(CancellationToken cancellationToken = default);

    /// <summary>The state of the statement analyses of <paramref name="storyId"/>'s documents, from one aggregate query (all zero for an unknown story).</summary>
    Task<StatementsStamp> GetStatementsStampAsync(long storyId, CancellationToken cancellationToken = default);

    /// <summary>The state of every statement analysis in the store, from one aggregate query: what is built from all statements is current
    /// while this stays equal.</summary>
    Task<StatementsStamp> GetStoreStatementsStampAsync(CancellationToken cancellationToken = default);

    /// <summary>Statements per camp in every story, questions and near-duplicate documents left out (as a story's briefing counts them), in one query for listings.</summary>
    Task<IReadOnlyList<StoryCampCount>> CountCampsByStoryAsync(CancellationToken cancellationToken = default);
}
