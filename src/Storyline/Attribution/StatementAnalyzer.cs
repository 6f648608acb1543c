using Storyline.Entities;
using Storyline.Storage;
using Storyline.Text;

namespace Storyline.Attribution;

/// <summary>Finds who said what in stored documents and stores the statements, reading each document's stored entity analysis (and running
/// <see cref="EntityAnalyzer"/> first where it is missing or outdated) so recognition and resolution are not done twice.</summary>
/// <remarks>Near-duplicates are analysed like any document: <c>quotes</c> lists their statements, a syndicated copy may carry a paragraph the
/// original lacks, and offsets are per document; readers that should not count a copy twice (briefings) skip them.
/// Camps are classified with the default camps file; another file re-classifies stored statements at read time (<see cref="CampClassifier.Reclassify"/>).</remarks>
public sealed class StatementAnalyzer(IDocumentStore documents, IEntityStore entities, IStatementStore statements, EntityResolverOptions? entityOptions = null)
{
    /// <summary>Version of the stored statements; those of an older version are analysed again.</summary>
    public const int Version = AttributionVersion.Current;

    private readonly TextAnalyzer _analyzer = new();
    private readonly StatementExtractor _extractor = new(CampClassifier.Default, entityOptions);
    private readonly EntityAnalyzer _entities = new(documents, entities, entityOptions);

    /// <summary>Analyses every document whose statements are missing or outdated (or whose entities are); returns how many were analysed.</summary>
    public async Task<int> AnalyzePendingAsync(CancellationToken cancellationToken = default)
    {
        var (pending, staleEntities) = await PendingAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in pending) await AnalyzeAsync(id, staleEntities.Contains(id), cancellationToken).ConfigureAwait(false);
        return pending.Count;
    }

    /// <summary>Analyses those of <paramref name="documentIds"/> whose statements are missing or outdated; returns how many were analysed.</summary>
    public async Task<int> AnalyzePendingAsync(IEnumerable<long> documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        var (pending, staleEntities) = await PendingAsync(cancellationToken).ConfigureAwait(false);
        var wanted = documentIds.ToHashSet();
        var ids = pending.Where(wanted.Contains).ToList();
        foreach (var id in ids) await AnalyzeAsync(id, staleEntities.Contains(id), cancellationToken).ConfigureAwait(false);
        return ids.Count;
    }

    /// <summary>Analyses every document again (after reprocessing changed their text); returns how many were analysed.</summary>
    public async Task<int> AnalyzeAllAsync(CancellationToken cancellationToken = default)
    {
        var ids = await documents.ListIdsAsync(cancellationToken).ConfigureAwait(false);
        var staleEntities = (await entities.ListDocumentsNeedingEntitiesAsync(EntityResolver.Version, cancellationToken).ConfigureAwait(false)).ToHashSet();
        foreach (var id in ids) await AnalyzeAsync(id, staleEntities.Contains(id), cancellationToken).ConfigureAwait(false);
        return ids.Count;
    }

    /// <summary>Analyses one document and replaces its stored statements (its entities too when none are stored); returns the statements
    /// (questions included), or null when there is no such document.</summary>
    public Task<IReadOnlyList<AttributedStatement>?> AnalyzeAsync(long documentId, CancellationToken cancellationToken = default) =>
        AnalyzeAsync(documentId, refreshEntities: false, cancellationToken);

    private async Task<(List<long> Pending, HashSet<long> StaleEntities)> PendingAsync(CancellationToken cancellationToken)
    {
        var staleStatements = await statements.ListDocumentsNeedingStatementsAsync(Version, cancellationToken).ConfigureAwait(false);
        var staleEntities = (await entities.ListDocumentsNeedingEntitiesAsync(EntityResolver.Version, cancellationToken).ConfigureAwait(false)).ToHashSet();
        // Statements rest on the entities: a document whose entities are redone gets its statements redone too.
        return ([.. staleStatements.Union(staleEntities).Order()], staleEntities);
    }

    private async Task<IReadOnlyList<AttributedStatement>?> AnalyzeAsync(long documentId, bool refreshEntities, CancellationToken cancellationToken)
    {
        var document = await documents.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (document is null) return null;
        var analysis = _analyzer.Analyze(document.Content.Text, document.Content.Blocks, cancellationToken);
        var resolved = refreshEntities ? null : await entities.GetEntitiesAsync(documentId, cancellationToken).ConfigureAwait(false);
        resolved ??= await _entities.AnalyzeAsync(document, analysis, cancellationToken).ConfigureAwait(false);
        var found = _extractor.Extract(document, analysis, resolved, cancellationToken);
        await statements.SaveStatementsAsync(documentId, found, Version, cancellationToken).ConfigureAwait(false);
        return found;
    }
}
