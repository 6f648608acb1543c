using Storyline.Attribution;
using Storyline.Briefing;
using Storyline.Storage;

namespace Storyline.Web.Services;

/// <summary>A story in the stories list: what the store says about it and the camps quoted in it.</summary>
public sealed record StorySummaryView(StoryInfo Story, IReadOnlyList<string> Camps);

/// <summary>One of a story's documents, as the story page lists it.</summary>
public sealed record StoryDocumentView(long Id, string Title, string? Publisher, DateTimeOffset? Published, long? DuplicateOf, string? PublishedLabel = null);

/// <summary>A speaker's statements in a story.</summary>
public sealed record SpeakerStatements(string Speaker, string? Role, IReadOnlyList<AttributedStatement> Statements);

/// <summary>A camp's speakers in a story, most quoted first.</summary>
public sealed record CampSpeakers(string Camp, IReadOnlyList<SpeakerStatements> Speakers);

/// <summary>A source (publisher) of a story with how many statements of each camp its documents quote.</summary>
public sealed record SourceQuotes(string Source, IReadOnlyList<long> Documents, IReadOnlyDictionary<string, int> Camps)
{
    /// <summary>All statements quoted by the source.</summary>
    public int Total => Camps.Values.Sum();
}

/// <summary>Everything the story page and the story APIs show, built once per story version.</summary>
/// <param name="Story">The story as listed.</param>
/// <param name="Briefing">The cited briefing (same sections as <c>storyline brief</c>).</param>
/// <param name="Timeline">Dated events with their sources.</param>
/// <param name="WhoThinksWhat">Statements by camp and speaker.</param>
/// <param name="Sources">Per source, the statements of each camp it quotes.</param>
/// <param name="Documents">The story's documents, oldest first.</param>
/// <param name="Camps">Camps quoted in the story, most quoted first (their order gives their colours).</param>
public sealed record StoryView(StoryInfo Story, StoryBriefing Briefing, IReadOnlyList<TimelineEvent> Timeline, IReadOnlyList<CampSpeakers> WhoThinksWhat,
    IReadOnlyList<SourceQuotes> Sources, IReadOnlyList<StoryDocumentView> Documents, IReadOnlyList<string> Camps)
{
    /// <summary>The story's claims ledger as the analysis stored it, ranked (empty when the story has none yet).</summary>
    public IReadOnlyList<Storyline.Claims.LedgerClaim> Claims { get; init; } = [];

    /// <summary>The stored ledger's version and stamp (empty when there is none): a cached view with another one takes the new ledger.</summary>
    public string ClaimsStamp { get; init; } = "";
}

