using Storyline.Storage;

namespace Storyline.Stories;

/// <summary>Assigns stored documents that have no story yet, in id order, a run of documents per store transaction: each new document
/// joins a development (or starts one) and each new development a story, reading and updating only the stored clustering state its terms
/// reach, so adding one document costs the same in a small store as in a large one. Near-duplicates follow their original; documents
/// placed before the state was kept (older stores) have it rebuilt in document order first.</summary>
public sealed class StoryAssigner(IStoryStore store, StoryAssignerOptions? options = null, TermVectorizerOptions? vectorOptions = null)
{
    /// <summary>The most documents one assignment step (one write transaction) places: a worker's batch fits in one, while a large
    /// backlog still lets other writers in between steps.</summary>
    public const int DocumentsPerStep = 64;

    private readonly StoryPlacer _placer = new(options ?? StoryAssignerOptions.Default,
        new TermVectorizer(vectorOptions ?? new TermVectorizerOptions(), BackgroundFrequencies.Default));

    /// <summary>Assigns every unassigned document; returns the (document, story) pairs assigned now.</summary>
    public Task<IReadOnlyList<(long Document, long Story)>> AssignPendingAsync(CancellationToken cancellationToken = default) =>
        AssignPendingAsync(null, cancellationToken);

    /// <summary>Assigns the unassigned documents up to id <paramref name="upTo"/> (every one when null), in id order; returns the
    /// (document, story) pairs assigned now. A worker places its batch this way rather than the whole queue, so that workers' placements
    /// (which take turns) interleave with their analyses (which do not).</summary>
    public Task<IReadOnlyList<(long Document, long Story)>> AssignPendingAsync(long? upTo, CancellationToken cancellationToken = default) =>
        AssignPendingAsync(upTo, DocumentsPerStep, cancellationToken);

    /// <summary>As <see cref="AssignPendingAsync(long?, CancellationToken)"/>, placing at most <paramref name="documentsPerStep"/> documents
    /// per store transaction (each document decides as it would alone: it sees the state every document before it left).</summary>
    public async Task<IReadOnlyList<(long Document, long Story)>> AssignPendingAsync(long? upTo, int documentsPerStep, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(documentsPerStep, 1);
        var assigned = new List<(long, long)>();
        var touched = new List<long>();
        var touchedSet = new HashSet<long>();
        // Where each document of this call went: a near-duplicate whose original was placed in the same step finds it here.
        var placed = new Dictionary<long, (long Story, long Development)>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A document's terms depend on its title and text alone: they are worked out before the write lock is waited for, so that
            // assigners in other processes need not wait for this one's tokenising.
            var early = new Dictionary<long, (string? Title, string Text, Dictionary<string, float> Terms)>();
            foreach (var peeked in await store.PeekPendingAsync(upTo, documentsPerStep, cancellationToken).ConfigureAwait(false))
                early[peeked.DocumentId] = (peeked.Title, peeked.Text, _placer.Terms(peeked.Title, peeked.Text));
            // The write transaction is taken before the state is read: another assigner's step either ended before or waits for this one.
            await using var scope = await store.BeginStoryAssignmentAsync(cancellationToken).ConfigureAwait(false);
            var pending = await scope.PendingAsync(upTo, documentsPerStep, cancellationToken).ConfigureAwait(false);
            var terms = pending.Select(p => early.TryGetValue(p.DocumentId, out var e) && e.Title == p.Title && e.Text == p.Text
                ? e.Terms : _placer.Terms(p.Title, p.Text)).ToList();
            if (pending.Count > 0)
                await scope.PrepareTermsAsync(terms.SelectMany(t => t.Keys).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < pending.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var next = pending[i];
                var original = next.DuplicateOf is { } o && placed.TryGetValue(o, out var p) ? p : next.Original;
                var published = PublicationInterval.Of(next.Published);
                var decision = await _placer.DecideAsync(scope, terms[i], published, next.Placed ?? original, cancellationToken).ConfigureAwait(false);
                var story = decision.Story ?? await scope.CreateStoryAsync(next.Title ?? "Untitled story", cancellationToken).ConfigureAwait(false);
                await _placer.ApplyAsync(scope, next.DocumentId, decision, story, cancellationToken).ConfigureAwait(false);
                placed[next.DocumentId] = (story, decision.Development ?? next.DocumentId);
                if (next.Placed is null)
                {
                    await scope.RecordAsync(next.DocumentId, story, decision.Development ?? next.DocumentId, decision.Similarity, cancellationToken).ConfigureAwait(false);
                    assigned.Add((next.DocumentId, story));
                    if (touchedSet.Add(story)) touched.Add(story);
                }
            }
            var last = pending.Count < documentsPerStep;
            if (last)
            {
                // A story's title follows its most central document; once per story per call, after its last document, as that reads the whole story.
                foreach (var story in touched)
                {
                    var representative = await StoryPlacer.RepresentativeAsync(scope, story, cancellationToken).ConfigureAwait(false);
                    if (await scope.TitleOfAsync(representative, cancellationToken).ConfigureAwait(false) is { } title && !string.IsNullOrWhiteSpace(title))
                        await scope.SetStoryTitleAsync(story, title, cancellationToken).ConfigureAwait(false);
                }
            }
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (last) break;
        }
        return assigned;
    }
}
