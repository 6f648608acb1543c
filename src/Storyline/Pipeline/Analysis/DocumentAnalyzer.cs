using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Storyline.Attribution;
using Storyline.Entities;
using Storyline.Storage;

namespace Storyline.Pipeline.Analysis;

/// <summary>How far an analysis run has got.</summary>
/// <param name="Done">Documents finished (analysed or failed).</param>
/// <param name="Total">Documents the run will look at.</param>
public readonly record struct AnalysisProgress(int Done, int Total);

/// <summary>A document whose analysis failed; it stays pending and is tried again by the next run.</summary>
public sealed record AnalysisFailure(long DocumentId, string Reason);

/// <summary>What an analysis run did.</summary>
/// <param name="Analysed">Documents that had at least one stage run and stored.</param>
/// <param name="StageRuns">How many times each stage ran.</param>
/// <param name="Failed">Documents whose analysis failed (time budget exceeded, unreadable stored results), with the reason.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record AnalysisSummary(int Analysed, IReadOnlyDictionary<string, int> StageRuns, IReadOnlyList<AnalysisFailure> Failed, TimeSpan Elapsed);

/// <summary>Options for <see cref="DocumentAnalyzer"/>.</summary>
/// <param name="DocumentTimeout">Time budget of one document's analysis; a document over it fails alone (and is tried again next run).</param>
public sealed record DocumentAnalyzerOptions(TimeSpan? DocumentTimeout = null)
{
    /// <summary>The budget in force (default two minutes: the slowest stage, embeddings, needs about half a second per 60 sentences).</summary>
    public TimeSpan Timeout => DocumentTimeout ?? TimeSpan.FromMinutes(2);
}

/// <summary>Runs the analysis pipeline over stored documents and stores what it finds: for each document only the stages whose stored result
/// is missing or of another version, and the stages reading their results; the other stages' results are read back as inputs.
/// The one writer of analysis: ingest (CLI, web), <c>reprocess</c> and the bench all go through it, and readers only read what it stored.</summary>
public sealed class DocumentAnalyzer
{
    private readonly AnalysisPipeline _pipeline;
    private readonly IDocumentStore _documents;
    private readonly IAnalysisStore _analyses;
    private readonly IEntityStore _entities;
    private readonly IStatementStore _statements;
    private readonly DocumentAnalyzerOptions _options;
    private readonly ILogger _logger;

    /// <summary>An analyzer writing to the given stores; <paramref name="logger"/> gets one structured entry per batch and per failure.</summary>
    public DocumentAnalyzer(AnalysisPipeline pipeline, IDocumentStore documents, IAnalysisStore analyses, IEntityStore entities, IStatementStore statements,
        DocumentAnalyzerOptions? options = null, ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
        ArgumentNullException.ThrowIfNull(pipeline);
        foreach (var stage in pipeline.Stages)
            if (stage is not IEncodedAnalysisStage && stage.Name is not (EntityStage.StageName or StatementStage.StageName))
                throw new ArgumentException($"analysis stage '{stage.Name}' has no storage: implement {nameof(IEncodedAnalysisStage)}", nameof(pipeline));
        (_pipeline, _documents, _analyses, _entities, _statements, _options) = (pipeline, documents, analyses, entities, statements, options ?? new());
    }

    /// <summary>An analyzer over one store that holds documents, analyses, entities and statements.</summary>
    public static DocumentAnalyzer For<TStore>(TStore store, AnalysisPipeline? pipeline = null, DocumentAnalyzerOptions? options = null, ILogger? logger = null)
        where TStore : IDocumentStore, IAnalysisStore, IEntityStore, IStatementStore =>
        new(pipeline ?? AnalysisPipeline.CreateDefault(), store, store, store, store, options, logger);

    /// <summary>The pipeline it runs.</summary>
    public AnalysisPipeline Pipeline => _pipeline;

