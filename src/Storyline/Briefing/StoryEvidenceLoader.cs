using Storyline.Attribution;
using Storyline.Claims;
using Storyline.Storage;

namespace Storyline.Briefing;

/// <summary>Everything a story's briefing, timeline and "who said what" views are built from: its analysed documents and the statements attributed in them.</summary>
/// <param name="StoryId">The story.</param>
/// <param name="Documents">Its documents, analysed, oldest first (near-duplicates included; writers skip them).</param>
/// <param name="Statements">Attributed statements of its original documents, questions excluded.</param>
public sealed record StoryEvidence(long StoryId, IReadOnlyList<AnalysedDocument> Documents, IReadOnlyList<AttributedStatement> Statements)
{
    /// <summary>Documents of the story left out because their analysis is not stored yet, or whose statements are not (queued for analysis,
    /// or stored by an older version: <c>storyline reprocess</c> analyses them).</summary>
    public IReadOnlyList<long> Pending { get; init; } = [];

    /// <summary>The story's claims ledger as the analysis stored it (empty when none was built): "Who Thinks What?" leads each camp with its
    /// position on the most contested of them.</summary>
    public IReadOnlyList<LedgerClaim> Claims { get; init; } = [];

    /// <summary>The statements in the form the briefing writers take: each cites the first part of its content (what a bullet quotes).</summary>
    public IReadOnlyList<Statement> BriefingStatements()
    {
        var texts = Documents.ToDictionary(d => d.Document.Id, d => d.Text);
        return [.. Statements.Select(s => ToStatement(s, texts[s.DocumentId]))];
    }

    /// <summary>The briefing writers' form of one attributed statement.</summary>
    public static Statement ToStatement(AttributedStatement s, string documentText)
    {
        var first = s.Attribution.Content.Parts[0];
        return new Statement(s.Speaker, s.SpeakerRole, s.Camp, first.Slice(documentText).Trim(),
            new Citation(s.DocumentId, first),
            s.Attribution.Source is { } source && !s.Attribution.SourceFromHandover ? new Citation(s.DocumentId, source) : null,
            s.Attribution.Kind == AttributionKind.Direct);
    }
}

/// <summary>Loads a story's evidence from what the analysis stored: the one read path the CLI, the web app and the bench share. It never
/// analyses and never writes, so the store may be open for reading only.</summary>
public sealed class StoryEvidenceLoader(IDocumentStore documents, IStoryStore stories, IAnalysisStore analyses, IStatementStore statements, CampClassifier? camps = null,
    IClaimStore? claims = null)
{
    private readonly StoryReader _reader = new(documents, stories, analyses);

    /// <summary>A loader over one store; <paramref name="camps"/> other than the default re-classifies the stored statements.</summary>
    public static StoryEvidenceLoader For<TStore>(TStore store, CampClassifier? camps = null)
        where TStore : IDocumentStore, IStoryStore, IAnalysisStore, IStatementStore, IClaimStore => new(store, store, store, store, camps, store);

    /// <summary>The id of the story to show: the given one if it exists, or the most recently updated.</summary>
    public Task<long?> ResolveStoryAsync(long? storyId, CancellationToken cancellationToken = default) => _reader.ResolveStoryAsync(storyId, cancellationToken);

    /// <summary>The story's evidence, or null when the story does not exist or has no analysed documents.</summary>
    public async Task<StoryEvidence?> LoadAsync(long storyId, CancellationToken cancellationToken = default)
    {
        var (docs, pending) = await _reader.ReadStoryAsync(storyId, cancellationToken).ConfigureAwait(false);
        if (docs.Count == 0) return null;
        var (found, missing) = await ReadStatementsAsync(statements, docs.Select(d => d.Document), camps, cancellationToken).ConfigureAwait(false);
        missing.InsertRange(0, pending);
        var ledger = claims is null ? null : await claims.GetClaimsAsync(storyId, cancellationToken).ConfigureAwait(false);
        return new StoryEvidence(storyId, docs, found) { Pending = missing, Claims = ledger?.Claims ?? [] };
    }

    /// <summary>The attributed statements, questions left out, of the original documents (near-duplicates skipped) among
    /// <paramref name="documents"/>, in their order (<paramref name="camps"/> other than the default re-classifies them), and the originals
    /// whose statements are not stored: what a story's evidence and its page hold as its statements.</summary>
    public static async Task<(List<AttributedStatement> Found, List<long> Missing)> ReadStatementsAsync(IStatementStore statements,
        IEnumerable<Documents.StoredDocument> documents, CampClassifier? camps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var reclassify = camps is not null && !ReferenceEquals(camps, CampClassifier.Default);
        var originals = documents.Where(d => d.DuplicateOf is null).Select(d => d.Id).ToList();
        var all = await statements.GetStatementsAsync(originals, cancellationToken).ConfigureAwait(false);
        var found = new List<AttributedStatement>();
        var missing = new List<long>();
        foreach (var id in originals)
        {
            if (!all.TryGetValue(id, out var stored)) { missing.Add(id); continue; }
            found.AddRange((reclassify ? stored.Select(camps!.Reclassify) : stored).Where(s => !s.Attribution.IsQuestion));
        }
        return (found, missing);
    }
}
