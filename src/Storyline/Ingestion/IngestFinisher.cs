using Storyline.Attribution;
using Storyline.Entities;
using Storyline.Storage;
using Storyline.Stories;

namespace Storyline.Ingestion;

/// <summary>What finishing a batch did: the (document, story) pairs assigned and how many documents got their statements analysed.</summary>
public sealed record IngestFinish(IReadOnlyList<(long Document, long Story)> Assigned, int Analysed);

/// <summary>The analysis every ingest (CLI and web) runs after storing: new documents join stories, then get their entities and statements stored.</summary>
public sealed class IngestFinisher(IDocumentStore documents, IStoryStore stories, IEntityStore entities, IStatementStore statements)
{
    /// <summary>A finisher over one store that holds documents, stories, entities and statements.</summary>
    public static IngestFinisher For<TStore>(TStore store) where TStore : IDocumentStore, IStoryStore, IEntityStore, IStatementStore =>
        new(store, store, store, store);

    /// <summary>Assigns every document without a story, then analyses those (of <paramref name="documentIds"/>, when given) whose entities or statements are missing or outdated.</summary>
    public async Task<IngestFinish> FinishAsync(IEnumerable<long>? documentIds = null, CancellationToken cancellationToken = default)
    {
        // Each new document joins a story or starts one ...
        var assigned = await new StoryAssigner(stories).AssignPendingAsync(cancellationToken).ConfigureAwait(false);
        // ... and gets its people, organisations and places resolved and who said what in it found, both stored: the statement analyzer
        // resolves (and stores) the entities of every document whose entities are missing or outdated from the same text analysis.
        var analyzer = new StatementAnalyzer(documents, entities, statements);
        var analysed = documentIds is null
            ? await analyzer.AnalyzePendingAsync(cancellationToken).ConfigureAwait(false)
            : await analyzer.AnalyzePendingAsync(documentIds, cancellationToken).ConfigureAwait(false);
        return new IngestFinish(assigned, analysed);
    }

    /// <summary>Analyses every document's entities and statements again, after reprocessing changed stored text; stories are kept.</summary>
    public async Task ReanalyzeAllAsync(CancellationToken cancellationToken = default)
    {
        // Offsets changed with the text: the stored entities cannot be reused, so they are resolved again before the statements.
        await new EntityAnalyzer(documents, entities).AnalyzeAllAsync(cancellationToken).ConfigureAwait(false);
        await new StatementAnalyzer(documents, entities, statements).AnalyzeAllAsync(cancellationToken).ConfigureAwait(false);
    }
}
