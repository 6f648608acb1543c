using Storyline.Attribution;
using Storyline.Storage;

namespace Storyline.Briefing;

/// <summary>Everything a story's briefing, timeline and "who said what" views are built from: its analysed documents and the statements attributed in them.</summary>
/// <param name="StoryId">The story.</param>
/// <param name="Documents">Its documents, analysed, oldest first (near-duplicates included; writers skip them).</param>
/// <param name="Statements">Attributed statements of its original documents, questions excluded.</param>
public sealed record StoryEvidence(long StoryId, IReadOnlyList<AnalysedDocument> Documents, IReadOnlyList<AttributedStatement> Statements)
{
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

/// <summary>Loads a story's evidence from the store: the one path the CLI and the web app share.</summary>
public sealed class StoryEvidenceLoader
{
    private readonly StoryReader _reader;
    private readonly StatementExtractor _statements;
    private readonly IStatementStore? _statementStore;
    private readonly IEntityStore? _entityStore;

    /// <summary>A loader that finds every document's statements anew (nothing stored is read).</summary>
    public StoryEvidenceLoader(IDocumentStore documents, IStoryStore stories, StatementExtractor? statements = null)
        : this(documents, stories, null, null, statements)
    {
    }

    /// <summary>A loader that reads the statements stored by <see cref="StatementAnalyzer"/> and finds them (from the stored entities) only for
    /// documents that have none, or outdated ones, without storing them: the store may be open for reading only. When
    /// <paramref name="statements"/> classifies with other camps than the default, stored statements are re-classified with them.</summary>
    public StoryEvidenceLoader(IDocumentStore documents, IStoryStore stories, IStatementStore? statementStore, IEntityStore? entityStore, StatementExtractor? statements = null)
    {
        _reader = new StoryReader(documents, stories);
        _statements = statements ?? new StatementExtractor();
        _statementStore = statementStore;
        _entityStore = entityStore;
    }

    /// <summary>The id of the story to show: the given one if it exists, or the most recently updated.</summary>
    public Task<long?> ResolveStoryAsync(long? storyId, CancellationToken cancellationToken = default) => _reader.ResolveStoryAsync(storyId, cancellationToken);

    /// <summary>The story's evidence, or null when the story does not exist or has no documents.</summary>
    public async Task<StoryEvidence?> LoadAsync(long storyId, CancellationToken cancellationToken = default)
    {
        var docs = await _reader.ReadAsync(storyId, cancellationToken).ConfigureAwait(false);
        if (docs.Count == 0) return null;
        var outdated = _statementStore is null ? []
            : (await _statementStore.ListDocumentsNeedingStatementsAsync(StatementAnalyzer.Version, cancellationToken).ConfigureAwait(false)).ToHashSet();
        var reclassify = !ReferenceEquals(_statements.Camps, CampClassifier.Default);
        var found = new List<AttributedStatement>();
        foreach (var d in docs.Where(d => d.Document.DuplicateOf is null))
        {
            var id = d.Document.Id;
            var stored = _statementStore is null || outdated.Contains(id) ? null
                : await _statementStore.GetStatementsAsync(id, cancellationToken).ConfigureAwait(false);
            IEnumerable<AttributedStatement> statements;
            if (stored is not null) statements = reclassify ? stored.Select(_statements.Camps.Reclassify) : stored;
            else
            {
                var entities = _entityStore is null ? null : await _entityStore.GetEntitiesAsync(id, cancellationToken).ConfigureAwait(false);
                statements = entities is null
                    ? _statements.Extract(d.Document, d.Analysis, cancellationToken)
                    : _statements.Extract(d.Document, d.Analysis, entities, cancellationToken);
            }
            found.AddRange(statements.Where(s => !s.Attribution.IsQuestion));
        }
        return new StoryEvidence(storyId, docs, found);
    }
}
