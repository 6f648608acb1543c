using Storyline.Briefing;
using Storyline.Claims;
using Storyline.Pipeline.Analysis;
using Storyline.Storage;
using Storyline.Stories;

namespace Storyline.Ingestion;

/// <summary>What a stories pass did: ledgers rebuilt, briefings written, and stories (or the speaker directory) left because another
/// process had their turn.</summary>
public sealed record StoriesRefresh(int Ledgers, int Briefings, int Left);

/// <summary>What finishing a batch did: the (document, story) pairs assigned and how many documents were analysed.</summary>
public sealed record IngestFinish(IReadOnlyList<(long Document, long Story)> Assigned, int Analysed)
{
    /// <summary>The analysis run, stage by stage, with the documents whose analysis failed.</summary>
    public AnalysisSummary? Analysis { get; init; }
}

/// <summary>What every ingest (CLI, web, bench) runs after storing: new documents join stories, then the analysis pipeline runs the stages
/// each document lacks (text, time expressions, entities, statements, sentence vectors) and stores their results, then the stories whose
/// statements changed get their claims ledger built again, their briefing written and stored, and the speaker directory written anew.</summary>
/// <param name="stories">The store's stories.</param>
/// <param name="analyzer">The document analysis.</param>
/// <param name="claims">Builds claims ledgers (none: no ledgers).</param>
/// <param name="briefings">Writes stored briefings (none: none are stored, and readers write them on each view).</param>
/// <param name="speakers">Writes the stored speaker directory (none: readers summarise every statement on each request).</param>
public sealed class IngestFinisher(IStoryStore stories, DocumentAnalyzer analyzer, StoryClaimsAnalyzer? claims = null, StoryBriefingAnalyzer? briefings = null,
    SpeakerDirectory? speakers = null)
{
    /// <summary>A finisher over one store that holds documents, stories, analyses, entities, statements and claims; <paramref name="claimBuilder"/>
    /// builds the ledgers (the default: the embedded stance model over <see cref="ClaimGrouper"/>).</summary>
    public static IngestFinisher For<TStore>(TStore store, AnalysisPipeline? pipeline = null, DocumentAnalyzerOptions? options = null, IClaimBuilder? claimBuilder = null,
        Microsoft.Extensions.Logging.ILogger? logger = null, bool storiesAtFinish = true, bool placeUpToBatch = false)
        where TStore : IDocumentStore, IStoryStore, IAnalysisStore, IEntityStore, IStatementStore, IClaimStore, IBriefingStore, IViewStore =>
        new(store, DocumentAnalyzer.For(store, pipeline, options, logger), StoryClaimsAnalyzer.For(store, claimBuilder ?? DefaultClaimBuilder.Value),
            StoryBriefingAnalyzer.For(store), SpeakerDirectory.For(store)) { StoriesAtFinish = storiesAtFinish, PlaceUpToBatch = placeUpToBatch };

    /// <summary>When false, <see cref="FinishAsync(IEnumerable{long}?, CancellationToken)"/> leaves the claims ledgers, the briefings and the
    /// speaker directory to <see cref="RefreshStoriesAsync"/>: a worker builds them when the queue runs dry (or every few minutes), not once
    /// per batch (a big story's ledger and briefing cost about what its evidence weighs, the directory what every statement does, and every
    /// batch would pay them again; and a batch whose documents another worker placed in stories could not tell which stories it changed).</summary>
    public bool StoriesAtFinish { get; init; } = true;

    /// <summary>When true, <see cref="FinishAsync(IEnumerable{long}?, CancellationToken)"/> given documents places in stories only the
    /// unplaced documents up to the highest of them (placement goes in id order), not every unplaced document: a worker places its own
    /// batch, so that its first batch does not place the whole queue while the other workers wait their turn.</summary>
    public bool PlaceUpToBatch { get; init; }

    /// <summary>Reports the briefing pass that follows the analysis (stories looked at out of those changed), for a progress display.</summary>
    public IProgress<AnalysisProgress>? BriefingProgress { get; set; }

    private static readonly Lazy<IClaimBuilder> DefaultClaimBuilder = new(() => new StanceClaimBuilder());

    /// <summary>The analyzer it runs.</summary>
    public DocumentAnalyzer Analyzer => analyzer;

    /// <summary>Assigns every document without a story, then analyses those (of <paramref name="documentIds"/>, when given) with a missing or outdated stage.</summary>
    public Task<IngestFinish> FinishAsync(IEnumerable<long>? documentIds = null, CancellationToken cancellationToken = default) =>
        FinishAsync(documentIds, null, cancellationToken);

    /// <summary>As <see cref="FinishAsync(IEnumerable{long}?, CancellationToken)"/>, reporting the analysis' progress.</summary>
    public async Task<IngestFinish> FinishAsync(IEnumerable<long>? documentIds, IProgress<AnalysisProgress>? progress, CancellationToken cancellationToken = default)
    {
        IReadOnlyCollection<long>? ids = documentIds is null ? null : documentIds as IReadOnlyCollection<long> ?? [.. documentIds];
        long? upTo = PlaceUpToBatch && ids is { Count: > 0 } ? ids.Max() : null;
        var assigned = await new StoryAssigner(stories).AssignPendingAsync(upTo, cancellationToken).ConfigureAwait(false);
        var summary = await analyzer.AnalyzePendingAsync(ids, progress, cancellationToken).ConfigureAwait(false);
        if (StoriesAtFinish && claims is not null && (assigned.Count > 0 || summary.Analysed > 0))
        {
            // New documents' stories; every story (each skipped while its statements are unchanged) when older documents were analysed too.
            IEnumerable<long>? touched = summary.Analysed > assigned.Count ? null : assigned.Select(a => a.Story).Distinct();
            await claims.RefreshAsync(touched, cancellationToken).ConfigureAwait(false);
            if (briefings is not null) await briefings.RefreshAsync(touched, BriefingProgress, cancellationToken).ConfigureAwait(false);
            if (speakers is not null) await speakers.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        return new IngestFinish(assigned, summary.Analysed) { Analysis = summary };
    }

    /// <summary>Rebuilds the claims ledger, then writes the briefing, of every story whose analysis changed since they were (each other story
    /// is skipped after comparing its stamps), then the speaker directory if any statement changed.</summary>
    /// <returns>How many ledgers were rebuilt and briefings written.</returns>
    public async Task<(int Ledgers, int Briefings)> RefreshStoriesAsync(CancellationToken cancellationToken = default)
    {
        var pass = await RefreshStoriesAsync(null, waitForOthers: true, cancellationToken).ConfigureAwait(false);
        return (pass.Ledgers, pass.Briefings);
    }

    /// <summary>As <see cref="RefreshStoriesAsync(CancellationToken)"/>, shared with other processes: each story's ledger and briefing, and the
    /// speaker directory, are refreshed under their turn (<c>story:ID</c>, <c>speakers</c>), so that workers split a pass between them instead
    /// of waiting for one another's whole pass. A story whose turn another process has is tried again after <see cref="IWorkTurns.WaitAsync"/>
    /// when <paramref name="waitForOthers"/> (the other may have read its statements before this process's last batch changed them), and left
    /// otherwise (<see cref="StoriesRefresh.Left"/>: the caller runs a pass again later). Null <paramref name="turns"/>: this process alone.</summary>
    public async Task<StoriesRefresh> RefreshStoriesAsync(IWorkTurns? turns, bool waitForOthers, CancellationToken cancellationToken = default)
    {
        // Story ids, then null for the speaker directory (when there is one to write).
        List<long?> todo = [.. (await stories.ListStoriesAsync(cancellationToken).ConfigureAwait(false)).Select(s => (long?)s.Id)];
        int ledgers = 0, written = 0, total = todo.Count, done = 0;
        if (speakers is not null) todo.Add(null);
        // Processes sharing the pass start at different places in the list, so that they seldom reach for the same story at once.
        if (turns is not null && todo.Count > 1)
        {
            int start = Random.Shared.Next(todo.Count);
            todo = [.. todo.Skip(start), .. todo.Take(start)];
        }
        BriefingProgress?.Report(new AnalysisProgress(0, total));
        while (true)
        {
            List<long?> othersHave = [];
            foreach (var story in todo)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Stamps are compared before a turn is taken: most stories are unchanged, and a turn costs two writes to the store. (Alone,
                // the refresh below compares them itself.)
                if (turns is not null && story is { } current && (claims is null || await claims.IsCurrentAsync(current, cancellationToken).ConfigureAwait(false))
                    && (briefings is null || await briefings.IsCurrentAsync(current, cancellationToken).ConfigureAwait(false)))
                {
                    BriefingProgress?.Report(new AnalysisProgress(++done, total));
                    continue;
                }
                await using var turn = turns is null ? null
                    : await turns.TryTakeAsync(story is { } named ? StoryTurn(named) : SpeakersTurn, cancellationToken).ConfigureAwait(false);
                if (turns is not null && turn is null)
                {
                    othersHave.Add(story);
                    continue;
                }
                if (story is { } id)
                {
                    if (claims is not null) ledgers += await claims.RefreshAsync([id], cancellationToken).ConfigureAwait(false);
                    if (briefings is not null) written += await briefings.RefreshAsync([id], null, cancellationToken).ConfigureAwait(false);
                    BriefingProgress?.Report(new AnalysisProgress(++done, total));
                }
                else await speakers!.RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            if (othersHave.Count == 0 || !waitForOthers) return new StoriesRefresh(ledgers, written, othersHave.Count);
            await turns!.WaitAsync(cancellationToken).ConfigureAwait(false);
            todo = othersHave;
        }
    }

    /// <summary>The turn (<see cref="IWorkTurns"/>) at the speaker directory.</summary>
    public const string SpeakersTurn = "speakers";

    /// <summary>The turn (<see cref="IWorkTurns"/>) at one story's ledger and briefing.</summary>
    public static string StoryTurn(long storyId) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"story:{storyId}");

    /// <summary>What ingest does instead of finishing when workers analyse (<c>storyline worker</c>): queues the documents the batch stored
    /// (new ones and near-duplicates; an exact duplicate was queued or analysed when first stored) for a worker to finish.</summary>
    /// <returns>The ids queued.</returns>
    public static async Task<IReadOnlyList<long>> EnqueueAsync(IAnalysisQueue queue, IEnumerable<IngestResult> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(results);
        List<long> ids = [.. results.Where(r => r.DocumentId is not null && r.Status is IngestStatus.Ingested or IngestStatus.NearDuplicate)
            .Select(r => r.DocumentId!.Value).Distinct()];
        await queue.EnqueueAsync(ids, cancellationToken).ConfigureAwait(false);
        return ids;
    }

    /// <summary>Analyses every document with a missing or outdated stage: after reprocessing (which drops the analyses of the documents whose
    /// text it changed) or an upgrade that changed a stage's version. Stories are kept.</summary>
    public async Task<AnalysisSummary> ReanalyzeAsync(IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var summary = await analyzer.AnalyzePendingAsync(null, progress, cancellationToken).ConfigureAwait(false);
        // A new claims builder version rebuilds every ledger, as does any change to a story's statements; the briefings and the speaker
        // directory follow.
        await RefreshStoriesAsync(cancellationToken).ConfigureAwait(false);
        return summary;
    }
}
