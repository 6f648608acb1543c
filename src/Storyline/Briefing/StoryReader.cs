using Storyline.Pipeline.Analysis;
using Storyline.Storage;
using Storyline.Text;
using Storyline.Time;
using Storyline.Language.Embeddings;

namespace Storyline.Briefing;

/// <summary>A story's documents with their stored analysis, and those not analysed yet.</summary>
/// <param name="Documents">Analysed documents, oldest first.</param>
/// <param name="Pending">Documents of the story whose text analysis is not stored yet (queued, or stored by an older version): left out.</param>
public sealed record StoryDocuments(IReadOnlyList<AnalysedDocument> Documents, IReadOnlyList<long> Pending);

/// <summary>Loads a story's documents with the analysis stored for them (sentences, time expressions, sentence vectors); it never analyses.</summary>
public sealed class StoryReader(IDocumentStore documents, IStoryStore stories, IAnalysisStore analyses)
{
    // Decoding only: the stages' own Decode reads what they stored.
    private static readonly TextAnalysisStage TextStage = new();
    private static readonly TimeExpressionStage TimeStage = new();
    private static readonly SentenceEmbeddingStage VectorStage = new();
    /// <summary>The versions of the stages it decodes: what is written from a story's analysis is current only while these are too.</summary>
    internal static string StageVersions { get; } = string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{TextStage.Version}.{TimeStage.Version}.{VectorStage.Version}");

    private static readonly string[] Stages = [TextAnalysisStage.StageName, TimeExpressionStage.StageName, SentenceEmbeddingStage.StageName];

    /// <summary>The id of the story to brief: the given one, or the most recently updated.</summary>
    public async Task<long?> ResolveStoryAsync(long? storyId, CancellationToken cancellationToken = default)
    {
        if (storyId is { } id) return await stories.GetStoryAsync(id, cancellationToken).ConfigureAwait(false) is null ? null : id;
        var all = await stories.ListStoriesAsync(cancellationToken).ConfigureAwait(false);
        return all.Count == 0 ? null : all.MaxBy(s => (s.UpdatedAt, s.Id))!.Id;
    }

    /// <summary>The story's analysed documents, oldest first.</summary>
    public async Task<IReadOnlyList<AnalysedDocument>> ReadAsync(long storyId, CancellationToken cancellationToken = default) =>
        (await ReadStoryAsync(storyId, cancellationToken).ConfigureAwait(false)).Documents;

    /// <summary>The story's analysed documents, oldest first, and the ids of those not analysed yet.</summary>
    public async Task<StoryDocuments> ReadStoryAsync(long storyId, CancellationToken cancellationToken = default)
    {
        var developments = await stories.GetDevelopmentsAsync(storyId, cancellationToken).ConfigureAwait(false);
        var ids = await stories.GetStoryDocumentIdsAsync(storyId, cancellationToken).ConfigureAwait(false);
        var stored = (await analyses.GetAnalysesAsync(ids, Stages, cancellationToken).ConfigureAwait(false)).ToLookup(a => a.DocumentId);
        var result = new List<AnalysedDocument>();
        var pending = new List<long>();
        foreach (var doc in await documents.GetManyAsync(ids, cancellationToken).ConfigureAwait(false))
        {
            var id = doc.Id;
            var context = new AnalysisContext(doc);
            var found = stored[id].ToDictionary(a => a.Stage, StringComparer.Ordinal);
            try
            {
                if (!found.TryGetValue(TextAnalysisStage.StageName, out var text) || !found.TryGetValue(TimeExpressionStage.StageName, out var times))
                {
                    pending.Add(id);
                    continue;
                }
                TextStage.Decode(context, text.Data);
                TimeStage.Decode(context, times.Data);
                // Vectors are stored in the same transaction as the sentences they embed; a count that differs means they do not line up,
                // and selection falls back to word overlap.
                if (found.TryGetValue(SentenceEmbeddingStage.StageName, out var vectors))
                {
                    VectorStage.Decode(context, vectors.Data);
                    if (context.SentenceVectors!.Count != context.TextAnalysis!.Sentences.Count) context.SentenceVectors = null;
                }
            }
            catch (InvalidDataException)
            {
                pending.Add(id);
                continue;
            }
            result.Add(new AnalysedDocument(doc, context.TextAnalysis!, context.Times!, developments.GetValueOrDefault(id, id), context.SentenceVectors));
        }
        return new StoryDocuments(result, pending);
    }
}
