using Storyline.Documents;

namespace Storyline.Storage;

/// <summary>The outcome of adding one document.</summary>
public enum AddOutcome
{
    /// <summary>Stored as a new document.</summary>
    Added,
    /// <summary>The same input or the same cleaned text was already stored; nothing was written.</summary>
    ExactDuplicate,
    /// <summary>Stored, and linked to the near-identical original it copies.</summary>
    NearDuplicate,
}

/// <summary>The result of <see cref="IDocumentStore.AddAsync"/>.</summary>
public sealed record AddResult(AddOutcome Outcome, long DocumentId, long? OriginalId);

/// <summary>A document to add: the raw input, its cleaned form, its content hashes and its MinHash signature.</summary>
public sealed record NewDocument(RawInput Input, ProcessedDocument Content, string InputHash, string TextHash, ulong[] Signature);

/// <summary>Durable storage of inputs and documents. Each add or update is one transaction.</summary>
public interface IDocumentStore : IAsyncDisposable
{
    /// <summary>Adds a document in one transaction: exact duplicates are recognised and not stored again, near-duplicates are linked to their original.</summary>
    Task<AddResult> AddAsync(NewDocument document, double nearDuplicateThreshold, CancellationToken cancellationToken = default);

    /// <summary>A stored document, or null.</summary>
    Task<StoredDocument?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The stored documents of <paramref name="ids"/>, in that order (ids not stored are left out): one query for many, where a
    /// reader needs a whole story's documents.</summary>
    async Task<IReadOnlyList<StoredDocument>> GetManyAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new List<StoredDocument>(ids.Count);
        foreach (var id in ids)
            if (await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } doc) found.Add(doc);
        return found;
    }

    /// <summary>The original input a document was made from, or null.</summary>
    Task<RawInput?> GetInputAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Every document, oldest first.</summary>
    Task<IReadOnlyList<DocumentSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Every stored document in full, oldest first.</summary>
    IAsyncEnumerable<StoredDocument> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Ids of every document, oldest first.</summary>
    Task<IReadOnlyList<long>> ListIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>Ranked full-text search with highlighted snippets.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken = default);

    /// <summary>Replaces a document's cleaned form (after a pipeline upgrade) in one transaction; the original input is untouched.</summary>
    Task UpdateContentAsync(long id, ProcessedDocument content, string textHash, ulong[] signature, CancellationToken cancellationToken = default);

    /// <summary>Number of stored documents.</summary>
    Task<int> CountAsync(CancellationToken cancellationToken = default);
}
