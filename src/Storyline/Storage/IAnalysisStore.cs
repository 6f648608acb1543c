namespace Storyline.Storage;

/// <summary>One stage's stored result for one document.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Stage">The stage's name.</param>
/// <param name="Version">The stage version that produced it.</param>
/// <param name="Data">The stage's own encoding of its result.</param>
public sealed record StoredAnalysis(long DocumentId, string Stage, int Version, byte[] Data);

/// <summary>Durable results of the analysis stages that have no tables of their own (text analysis, time expressions, sentence vectors).</summary>
public interface IAnalysisStore
{
    /// <summary>Replaces the given stages' results of one document in one transaction.</summary>
    Task SaveAnalysesAsync(long documentId, IReadOnlyList<StoredAnalysis> analyses, CancellationToken cancellationToken = default);

    /// <summary>The stored results of <paramref name="stages"/> for <paramref name="documentIds"/>, whatever their version.</summary>
    Task<IReadOnlyList<StoredAnalysis>> GetAnalysesAsync(IReadOnlyCollection<long> documentIds, IReadOnlyCollection<string> stages, CancellationToken cancellationToken = default);

    /// <summary>Ids of documents with no result of <paramref name="stage"/>, or one of another version than <paramref name="version"/>, oldest first.</summary>
    Task<IReadOnlyList<long>> ListDocumentsNeedingAnalysisAsync(string stage, int version, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="ListDocumentsNeedingAnalysisAsync(string, int, CancellationToken)"/>, among <paramref name="documentIds"/> only: a
    /// worker's batch costs the same however many documents wait in the queue.</summary>
    async Task<IReadOnlyList<long>> ListDocumentsNeedingAnalysisAsync(string stage, int version, IReadOnlyCollection<long> documentIds,
        CancellationToken cancellationToken = default) =>
        [.. (await ListDocumentsNeedingAnalysisAsync(stage, version, cancellationToken).ConfigureAwait(false)).Where((documentIds as IReadOnlySet<long> ?? documentIds.ToHashSet()).Contains)];
}
