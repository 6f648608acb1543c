using Storyline.Storage;

namespace Storyline.Briefing;

/// <summary>Loads a story's documents from the store and analyses them for the timeline and the briefing.</summary>
public sealed class StoryReader(IDocumentStore documents, IStoryStore stories)
{
    /// <summary>The id of the story to brief: the given one, or the most recently updated.</summary>
    public async Task<long?> ResolveStoryAsync(long? storyId, CancellationToken cancellationToken = default)
    {
        if (storyId is { } id) return await stories.GetStoryAsync(id, cancellationToken).ConfigureAwait(false) is null ? null : id;
        var all = await stories.ListStoriesAsync(cancellationToken).ConfigureAwait(false);
        return all.Count == 0 ? null : all.MaxBy(s => (s.UpdatedAt, s.Id))!.Id;
    }

    /// <summary>The story's documents, analysed, oldest first.</summary>
    public async Task<IReadOnlyList<AnalysedDocument>> ReadAsync(long storyId, CancellationToken cancellationToken = default)
    {
        var developments = await stories.GetDevelopmentsAsync(storyId, cancellationToken).ConfigureAwait(false);
        var result = new List<AnalysedDocument>();
        foreach (var id in await stories.GetStoryDocumentIdsAsync(storyId, cancellationToken).ConfigureAwait(false))
        {
            var doc = await documents.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (doc is not null) result.Add(AnalysedDocument.Analyse(doc, developments.GetValueOrDefault(id, id), cancellationToken: cancellationToken));
        }
        return result;
    }
}
