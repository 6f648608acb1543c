using System.Globalization;
using Storyline.Attribution;
using Storyline.Briefing;
using Storyline.Storage;

namespace Storyline.Claims;

/// <summary>What a claim is built from: one attributed statement (or one of the article's own report sentences) with its sentence vector.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Speaker">Canonical speaker; the publisher for the article's own sentences.</param>
/// <param name="SpeakerRole">Role, if given.</param>
/// <param name="Camp">The speaker's camp.</param>
/// <param name="Text">The content.</param>
/// <param name="ContentStart">Start offset in the document's text.</param>
/// <param name="ContentEnd">End offset (exclusive).</param>
/// <param name="Published">The document's publication date.</param>
/// <param name="Vector">Unit vector of the sentences the content lies in (their mean), or null when none was embedded.</param>
/// <param name="Narration">True for the article's own report sentence rather than an attributed statement.</param>
/// <param name="Cue">The reporting verb or noun ("denied", "said"), when there is one: a denial cue turns what the content says into a denial.</param>
public sealed record ClaimSource(long DocumentId, string Speaker, string? SpeakerRole, string Camp, string Text, int ContentStart, int ContentEnd,
    DateTimeOffset? Published, float[]? Vector, bool Narration = false, string? Cue = null);

/// <summary>Groups a story's statements into claims and finds each statement's stance toward its claim.</summary>
public interface IClaimBuilder
{
    /// <summary>Bumped whenever the claims built for the same statements change.</summary>
    int Version { get; }

    /// <summary>The story's claims, ranked (most contested and prominent first, numbered from 1); none for a story without statements.</summary>
    IReadOnlyList<LedgerClaim> Build(IReadOnlyList<ClaimSource> sources, CancellationToken cancellationToken);
}

/// <summary>A builder that can add a story's new statements to the ledger it built before, instead of grouping every statement again.</summary>
public interface IIncrementalClaimBuilder : IClaimBuilder
{
    /// <summary>The ledger with <paramref name="added"/> joined to the claims they belong to (statements belonging to none wait for the next full
    /// build); null when the ledger does not match <paramref name="sources"/> (a statement of it is gone), and a full build is needed.</summary>
    /// <param name="claims">The stored ledger.</param>
    /// <param name="sources">Every statement of the story now, the added ones included (their vectors say where the added ones belong).</param>
    /// <param name="added">The statements of documents the stored ledger has not seen.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    IReadOnlyList<LedgerClaim>? Extend(IReadOnlyList<LedgerClaim> claims, IReadOnlyList<ClaimSource> sources, IReadOnlyList<ClaimSource> added, CancellationToken cancellationToken);
}

/// <summary>When a stored ledger is extended rather than built again.</summary>
/// <param name="MinDocuments">Stories smaller than this are always built whole (cheap, and their claims still forming).</param>
/// <param name="Growth">A ledger is built whole again once the story has grown by this share since its last full build, so that claims only the new
/// coverage carries can form; in between, a document joining the story costs about what its own statements cost.</param>
public sealed record ClaimRefreshOptions(int MinDocuments = 100, double Growth = 0.25);