    /// <summary>For every document with a missing or outdated stage result, the names of those stages.</summary>
    public Task<IReadOnlyDictionary<long, IReadOnlySet<string>>> FindOutdatedAsync(CancellationToken cancellationToken = default) =>
        FindOutdatedAsync(null, cancellationToken);

    /// <summary>For every document (of <paramref name="documentIds"/>, when given: the store is asked about those alone) with a missing or
    /// outdated stage result, the names of those stages.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlySet<string>>> FindOutdatedAsync(IReadOnlyCollection<long>? documentIds, CancellationToken cancellationToken = default)
    {
        var outdated = new SortedDictionary<long, HashSet<string>>();
        foreach (var stage in _pipeline.Stages)
        {
            var ids = (stage.Name, documentIds) switch
            {
                (EntityStage.StageName, null) => await _entities.ListDocumentsNeedingEntitiesAsync(stage.Version, cancellationToken).ConfigureAwait(false),
                (EntityStage.StageName, _) => await _entities.ListDocumentsNeedingEntitiesAsync(stage.Version, documentIds, cancellationToken).ConfigureAwait(false),
                (StatementStage.StageName, null) => await _statements.ListDocumentsNeedingStatementsAsync(stage.Version, cancellationToken).ConfigureAwait(false),
                (StatementStage.StageName, _) => await _statements.ListDocumentsNeedingStatementsAsync(stage.Version, documentIds, cancellationToken).ConfigureAwait(false),
                (_, null) => await _analyses.ListDocumentsNeedingAnalysisAsync(stage.Name, stage.Version, cancellationToken).ConfigureAwait(false),
                _ => await _analyses.ListDocumentsNeedingAnalysisAsync(stage.Name, stage.Version, documentIds, cancellationToken).ConfigureAwait(false),
            };
            foreach (var id in ids)
            {
                if (!outdated.TryGetValue(id, out var set)) outdated[id] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(stage.Name);
            }
        }
        return outdated.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value);
    }

    /// <summary>Analyses every document (of <paramref name="documentIds"/>, when given) that has a missing or outdated stage result.</summary>
    public async Task<AnalysisSummary> AnalyzePendingAsync(IEnumerable<long>? documentIds = null, IProgress<AnalysisProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var wanted = documentIds?.ToHashSet();
        var outdated = await FindOutdatedAsync(wanted, cancellationToken).ConfigureAwait(false);
        var work = outdated.Where(p => wanted is null || wanted.Contains(p.Key)).OrderBy(p => p.Key).ToList();
        var runs = _pipeline.Stages.ToDictionary(s => s.Name, _ => 0, StringComparer.Ordinal);
        var failed = new List<AnalysisFailure>();
        int analysed = 0, done = 0;
        progress?.Report(new AnalysisProgress(0, work.Count));
        foreach (var (id, stages) in work)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(_options.Timeout);
            try
            {
                var ran = await AnalyzeAsync(id, stages, budget.Token).ConfigureAwait(false);
                foreach (var name in ran) runs[name]++;
                if (ran.Count > 0) analysed++;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failed.Add(new AnalysisFailure(id, $"analysis took longer than its budget of {_options.Timeout.TotalSeconds:0} s"));
                Log.DocumentFailed(_logger, id, failed[^1].Reason);
            }
            catch (InvalidDataException e)
            {
                failed.Add(new AnalysisFailure(id, e.Message));
                Log.DocumentFailed(_logger, id, e.Message);
            }
            progress?.Report(new AnalysisProgress(++done, work.Count));
        }
        if (work.Count > 0)
            Log.BatchAnalysed(_logger, analysed, work.Count, failed.Count, (long)clock.Elapsed.TotalMilliseconds,
                string.Join(", ", runs.Where(r => r.Value > 0).Select(r => $"{r.Key}={r.Value}")));
        return new AnalysisSummary(analysed, runs, failed, clock.Elapsed);
    }

    /// <summary>Runs <paramref name="outdated"/> and the stages reading their results over one document and stores the results; returns the
    /// names of the stages run (none when the document does not exist).</summary>
    public async Task<IReadOnlyList<string>> AnalyzeAsync(long documentId, IReadOnlySet<string> outdated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outdated);
        var document = await _documents.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (document is null) return [];
        var context = new AnalysisContext(document);
        var rerun = new HashSet<string>(outdated, StringComparer.Ordinal);
        IReadOnlyList<IAnalysisStage> run;
        while (true)
        {
            run = _pipeline.Closure(rerun);
            var names = run.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            var inputs = run.SelectMany(s => s.Inputs).Where(i => !names.Contains(i)).Distinct().ToList();
            // An input that cannot be read back (missing after a crash, or unreadable) is computed again with its readers.
            var unreadable = await LoadAsync(context, inputs, cancellationToken).ConfigureAwait(false);
            if (unreadable.Count == 0) break;
            rerun.UnionWith(unreadable);
        }
        AnalysisPipeline.Run(run, context, cancellationToken);
        await SaveAsync(context, run, cancellationToken).ConfigureAwait(false);
        return [.. run.Select(s => s.Name)];
    }

    private async Task<List<string>> LoadAsync(AnalysisContext context, IReadOnlyList<string> stages, CancellationToken cancellationToken)
    {
        var unreadable = new List<string>();
        var id = context.Document.Id;
        var encoded = stages.Select(_pipeline.Find).OfType<IEncodedAnalysisStage>().ToList();
        if (encoded.Count > 0)
        {
            var stored = (await _analyses.GetAnalysesAsync([id], [.. encoded.Select(s => s.Name)], cancellationToken).ConfigureAwait(false))
                .ToDictionary(a => a.Stage, StringComparer.Ordinal);
            foreach (var stage in encoded)
            {
                if (!stored.TryGetValue(stage.Name, out var found) || found.Version != stage.Version) { unreadable.Add(stage.Name); continue; }
                try { stage.Decode(context, found.Data); }
                catch (InvalidDataException) { unreadable.Add(stage.Name); }
            }
        }
        if (stages.Contains(EntityStage.StageName))
        {
            context.Entities = await _entities.GetEntitiesAsync(id, cancellationToken).ConfigureAwait(false);
            if (context.Entities is null) unreadable.Add(EntityStage.StageName);
        }
        if (stages.Contains(StatementStage.StageName))
        {
            context.Statements = await _statements.GetStatementsAsync(id, cancellationToken).ConfigureAwait(false);
            if (context.Statements is null) unreadable.Add(StatementStage.StageName);
        }
        return unreadable;
    }

    private async Task SaveAsync(AnalysisContext context, IReadOnlyList<IAnalysisStage> run, CancellationToken cancellationToken)
    {
        var id = context.Document.Id;
        var encoded = run.OfType<IEncodedAnalysisStage>().Select(s => new StoredAnalysis(id, s.Name, s.Version, s.Encode(context))).ToList();
        // Each save is one transaction, in pipeline order: a process killed between them leaves the later stages outdated, and the next run
        // redoes just those from the earlier ones' stored results.
        await _analyses.SaveAnalysesAsync(id, encoded, cancellationToken).ConfigureAwait(false);
        if (run.FirstOrDefault(s => s.Name == EntityStage.StageName) is { } entities)
            await _entities.SaveEntitiesAsync(id, context.Entities!, entities.Version, cancellationToken).ConfigureAwait(false);
        if (run.FirstOrDefault(s => s.Name == StatementStage.StageName) is { } statements)
            await _statements.SaveStatementsAsync(id, context.Statements!, statements.Version, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The analyzer's log entries, as compile-time logging source so that a disabled level costs nothing.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Analysed {Analysed} of {Pending} pending documents ({Failed} failed) in {ElapsedMs} ms; stage runs: {StageRuns}")]
    public static partial void BatchAnalysed(ILogger logger, int analysed, int pending, int failed, long elapsedMs, string stageRuns);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Analysis of document {DocumentId} failed: {Reason}")]
    public static partial void DocumentFailed(ILogger logger, long documentId, string reason);
}
