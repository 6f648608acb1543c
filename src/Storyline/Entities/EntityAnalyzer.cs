using Storyline.Documents;
using Storyline.Storage;
using Storyline.Text;

namespace Storyline.Entities;

/// <summary>Runs text analysis, named-entity recognition and entity resolution over stored documents and stores the result.</summary>
public sealed class EntityAnalyzer(IDocumentStore documents, IEntityStore entities, EntityResolverOptions? options = null)
{
    private readonly TextAnalyzer _analyzer = new();
    private readonly EntityStage _stage = new(options);

    /// <summary>Analyses every document that has no current analysis; returns how many were analysed.</summary>
    public async Task<int> AnalyzePendingAsync(CancellationToken cancellationToken = default)
    {
        var ids = await entities.ListDocumentsNeedingEntitiesAsync(EntityResolver.Version, cancellationToken).ConfigureAwait(false);
        foreach (var id in ids) await AnalyzeAsync(id, cancellationToken).ConfigureAwait(false);
        return ids.Count;
    }

    /// <summary>Analyses every document again (after reprocessing changed their text); returns how many were analysed.</summary>
    public async Task<int> AnalyzeAllAsync(CancellationToken cancellationToken = default)
    {
        var ids = await documents.ListIdsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in ids) await AnalyzeAsync(id, cancellationToken).ConfigureAwait(false);
        return ids.Count;
    }

    /// <summary>Analyses one document and replaces its stored analysis; returns the result, or null when there is no such document.</summary>
    public async Task<DocumentEntities?> AnalyzeAsync(long documentId, CancellationToken cancellationToken = default)
    {
        var document = await documents.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (document is null) return null;
        var analysis = _analyzer.Analyze(document.Content.Text, document.Content.Blocks, cancellationToken);
        return await AnalyzeAsync(document, analysis, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Analyses one document whose text is already analysed and replaces its stored analysis; returns the result.</summary>
    public async Task<DocumentEntities> AnalyzeAsync(StoredDocument document, TextAnalysis analysis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        // The analysis pipeline's entity stage does the work, so the two cannot resolve differently.
        var context = new Pipeline.Analysis.AnalysisContext(document) { TextAnalysis = analysis };
        _stage.Analyze(context, cancellationToken);
        var result = context.Entities!;
        await entities.SaveEntitiesAsync(document.Id, result, EntityResolver.Version, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The key part that names a stored document in document-local entity keys ("doc 7").</summary>
    public static string DocumentKey(long documentId) => FormattableString.Invariant($"doc {documentId}");
}