/// <summary>Builds and stores the claims ledger of stories whose statements changed since it was last built: the story-level analysis step that
/// follows the document stages (a document joining a story, or its statements analysed again, changes the story's stamp).</summary>
public sealed class StoryClaimsAnalyzer(IClaimBuilder builder, IStoryStore stories, IStatementStore statements, IClaimStore claims, StoryReader reader,
    ClaimRefreshOptions? options = null)
{
    private readonly ClaimRefreshOptions _options = options ?? new();

    /// <summary>An analyzer over one store.</summary>
    public static StoryClaimsAnalyzer For<TStore>(TStore store, IClaimBuilder builder, ClaimRefreshOptions? options = null)
        where TStore : IDocumentStore, IStoryStore, IAnalysisStore, IStatementStore, IClaimStore =>
        new(builder, store, store, store, new StoryReader(store, store, store), options);

    /// <summary>Rebuilds the claims of those of <paramref name="storyIds"/> (every story when null) whose statements changed; returns how many were rebuilt.</summary>
    public async Task<int> RefreshAsync(IEnumerable<long>? storyIds = null, CancellationToken cancellationToken = default)
    {
        var ids = storyIds?.Distinct().ToList() ?? [.. (await stories.ListStoriesAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.Id)];
        int rebuilt = 0;
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The stamp alone decides whether to rebuild; the stored claims are read only to extend them.
            var (stamp, storedStamp, seen, current) = await StateAsync(id, cancellationToken).ConfigureAwait(false);
            if (current) continue;
            var (sources, documents) = await SourcesAsync(id, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<LedgerClaim>? built = null;
            int fullBuild = documents.Count;
            if (storedStamp is not null && storedStamp.Version == builder.Version && builder is IIncrementalClaimBuilder incremental
                && documents.Count >= _options.MinDocuments && seen!.FullBuildDocuments > 0 && documents.Count <= seen.FullBuildDocuments * (1 + _options.Growth)
                && seen.Documents.All(documents.Contains)
                && await claims.GetClaimsAsync(id, cancellationToken).ConfigureAwait(false) is { } stored && stored.Stamp == storedStamp.Stamp)
            {
                var added = sources.Where(s => !seen.Documents.Contains(s.DocumentId)).ToList();
                built = incremental.Extend(stored.Claims, sources, added, cancellationToken);
                if (built is not null) fullBuild = seen.FullBuildDocuments;
            }
            built ??= builder.Build(sources, cancellationToken);
            await claims.SaveClaimsAsync(new StoryClaims(id, built, builder.Version, new LedgerStamp(stamp, fullBuild, documents).ToString()), cancellationToken).ConfigureAwait(false);
            rebuilt++;
        }
        return rebuilt;
    }

    /// <summary>Whether the story's stored ledger was built by this builder from the statements the story has now (read only).</summary>
    public async Task<bool> IsCurrentAsync(long storyId, CancellationToken cancellationToken = default) =>
        (await StateAsync(storyId, cancellationToken).ConfigureAwait(false)).Current;

    private async Task<(string Stamp, ClaimsStamp? Stored, LedgerStamp? Seen, bool Current)> StateAsync(long storyId, CancellationToken cancellationToken)
    {
        var stamp = await StampAsync(storyId, cancellationToken).ConfigureAwait(false);
        var stored = await claims.GetClaimsStampAsync(storyId, cancellationToken).ConfigureAwait(false);
        var seen = stored is null ? null : LedgerStamp.Parse(stored.Stamp);
        return (stamp, stored, seen, stored is not null && stored.Version == builder.Version && seen!.Statements == stamp);
    }

    private async Task<string> StampAsync(long storyId, CancellationToken cancellationToken)
    {
        var s = await statements.GetStatementsStampAsync(storyId, cancellationToken).ConfigureAwait(false);
        var documents = (await stories.GetStoryDocumentIdsAsync(storyId, cancellationToken).ConfigureAwait(false)).Count;
        return string.Create(CultureInfo.InvariantCulture, $"{documents}/{s.Text}");
    }

    /// <summary>The story's attributed statements (questions, nested reports and near-duplicate documents left out), each with its sentences' mean vector,
    /// and the documents they were read from.</summary>
    private async Task<(List<ClaimSource> Sources, HashSet<long> Documents)> SourcesAsync(long storyId, CancellationToken cancellationToken)
    {
        var documents = await reader.ReadAsync(storyId, cancellationToken).ConfigureAwait(false);
        var sources = new List<ClaimSource>();
        var originals = documents.Where(d => d.Document.DuplicateOf is null).ToList();
        var stored = await statements.GetStatementsAsync([.. originals.Select(d => d.Document.Id)], cancellationToken).ConfigureAwait(false);
        foreach (var doc in originals)
        {
            var found = stored.GetValueOrDefault(doc.Document.Id) ?? [];
            var published = doc.Document.Content.Metadata.Published?.Value;
            // A report nested in another statement ("X said that Y announced …") is the outer speaker's words: counting it again would
            // set the two against each other on one claim.
            foreach (var s in found.Where(s => !s.Attribution.IsQuestion && s.Attribution.Parent is null))
            {
                var span = s.Attribution.Content.Span;
                sources.Add(new ClaimSource(doc.Document.Id, s.Speaker, s.SpeakerRole, s.Camp, s.Text, span.Start, span.End, published, MeanVector(doc, span), Cue: s.Cue));
            }
        }
        // Only documents whose statements were read: one still waiting for its statements is "not seen", so it is added once they are.
        return (sources, [.. originals.Where(d => stored.ContainsKey(d.Document.Id)).Select(d => d.Document.Id)]);
    }

    private static float[]? MeanVector(AnalysedDocument doc, Documents.TextSpan span)
    {
        float[]? sum = null;
        var sentences = doc.Analysis.Sentences;
        for (int i = Math.Max(0, doc.Analysis.SentenceAt(span.Start)); i < sentences.Count && sentences[i].Span.Start < span.End; i++)
        {
            if (doc.VectorOf(i) is not { } v) continue;
            sum ??= new float[v.Length];
            for (int k = 0; k < v.Length; k++) sum[k] += v[k];
        }
        if (sum is not null) Language.Embeddings.Vectors.Normalize(sum);
        return sum;
    }
}

/// <summary>What a stored ledger was built from, kept in its stamp (opaque to the store): the story's statements stamp (compared to know whether
/// anything changed), how many documents the last full build read, and the documents it has seen since (to know which are new).</summary>
internal sealed record LedgerStamp(string Statements, int FullBuildDocuments, IReadOnlySet<long> Documents)
{
    /// <summary>The stamp as stored: the statements stamp, then on a second line "full;id,+delta,+delta…" (documents sorted, delta-encoded).</summary>
    public override string ToString()
    {
        var ids = Documents.Order().ToList();
        var deltas = ids.Select((id, i) => i == 0 ? id : id - ids[i - 1]);
        return string.Create(CultureInfo.InvariantCulture, $"{Statements}\n{FullBuildDocuments};{string.Join(',', deltas)}");
    }

    /// <summary>Reads a stored stamp; one written before documents were kept reads as seen nothing (the next refresh builds whole).</summary>
    public static LedgerStamp Parse(string stamp)
    {
        var lines = stamp.Split('\n', 2);
        if (lines.Length < 2) return new LedgerStamp(stamp, 0, new HashSet<long>());
        var parts = lines[1].Split(';', 2);
        var documents = new HashSet<long>();
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var full))
        {
            long id = 0;
            foreach (var delta in parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!long.TryParse(delta, NumberStyles.None, CultureInfo.InvariantCulture, out var d)) return new LedgerStamp(lines[0], 0, new HashSet<long>());
                documents.Add(id += d);
            }
            return new LedgerStamp(lines[0], full, documents);
        }
        return new LedgerStamp(lines[0], 0, new HashSet<long>());
    }
}
