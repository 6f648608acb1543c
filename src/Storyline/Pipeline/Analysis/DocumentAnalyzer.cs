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
/// <param name="DocumentsAtOnce">Documents analysed at once, each on a thread of its own (0: one per core). Reads and writes to the store
/// stay one at a time, in id order; a document's results do not depend on the documents analysed beside it.</param>
public sealed record DocumentAnalyzerOptions(TimeSpan? DocumentTimeout = null, int DocumentsAtOnce = 0)
{
    /// <summary>The budget in force (default two minutes: the slowest stage, embeddings, needs about half a second per 60 sentences).</summary>
    public TimeSpan Timeout => DocumentTimeout ?? TimeSpan.FromMinutes(2);

    /// <summary>The documents analysed at once in force (at least one).</summary>
    public int Parallelism => DocumentsAtOnce > 0 ? DocumentsAtOnce : Environment.ProcessorCount;
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
        // The store is asked about the wanted documents alone, so what comes back needs no filtering.
        var work = (await FindOutdatedAsync(wanted, cancellationToken).ConfigureAwait(false)).OrderBy(p => p.Key).ToList();
        var runs = _pipeline.Stages.ToDictionary(s => s.Name, _ => 0, StringComparer.Ordinal);
        var failed = new List<AnalysisFailure>();
        int analysed = 0, done = 0;
        progress?.Report(new AnalysisProgress(0, work.Count));
        // Documents go in windows: each window's inputs are read one by one, its documents analysed at once (the CPU-bound part), and
        // their results stored one by one in id order, as a run one document at a time stores them.
        foreach (var window in work.Chunk(_options.Parallelism))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var jobs = new List<Job>(window.Length);
            try
            {
                foreach (var (id, stages) in window)
                {
                    var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    budget.CancelAfter(_options.Timeout);
                    var job = new Job(id, budget);
                    jobs.Add(job);
                    try { job.Prepared = await PrepareAsync(id, stages, budget.Token).ConfigureAwait(false); }
                    catch (Exception e) when (Failure(e, job, cancellationToken)) { }
                }
                var ready = jobs.Where(j => j.Prepared is { Run.Count: > 0 } && j.Error is null).ToList();
                if (ready.Count == 1) Compute(ready[0], cancellationToken);
                else if (ready.Count > 1)
                    Parallel.ForEach(ready, new ParallelOptions { MaxDegreeOfParallelism = ready.Count }, job => Compute(job, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var job in jobs)
                {
                    if (job.Thrown is { } thrown) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown);
                    if (job.Error is null && job.Prepared is { Run.Count: > 0 } prepared)
                    {
                        try
                        {
                            // Under the run's token, not the document's budget: a document done early waits here for the window's slowest.
                            await SaveAsync(prepared.Context, prepared.Run, cancellationToken).ConfigureAwait(false);
                            foreach (var stage in prepared.Run) runs[stage.Name]++;
                            analysed++;
                        }
                        catch (Exception e) when (Failure(e, job, cancellationToken)) { }
                    }
                    if (job.Error is { } error)
                    {
                        failed.Add(new AnalysisFailure(job.Id, error));
                        Log.DocumentFailed(_logger, job.Id, error);
                    }
                    progress?.Report(new AnalysisProgress(++done, work.Count));
                }
            }
            finally
            {
                foreach (var job in jobs) job.Budget.Dispose();
            }
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
        if (await PrepareAsync(documentId, outdated, cancellationToken).ConfigureAwait(false) is not { } prepared) return [];
        AnalysisPipeline.Run(prepared.Run, prepared.Context, cancellationToken);
        await SaveAsync(prepared.Context, prepared.Run, cancellationToken).ConfigureAwait(false);
        return [.. prepared.Run.Select(s => s.Name)];
    }

    /// <summary>A document read and ready to analyse: its context with the stored inputs loaded, and the stages to run.</summary>
    private sealed record Prepared(AnalysisContext Context, IReadOnlyList<IAnalysisStage> Run);

    /// <summary>One document of a window: its budget, what was read, and how it failed.</summary>
    private sealed class Job(long id, CancellationTokenSource budget)
    {
        public long Id => id;
        public CancellationTokenSource Budget => budget;
        public Prepared? Prepared { get; set; }
        /// <summary>Why the document failed (it stays pending), or null.</summary>
        public string? Error { get; set; }
        /// <summary>An unexpected exception, thrown again once the window's earlier documents are stored.</summary>
        public Exception? Thrown { get; set; }
    }

    private void Compute(Job job, CancellationToken cancellationToken)
    {
        try { AnalysisPipeline.Run(job.Prepared!.Run, job.Prepared.Context, job.Budget.Token); }
        catch (Exception e) when (Failure(e, job, cancellationToken)) { }
        catch (Exception e)
        {
            // Thrown again in id order once the window's earlier documents are stored; a run stopped as a whole throws its own
            // cancellation after the window instead (Parallel.ForEach would wrap it).
            if (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested) job.Thrown = e;
        }
    }

    /// <summary>Records the failures a document survives as its own (its budget ran out; a stored result was unreadable) and says so.</summary>
    private bool Failure(Exception e, Job job, CancellationToken cancellationToken)
    {
        switch (e)
        {
            case OperationCanceledException when !cancellationToken.IsCancellationRequested:
                job.Error = $"analysis took longer than its budget of {_options.Timeout.TotalSeconds:0} s";
                return true;
            case InvalidDataException:
                job.Error = e.Message;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads a document and the stored results its stages need; null when the document does not exist.</summary>
    private async Task<Prepared?> PrepareAsync(long documentId, IReadOnlySet<string> outdated, CancellationToken cancellationToken)
    {
        var document = await _documents.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (document is null) return null;
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
        await ResumeAsync(context, run, cancellationToken).ConfigureAwait(false);
        return new Prepared(context, run);
    }

    /// <summary>Hands each resumable stage about to run its stored result, when none of the stages that would void it runs too.</summary>
    private async Task ResumeAsync(AnalysisContext context, IReadOnlyList<IAnalysisStage> run, CancellationToken cancellationToken)
    {
        var names = run.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var resumable = run.OfType<IResumableAnalysisStage>().Where(s => !s.RestartsOn.Any(names.Contains)).ToList();
        if (resumable.Count == 0) return;
        var stored = await _analyses.GetAnalysesAsync([context.Document.Id], [.. resumable.Select(s => s.Name)], cancellationToken).ConfigureAwait(false);
        foreach (var stage in resumable)
        {
            if (stored.FirstOrDefault(a => a.Stage == stage.Name) is not { } found) continue;
            // An unreadable earlier result only means starting afresh.
            try { stage.Resume(context, found.Version, found.Data); }
            catch (InvalidDataException) { }
        }
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
