using Storyline.Entities;

namespace Storyline.Storage;

/// <summary>An entity across the store: merged roles, affiliations and aliases, with how often and where it is mentioned.</summary>
/// <param name="Entity">The entity with every role, affiliation and alias any document gives it.</param>
/// <param name="Mentions">Number of mentions over all documents.</param>
/// <param name="Documents">Number of documents that mention it.</param>
public sealed record EntitySummary(ResolvedEntity Entity, int Mentions, int Documents);

/// <summary>Durable results of entity resolution: per document, its entities and mentions; across documents, the merged entities.</summary>
public interface IEntityStore
{
    /// <summary>Replaces a document's entity analysis (its mentions and what it says about each entity) in one transaction and refreshes the merged entities.</summary>
    Task SaveEntitiesAsync(long documentId, DocumentEntities entities, int version, CancellationToken cancellationToken = default);

    /// <summary>A document's entities (as that document describes them) and mentions, or null when it has not been analysed.</summary>
    Task<DocumentEntities?> GetEntitiesAsync(long documentId, CancellationToken cancellationToken = default);

    /// <summary>Ids of documents with no entity analysis, or one older than <paramref name="version"/>, oldest first.</summary>
    Task<IReadOnlyList<long>> ListDocumentsNeedingEntitiesAsync(int version, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="ListDocumentsNeedingEntitiesAsync(int, CancellationToken)"/>, among <paramref name="documentIds"/> only.</summary>
    async Task<IReadOnlyList<long>> ListDocumentsNeedingEntitiesAsync(int version, IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default) =>
        [.. (await ListDocumentsNeedingEntitiesAsync(version, cancellationToken).ConfigureAwait(false)).Where((documentIds as IReadOnlySet<long> ?? documentIds.ToHashSet()).Contains)];

    /// <summary>Merged entities with mention and document counts, most mentioned first; only those of <paramref name="type"/> when given.</summary>
    Task<IReadOnlyList<EntitySummary>> ListEntitiesAsync(string? type = null, CancellationToken cancellationToken = default);
}
