using Storyline.Attribution;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Storage;

namespace Storyline.Tests.TestSupport;

/// <summary>An in-memory store of what the analysers read and write (documents, entities, statements), counting the analyses saved.</summary>
public sealed class MemoryStore : IDocumentStore, IEntityStore, IStatementStore, IAnalysisStore
{
    private readonly Dictionary<(long, string), StoredAnalysis> _analyses = [];

    /// <summary>How many times each encoded stage's result was saved.</summary>
    public Dictionary<string, int> AnalysisSaves { get; } = [];

    /// <summary>Replaces one stored result's bytes, as a damaged store would hold them.</summary>
    public void Corrupt(long documentId, string stage, byte[] data) => _analyses[(documentId, stage)] = _analyses[(documentId, stage)] with { Data = data };

    public Task SaveAnalysesAsync(long documentId, IReadOnlyList<StoredAnalysis> analyses, CancellationToken cancellationToken = default)
    {
        foreach (var a in analyses)
        {
            _analyses[(documentId, a.Stage)] = a;
            AnalysisSaves[a.Stage] = AnalysisSaves.GetValueOrDefault(a.Stage) + 1;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredAnalysis>> GetAnalysesAsync(IReadOnlyCollection<long> documentIds, IReadOnlyCollection<string> stages, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredAnalysis>>([.. _analyses.Values.Where(a => documentIds.Contains(a.DocumentId) && stages.Contains(a.Stage))]);

    public Task<IReadOnlyList<long>> ListDocumentsNeedingAnalysisAsync(string stage, int version, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<long>>([.. _documents.Keys.Where(id => !_analyses.TryGetValue((id, stage), out var a) || a.Version != version)]);

    private readonly SortedDictionary<long, StoredDocument> _documents = [];
    private readonly Dictionary<long, (DocumentEntities Entities, int Version)> _entities = [];
    private readonly Dictionary<long, (IReadOnlyList<AttributedStatement> Statements, int Version)> _statements = [];

    /// <summary>How many entity analyses were saved.</summary>
    public int EntitySaves { get; private set; }

    /// <summary>How many statement analyses were saved.</summary>
    public int StatementSaves { get; private set; }

    /// <summary>Adds a cleaned plain text as a new document; returns it.</summary>
    public StoredDocument Add(string text, string name = "a.txt")
    {
        var document = new StoredDocument(_documents.Count + 1, name, null, Cleaner.Clean(text, name), null, DateTimeOffset.UnixEpoch);
        _documents.Add(document.Id, document);
        return document;
    }

    public Task<StoredDocument?> GetAsync(long id, CancellationToken cancellationToken = default) => Task.FromResult(_documents.GetValueOrDefault(id));

    public Task<IReadOnlyList<long>> ListIdsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<long>>([.. _documents.Keys]);

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(_documents.Count);

    public Task SaveEntitiesAsync(long documentId, DocumentEntities entities, int version, CancellationToken cancellationToken = default)
    {
        EntitySaves++;
        _entities[documentId] = (entities, version);
        // As a real store does: statements resolved against the previous entities are outdated.
        if (_statements.TryGetValue(documentId, out var s)) _statements[documentId] = (s.Statements, 0);
        return Task.CompletedTask;
    }

    public Task<DocumentEntities?> GetEntitiesAsync(long documentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entities.TryGetValue(documentId, out var e) ? e.Entities : null);

    public Task<IReadOnlyList<long>> ListDocumentsNeedingEntitiesAsync(int version, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<long>>([.. _documents.Keys.Where(id => !_entities.TryGetValue(id, out var e) || e.Version < version)]);

    public Task SaveStatementsAsync(long documentId, IReadOnlyList<AttributedStatement> statements, int version, CancellationToken cancellationToken = default)
    {
        StatementSaves++;
        _statements[documentId] = (statements, version);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AttributedStatement>?> GetStatementsAsync(long documentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_statements.TryGetValue(documentId, out var s) ? s.Statements : null);

    public Task<IReadOnlyDictionary<long, IReadOnlyList<AttributedStatement>>> GetStatementsAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<long, IReadOnlyList<AttributedStatement>>>(
            documentIds.Where(_statements.ContainsKey).Distinct().ToDictionary(id => id, id => _statements[id].Statements));

    public Task<IReadOnlyList<long>> ListDocumentsNeedingStatementsAsync(int version, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<long>>([.. _documents.Keys.Where(id => !_statements.TryGetValue(id, out var s) || s.Version != version)]);

    // Every add is a new document (no duplicate detection): enough for tests of what reaches the store.
    public Task<AddResult> AddAsync(NewDocument document, double nearDuplicateThreshold, CancellationToken cancellationToken = default)
    {
        var stored = new StoredDocument(_documents.Count + 1, document.Input.Name, document.Input.Url, document.Content, null, document.Input.RetrievedAt);
        _documents.Add(stored.Id, stored);
        return Task.FromResult(new AddResult(AddOutcome.Added, stored.Id, null));
    }
    public Task<RawInput?> GetInputAsync(long id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<DocumentSummary>> ListAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public IAsyncEnumerable<StoredDocument> ReadAllAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task UpdateContentAsync(long id, ProcessedDocument content, string textHash, ulong[] signature, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<EntitySummary>> ListEntitiesAsync(string? type = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<StatementHit>> FindStatementsAsync(StatementQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<SpeakerSummary>> ListSpeakersAsync(long? storyId = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> ListSpeakerCampsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<StatementsStamp> GetStatementsStampAsync(long storyId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<StatementsStamp> GetStoreStatementsStampAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<StoryCampCount>> CountCampsByStoryAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
