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

/// <summary>Builds and stores the claims ledger of stories whose statements changed since it was last built: the story-level analysis step that
/// follows the document stages (a document joining a story, or its statements analysed again, changes the story's stamp).</summary>
public sealed class StoryClaimsAnalyzer(IClaimBuilder builder, IStoryStore stories, IStatementStore statements, IClaimStore claims, StoryReader reader)
{
    /// <summary>An analyzer over one store.</summary>
    public static StoryClaimsAnalyzer For<TStore>(TStore store, IClaimBuilder builder)
        where TStore : IDocumentStore, IStoryStore, IAnalysisStore, IStatementStore, IClaimStore =>
        new(builder, store, store, store, new StoryReader(store, store, store));

    /// <summary>Rebuilds the claims of those of <paramref name="storyIds"/> (every story when null) whose statements changed; returns how many were rebuilt.</summary>
    public async Task<int> RefreshAsync(IEnumerable<long>? storyIds = null, CancellationToken cancellationToken = default)
    {
        var ids = storyIds?.Distinct().ToList() ?? [.. (await stories.ListStoriesAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.Id)];
        int rebuilt = 0;
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stamp = await StampAsync(id, cancellationToken).ConfigureAwait(false);
            var stored = await claims.GetClaimsAsync(id, cancellationToken).ConfigureAwait(false);
            if (stored is not null && stored.Version == builder.Version && stored.Stamp == stamp) continue;
            var sources = await SourcesAsync(id, cancellationToken).ConfigureAwait(false);
            var built = builder.Build(sources, cancellationToken);
            await claims.SaveClaimsAsync(new StoryClaims(id, built, builder.Version, stamp), cancellationToken).ConfigureAwait(false);
            rebuilt++;
        }
        return rebuilt;
    }

    private async Task<string> StampAsync(long storyId, CancellationToken cancellationToken)
    {
        var s = await statements.GetStatementsStampAsync(storyId, cancellationToken).ConfigureAwait(false);
        var documents = (await stories.GetStoryDocumentIdsAsync(storyId, cancellationToken).ConfigureAwait(false)).Count;
        return string.Create(CultureInfo.InvariantCulture, $"{documents}/{s.Analyses}/{s.Versions}/{s.Statements}/{s.LastAnalysed?.UtcTicks}");
    }

    /// <summary>The story's attributed statements (questions, nested reports and near-duplicate documents left out), each with its sentences' mean vector.</summary>
    private async Task<List<ClaimSource>> SourcesAsync(long storyId, CancellationToken cancellationToken)
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
        return sources;
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