/// <summary>Reads stories for pages and APIs through the engine's shared path (<see cref="StoryEvidenceLoader"/>, the briefing writer, the
/// timeline builder), caching each story's view until its documents or their statement analyses change.</summary>
public sealed class StoryService(StoreFactory stores, StoryCache cache)
{
    /// <summary>Every story, most recent first, with the camps quoted in it.</summary>
    public async Task<IReadOnlyList<StorySummaryView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        // One grouped query for every story's camps (it was one query per story, each reading all of the story's statements).
        var camps = (await store.CountCampsByStoryAsync(cancellationToken).ConfigureAwait(false)).ToLookup(c => c.StoryId);
        return [.. (await store.ListStoriesAsync(cancellationToken).ConfigureAwait(false))
            .Select(story => new StorySummaryView(story, StoryListItem.OrderCamps(camps[story.Id].Select(c => (c.Camp, c.Statements)))))];
    }

    /// <summary>One story's view, from the cache when the story has not changed; null when there is no such story or it has no documents.</summary>
    public async Task<StoryView?> GetAsync(long storyId, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        var story = await store.GetStoryAsync(storyId, cancellationToken).ConfigureAwait(false);
        if (story is null) return null;
        // Read before the evidence: statements analysed while the view is built leave it stamped as older, so the next view is built anew.
        var statements = await store.GetStatementsStampAsync(storyId, cancellationToken).ConfigureAwait(false);
        // The ledger is one stored row, read on every view: it is rebuilt after the statements it rests on, so a cached view could hold an older one.
        var stored = await store.GetClaimsAsync(storyId, cancellationToken).ConfigureAwait(false);
        var claimsStamp = stored is null ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{stored.Version}/{stored.Stamp}");
        // The briefing's "Who Thinks What?" reads the ledger too: a view built on another ledger is built again.
        if (cache.Get(story, statements) is { } cached && cached.ClaimsStamp == claimsStamp) return cached;
        StoryView view;
        // The briefing and timeline the analysis stored, while the story is unchanged since; else written here from the evidence.
        if (await StoredBriefingReader.For(store).ReadAsync(storyId, cancellationToken).ConfigureAwait(false) is { } read)
        {
            var (said, _) = await StoryEvidenceLoader.ReadStatementsAsync(store, read.Documents, null, cancellationToken).ConfigureAwait(false);
            view = Build(story, read.Briefing, read.Stored.Timeline, read.Documents, said);
        }
        else
        {
            var evidence = await new StoryEvidenceLoader(store, store, store, store).LoadAsync(storyId, cancellationToken).ConfigureAwait(false);
            if (evidence is null) return null;
            view = Build(story, evidence with { Claims = stored?.Claims ?? [] }, cancellationToken);
        }
        view = view with { Claims = stored?.Claims ?? [], ClaimsStamp = claimsStamp };
        cache.Set(view, statements);
        return view;
    }

    /// <summary>Builds a story's view from its evidence: the one place the web app calls the briefing writer and the timeline builder.</summary>
    public static StoryView Build(StoryInfo story, StoryEvidence evidence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        // The page shows the timeline; the briefing's chronology is one entry per development and needs none.
        var timeline = new TimelineBuilder().Build(evidence.Documents, cancellationToken);
        var briefing = new ExtractiveBriefingWriter().Write(evidence, cancellationToken);
        return Build(story, briefing, timeline, [.. evidence.Documents.Select(d => d.Document)], evidence.Statements);
    }

    /// <summary>A story's view from its briefing, timeline, documents (oldest first) and the statements of its original documents.</summary>
    private static StoryView Build(StoryInfo story, StoryBriefing briefing, IReadOnlyList<TimelineEvent> timeline, IReadOnlyList<Documents.StoredDocument> storyDocuments,
        IReadOnlyList<AttributedStatement> statements)
    {
        // The contract's camp order (the CLI's stories list uses it too), so the list and the story page colour camps alike.
        var camps = StoryListItem.OrderCamps(statements.GroupBy(s => s.Camp, StringComparer.Ordinal).Select(g => (g.Key, g.Count())));
        var who = camps.Select(camp => new CampSpeakers(camp, [.. statements.Where(s => s.Camp == camp)
                .GroupBy(s => s.SpeakerKey ?? s.Speaker, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .Select(g => new SpeakerStatements(g.First().Speaker, g.Select(s => s.SpeakerRole).FirstOrDefault(r => r is not null), [.. g]))]))
            .ToList();
        var documents = storyDocuments.Select(d => new StoryDocumentView(d.Id, Rendering.DocumentView.Title(d.Content.Metadata.Title, d.InputName, d.Id),
            d.Content.Metadata.Publisher, d.Content.Metadata.Published?.Value, d.DuplicateOf, d.Content.Metadata.Published?.Label)).ToList();
        var byDocument = statements.GroupBy(s => s.DocumentId).ToDictionary(g => g.Key, g => g.ToList());
        var sources = documents.Where(d => d.DuplicateOf is null)
            .GroupBy(d => string.IsNullOrWhiteSpace(d.Publisher) ? "Unknown source" : d.Publisher.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var quoted = g.SelectMany(d => byDocument.GetValueOrDefault(d.Id) ?? []).ToList();
                var counts = camps.Where(c => quoted.Any(s => s.Camp == c)).ToDictionary(c => c, c => quoted.Count(s => s.Camp == c), StringComparer.Ordinal);
                return new SourceQuotes(g.Key, [.. g.Select(d => d.Id)], counts);
            })
            .OrderByDescending(s => s.Total).ThenBy(s => s.Source, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new StoryView(story, briefing, timeline, who, sources, documents, camps);
    }
}
