using System.CommandLine;
using Storyline.Contracts;
using Storyline.Ingestion;
using Storyline.Storage;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline worker</c>: analyses what ingest queued (<c>ingest --queue</c>, or the web app with Storyline:UseWorkers). Any
/// number of workers, on any number of machines, share one store's queue: each claims a batch for a lease, runs what ingest would have run
/// after storing (stories, the analysis stages, the claims ledger) and completes the batch; a killed worker's batch is claimed again once
/// its lease runs out.</summary>
internal static class WorkerCommand
{
    /// <summary>Under a stream that never lets the queue run dry, stories' ledgers and briefings are still brought up to date this often.</summary>
    private static readonly TimeSpan StoriesPassInterval = TimeSpan.FromMinutes(2);

    public static Command Create(CliContext context)
    {
        var batch = new Option<int>("--batch") { Description = "Documents claimed at a time", DefaultValueFactory = _ => 16 };
        var lease = new Option<double>("--lease") { Description = "Seconds a claim holds unless renewed (the worker renews it every third of that while the batch runs; a killed worker's batch is taken again after it)", DefaultValueFactory = _ => 300 };
        var poll = new Option<double>("--poll") { Description = "Seconds to wait before looking again when the queue is empty", DefaultValueFactory = _ => 2 };
        var once = new Option<bool>("--once") { Description = "Drain the queue, then exit (for scripts and tests)" };
        var modelThreads = new Option<int>("--model-threads") { Description = "Threads the sentence-embedding model runs on (0: one per core); with several workers on one machine, give each 1", DefaultValueFactory = _ => 0 };
        modelThreads.Validators.Add(r => Validate.Range(r, "--model-threads", 0, 256));
        var atOnce = new Option<int>("--documents-at-once") { Description = "Documents of a batch analysed at once, a thread each (0: one per core); with several workers on one machine, give each 1", DefaultValueFactory = _ => 0 };
        atOnce.Validators.Add(r => Validate.Range(r, "--documents-at-once", 0, 256));
        batch.Validators.Add(r => Validate.Range(r, "--batch", 1, 10_000));
        lease.Validators.Add(r => { if (!(r.GetValueOrDefault<double>() >= 1)) r.AddError(FormattableString.Invariant($"--lease: not a number of seconds from 1 to 86400: {r.GetValueOrDefault<double>()}")); else Validate.Seconds(r, "--lease", 86_400); });
        poll.Validators.Add(r => Validate.Seconds(r, "--poll", 3_600));
        var command = new Command("worker", "Analyse queued documents (from ingest --queue) until stopped with Ctrl+C") { batch, lease, poll, once, modelThreads, atOnce };
        command.SetAction((parse, ct) => RunAsync(context, parse, parse.GetValue(batch), parse.GetValue(lease), parse.GetValue(poll), parse.GetValue(once),
            parse.GetValue(modelThreads), parse.GetValue(atOnce), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, int batch, double leaseSeconds, double pollSeconds, bool once, int modelThreads,
        int documentsAtOnce, CancellationToken ct)
    {
        // --batch, --lease and --poll were checked as they were parsed.
        var json = context.Json;
        var lease = TimeSpan.FromSeconds(leaseSeconds);
        var worker = FormattableString.Invariant($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}");
        await using var store = await context.OpenStoreAsync(parse, ct, write: true).ConfigureAwait(false);
        // Lease renewals go through a connection of their own: the batch's analysis holds the worker's.
        await using var leases = await context.OpenStoreAsync(parse, ct, write: true).ConfigureAwait(false);
        var pipeline = new Storyline.Pipeline.Analysis.AnalysisPipelineBuilder()
            .UseDefaults(Storyline.Pipeline.Analysis.AnalysisOptions.FromEnvironment() with { EmbeddingOptions = Storyline.Language.Embeddings.SentenceEmbeddingOptions.Default with { ModelThreads = modelThreads } })
            .Build();
        // Ledgers and briefings are built when the queue runs dry (or every few minutes under a steady stream), not after every batch;
        // each batch places its own documents in stories, not the whole queue.
        var finisher = IngestFinisher.For(store, pipeline, new Storyline.Pipeline.Analysis.DocumentAnalyzerOptions(DocumentsAtOnce: documentsAtOnce),
            storiesAtFinish: false, placeUpToBatch: true);
        // A story another worker is building takes it a fraction of a second, seldom more: look again soon.
        var turns = new LeaseTurns(leases, worker, lease, TimeSpan.FromSeconds(Math.Min(pollSeconds, 0.25)), context.Time, (name, e) =>
            context.WriteError(name, $"lease renewal failed (retried): {e.Message.ReplaceLineEndings(" ")}"));
        int batches = 0, claimed = 0, analysed = 0, assigned = 0, completed = 0, failed = 0, errors = 0;
        IReadOnlyList<long> current = [];
        var worked = false; // since the last stories pass
        var lastPass = context.Time.GetUtcNow();
        // The stories pass: the ledgers of stories whose statements changed are built (batches build none), and their briefings written.
        // Workers share it story by story.
        async Task PassAsync(bool waitForOthers)
        {
            var pass = await finisher.RefreshStoriesAsync(turns, waitForOthers, ct).ConfigureAwait(false);
            if (!json && pass.Ledgers + pass.Briefings > 0)
                context.Out.WriteLine(FormattableString.Invariant($"claims ledgers rebuilt: {pass.Ledgers}; briefings written: {pass.Briefings}"));
            worked = pass.Left > 0;
            lastPass = context.Time.GetUtcNow();
        }
        if (!json) context.Out.WriteLine($"worker {worker}: {(once ? "draining the queue" : "waiting for queued documents (Ctrl+C stops)")}");
        try
        {
            while (true)
            {
                // Under a stream that keeps the queue from running dry, the pass runs every few minutes, before the next claim (so that no
                // claimed batch waits through it, its lease not renewed); with work queued, stories another worker is building are left
                // for the next pass.
                if (worked && context.Time.GetUtcNow() - lastPass >= StoriesPassInterval) await PassAsync(waitForOthers: false).ConfigureAwait(false);
                var ids = current = await store.ClaimAsync(worker, batch, lease, ct).ConfigureAwait(false);
                if (ids.Count == 0)
                {
                    // The queue ran dry after work: this worker also waits for the stories another worker is building (that one may have
                    // read their statements before this one's last batch changed them), then looks at the queue again.
                    if (worked)
                    {
                        await PassAsync(waitForOthers: true).ConfigureAwait(false);
                        continue;
                    }
                    if (once) break;
                    await Task.Delay(TimeSpan.FromSeconds(pollSeconds), context.Time, ct).ConfigureAwait(false);
                    continue;
                }
                batches++;
                claimed += ids.Count;
                IngestFinish finish;
                try
                {
                    var batchIds = ids;
                    await using var keeper = LeaseKeeper.Start(leases, batchIds, worker, lease, context.Time, e =>
                        context.WriteError(FormattableString.Invariant($"batch {batchIds[0]}..{batchIds[^1]}"), $"lease renewal failed (retried): {e.Message.ReplaceLineEndings(" ")}"));
                    finish = await finisher.FinishAsync(ids, null, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException && !ct.IsCancellationRequested)
                {
                    // The batch stays claimed: once its lease runs out, this or another worker tries it again.
                    errors++;
                    context.WriteError(FormattableString.Invariant($"batch {ids[0]}..{ids[^1]}"), $"analysis failed, left for a retry after the lease: {e.Message.ReplaceLineEndings(" ")}");
                    if (once) break;
                    await Task.Delay(TimeSpan.FromSeconds(pollSeconds), context.Time, ct).ConfigureAwait(false);
                    continue;
                }
                // A document whose analysis failed leaves the queue too (reported; reprocess runs its missing stages), so that it is not
                // retried forever; the rest of the batch is done.
                foreach (var failure in finish.Analysis?.Failed ?? [])
                    context.WriteError(FormattableString.Invariant($"document {failure.DocumentId}"), $"analysis failed: {failure.Reason}");
                failed += finish.Analysis?.Failed.Count ?? 0;
                analysed += finish.Analysed;
                assigned += finish.Assigned.Count;
                var done = await store.CompleteAsync(ids, worker, CancellationToken.None).ConfigureAwait(false);
                worked = true;
                current = [];
                completed += done;
                if (!json)
                    context.Out.WriteLine(FormattableString.Invariant(
                        $"batch {batches}: {ids.Count} claimed, {finish.Analysed} analysed, {finish.Assigned.Count} placed in stories, {done} completed{(done < ids.Count ? " (the rest had lapsed leases, taken by another worker)" : "")}"));
            }
        }
        catch (Exception e) when (ct.IsCancellationRequested && e is not OutOfMemoryException)
        {
            // Stopping: a stage may report the cancellation in its own way (ONNX Runtime's "terminate flag"), not as OperationCanceledException.
            // Ctrl+C or SIGTERM mid-batch: the batch is given back for any worker to take at once; what was stored of it stays, and
            // the next worker runs only what its documents lack. (A worker killed outright leaves its claims to their lease.)
            if (current.Count > 0)
            {
                var released = await store.ReleaseAsync(current, worker, CancellationToken.None).ConfigureAwait(false);
                context.WriteError(FormattableString.Invariant($"batch {current[0]}..{current[^1]}"), FormattableString.Invariant($"stopped before it was done; {released} document(s) given back to the queue"));
            }
        }
        var depth = await store.QueueDepthAsync(CancellationToken.None).ConfigureAwait(false);
        if (json) context.WriteJson(new WorkerReport(worker, batches, claimed, analysed, assigned, completed, failed, errors, depth));
        else context.Out.WriteLine(FormattableString.Invariant(
            $"worker {worker}: {batches} batches, {claimed} claimed, {analysed} analysed, {completed} completed, {failed} failed; queue depth {depth}"));
        return failed > 0 || errors > 0 ? 1 : 0;
    }
}
