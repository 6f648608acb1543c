using Storyline.Storage;

namespace Storyline.Stories;

/// <summary>Assigns stored documents that have no story yet, one document per store transaction: each new document joins a development (or
/// starts one) and each new development a story, reading and updating only the stored clustering state its terms reach, so adding one
/// document costs the same in a small store as in a large one. Near-duplicates follow their original; documents placed before the state
/// was kept (older stores) have it rebuilt in document order first.</summary>
public sealed class StoryAssigner(IStoryStore store, StoryAssignerOptions? options = null, TermVectorizerOptions? vectorOptions = null)
{
    private readonly StoryPlacer _placer = new(options ?? StoryAssignerOptions.Default,
        new TermVectorizer(vectorOptions ?? new TermVectorizerOptions(), BackgroundFrequencies.Default));

    /// <summary>Assigns every unassigned document; returns the (document, story) pairs assigned now.</summary>
    public Task<IReadOnlyList<(long Document, long Story)>> AssignPendingAsync(CancellationToken cancellationToken = default) =>
        AssignPendingAsync(null, cancellationToken);

    /// <summary>Assigns the unassigned documents up to id <paramref name="upTo"/> (every one when null), in id order; returns the
    /// (document, story) pairs assigned now. A worker places its batch this way rather than the whole queue, so that workers' placements
    /// (which take turns) interleave with their analyses (which do not).</summary>
    public async Task<IReadOnlyList<(long Document, long Story)>> AssignPendingAsync(long? upTo, CancellationToken cancellationToken = default)
    {
        var assigned = new List<(long, long)>();
        var touched = new HashSet<long>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The write transaction is taken before the state is read: another assigner's step either ended before or waits for this one.
            await using var scope = await store.BeginStoryAssignmentAsync(cancellationToken).ConfigureAwait(false);
            if (await scope.NextPendingAsync(cancellationToken).ConfigureAwait(false) is not { } next || next.DocumentId > upTo) break;
            var published = PublicationInterval.Of(next.Published);
            var decision = await _placer.DecideAsync(scope, next.Title, next.Text, published, next.Placed ?? next.Original, cancellationToken).ConfigureAwait(false);
            var story = decision.Story ?? await scope.CreateStoryAsync(next.Title ?? "Untitled story", cancellationToken).ConfigureAwait(false);
            await _placer.ApplyAsync(scope, next.DocumentId, decision, story, cancellationToken).ConfigureAwait(false);
            if (next.Placed is null)
            {
                await scope.RecordAsync(next.DocumentId, story, decision.Development ?? next.DocumentId, decision.Similarity, cancellationToken).ConfigureAwait(false);
                assigned.Add((next.DocumentId, story));
                touched.Add(story);
            }
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        // A story's title follows its most central document; once per story per batch, as that reads the whole story.
        foreach (var story in touched)
        {
            await using var scope = await store.BeginStoryAssignmentAsync(cancellationToken).ConfigureAwait(false);
            var representative = await StoryPlacer.RepresentativeAsync(scope, story, cancellationToken).ConfigureAwait(false);
            if (await scope.TitleOfAsync(representative, cancellationToken).ConfigureAwait(false) is { } title && !string.IsNullOrWhiteSpace(title))
                await scope.SetStoryTitleAsync(story, title, cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return assigned;
    }
}
