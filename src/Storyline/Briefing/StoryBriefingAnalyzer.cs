using System.Globalization;
using Storyline.Storage;

namespace Storyline.Briefing;

/// <summary>Writes and stores the briefing and timeline of stories whose analysis changed since they were last written: the story-level step
/// that follows the claims ledger (the briefing's "Who Thinks What?" reads it). Readers then show a story by reading one row
/// (<see cref="StoredBriefingReader"/>) instead of loading every document's analysis and writing the briefing on each view.</summary>
public sealed class StoryBriefingAnalyzer(IStoryStore stories, IStatementStore statements, IClaimStore claims, IBriefingStore briefings, StoryEvidenceLoader loader)
{
    /// <summary>An analyzer over one store.</summary>
    public static StoryBriefingAnalyzer For<TStore>(TStore store)
        where TStore : IDocumentStore, IStoryStore, IAnalysisStore, IStatementStore, IClaimStore, IBriefingStore =>
        new(store, store, store, store, StoryEvidenceLoader.For(store));

    /// <summary>Writes the briefings of those of <paramref name="storyIds"/> (every story when null) whose stamp moved since theirs was stored;
    /// returns how many were written.</summary>
    public Task<int> RefreshAsync(IEnumerable<long>? storyIds = null, CancellationToken cancellationToken = default) =>
        RefreshAsync(storyIds, null, cancellationToken);

    /// <summary>As <see cref="RefreshAsync(IEnumerable{long}?, CancellationToken)"/>, reporting the stories looked at out of those to look at.</summary>
    public async Task<int> RefreshAsync(IEnumerable<long>? storyIds, IProgress<Pipeline.Analysis.AnalysisProgress>? progress, CancellationToken cancellationToken = default)
    {
        var ids = storyIds?.Distinct().ToList() ?? [.. (await stories.ListStoriesAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.Id)];
        int written = 0, done = 0;
        progress?.Report(new Pipeline.Analysis.AnalysisProgress(0, ids.Count));
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (done++ > 0) progress?.Report(new Pipeline.Analysis.AnalysisProgress(done - 1, ids.Count));
            var stamp = await StampAsync(id, cancellationToken).ConfigureAwait(false);
            if (await briefings.GetBriefingStampAsync(id, cancellationToken).ConfigureAwait(false) == stamp) continue;
            // A story with no analysed document yet has nothing to brief: it is written once its documents are analysed (the stamp moves).
            if (await loader.LoadAsync(id, cancellationToken).ConfigureAwait(false) is not { } evidence) continue;
            var briefing = new ExtractiveBriefingWriter().Write(evidence, cancellationToken);
            var timeline = new TimelineBuilder().Build(evidence.Documents, cancellationToken);
            // The store holds each document's text once: the stored briefing's sources are metadata, their texts are read back when shown.
            var sources = briefing.Sources.ToDictionary(s => s.Key, s => s.Value with { Text = "" });
            await briefings.SaveBriefingAsync(new StoredBriefing(id, stamp, briefing with { Sources = sources }, timeline,
                [.. evidence.Documents.Select(d => d.Document.Id)], evidence.Pending), cancellationToken)
                .ConfigureAwait(false);
            written++;
        }
        progress?.Report(new Pipeline.Analysis.AnalysisProgress(ids.Count, ids.Count));
        return written;
    }

    /// <summary>Whether the story's stored briefing was written from what the story holds now (read only).</summary>
    public async Task<bool> IsCurrentAsync(long storyId, CancellationToken cancellationToken = default) =>
        await briefings.GetBriefingStampAsync(storyId, cancellationToken).ConfigureAwait(false) == await StampAsync(storyId, cancellationToken).ConfigureAwait(false);

    /// <summary>The story's stamp, then on a second line its claims ledger's version and stamp: a ledger built again on unchanged statements
    /// (a new claims builder) writes the briefing again too.</summary>
    private async Task<string> StampAsync(long storyId, CancellationToken cancellationToken)
    {
        var story = await BriefingStamp.ComputeAsync(stories, statements, storyId, cancellationToken).ConfigureAwait(false);
        var ledger = await claims.GetClaimsStampAsync(storyId, cancellationToken).ConfigureAwait(false);
        // The ledger's stamp lists every document it has seen: a digest keeps the briefing's stamp short.
        static string Digest(string text) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)), 0, 8);
        return ledger is null ? story : story + string.Create(CultureInfo.InvariantCulture, $"\n{ledger.Version}/{Digest(ledger.Stamp)}");
    }
}

/// <summary>Reads a story's stored briefing when it is current, with the texts of the documents it cites: the read path of
/// <c>storyline brief</c>, <c>timeline</c> and the story page. It never analyses and never writes.</summary>
public sealed class StoredBriefingReader(IDocumentStore documents, IStoryStore stories, IStatementStore statements, IBriefingStore briefings)
{
    /// <summary>A reader over one store.</summary>
    public static StoredBriefingReader For<TStore>(TStore store) where TStore : IDocumentStore, IStoryStore, IStatementStore, IBriefingStore =>
        new(store, store, store, store);

    /// <summary>The story's stored briefing with its documents, or null when none is stored or the story changed since it was written (the
    /// caller then writes one from the evidence, as before the analysis caught up).</summary>
    public async Task<BriefingRead?> ReadAsync(long storyId, CancellationToken cancellationToken = default)
    {
        var stored = await briefings.GetBriefingAsync(storyId, cancellationToken).ConfigureAwait(false);
        if (stored is null) return null;
        var now = await BriefingStamp.ComputeAsync(stories, statements, storyId, cancellationToken).ConfigureAwait(false);
        // The ledger line is the writer's concern: it is rewritten right after the ledger, in the same refresh.
        if (!string.Equals(stored.Stamp.Split('\n', 2)[0], now, StringComparison.Ordinal)) return null;
        var docs = await documents.GetManyAsync(stored.Documents, cancellationToken).ConfigureAwait(false);
        // A document deleted since (its story's stamp moves with it, so this is a race with the deletion): written anew by the caller.
        if (docs.Count != stored.Documents.Count) return null;
        var texts = docs.ToDictionary(d => d.Id, d => d.Content.Text);
        var briefing = stored.Briefing;
        var sources = briefing.Sources.ToDictionary(s => s.Key, s => texts.TryGetValue(s.Key, out var text) ? s.Value with { Text = text } : s.Value);
        return new BriefingRead(stored with { Briefing = briefing with { Sources = sources } }, docs);
    }
}
