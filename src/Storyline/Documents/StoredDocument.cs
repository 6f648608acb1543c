namespace Storyline.Documents;

/// <summary>A document as kept in a store.</summary>
public sealed record StoredDocument(
    long Id,
    string InputName,
    string? Url,
    ProcessedDocument Content,
    long? DuplicateOf,
    DateTimeOffset IngestedAt);

/// <summary>A one-line view of a stored document for listings.</summary>
public sealed record DocumentSummary(
    long Id,
    string InputName,
    string? Title,
    string? Publisher,
    PublicationDate? Published,
    int WordCount,
    long? DuplicateOf,
    DateTimeOffset IngestedAt);

/// <summary>One full-text search hit.</summary>
public sealed record SearchHit(long DocumentId, string? Title, string Snippet, double Score);
