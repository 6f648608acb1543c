using System.CommandLine;
using Spectre.Console;
using Storyline.Contracts;
using Storyline.Dedup;
using Storyline.Ingestion;
using Storyline.Documents;
using Storyline.Pipeline;
using Storyline.Pipeline.Analysis;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline reprocess</c>: re-runs cleaning and analysis from the stored original inputs, without the network.</summary>
internal static class ReprocessCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("reprocess", "Re-run cleaning and analysis on every stored document from its original input");
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct, write: true).ConfigureAwait(false);
            var pipeline = DocumentPipeline.CreateDefault(context.Time);
            int done = 0, changed = 0, failed = 0;
            foreach (var id in await store.ListIdsAsync(ct).ConfigureAwait(false))
            {
                var input = await store.GetInputAsync(id, ct).ConfigureAwait(false);
                if (input is null) continue;
                try
                {
                    var content = pipeline.Process(input, ct);
                    done++;
                    // A document cleaned as before keeps its analysis: only stages of another version run again below.
                    if (await store.GetAsync(id, ct).ConfigureAwait(false) is { } stored && SameContent(stored.Content, content)) continue;
                    await store.UpdateContentAsync(id, content, Ingestor.TextHash(content.Text), MinHash.Signature(content.Text), ct).ConfigureAwait(false);
                    changed++;
                }
                catch (InputRejectedException e)
                {
                    // The old cleaned form stays: an upgrade never loses what a user ingested.
                    context.WriteError(input.Name, $"kept previous version: {e.Message}");
                    failed++;
                }
            }
            var finisher = IngestFinisher.For(store);
            AnalysisSummary analysis;
            if (context.ShowProgress)
            {
                AnalysisSummary? result = null;
                await context.Console.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Analysing");
                    var stories = progress.AddTask("Writing briefings", autoStart: false);
                    finisher.BriefingProgress = new Progress<AnalysisProgress>(a =>
                    {
                        if (!stories.IsStarted) stories.StartTask();
                        stories.MaxValue = Math.Max(1, a.Total);
                        stories.Value = a.Done;
                    });
                    result = await finisher.ReanalyzeAsync(new Progress<AnalysisProgress>(a =>
                    {
                        task.MaxValue = Math.Max(1, a.Total);
                        task.Value = a.Done;
                    }), ct).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                    stories.Value = stories.MaxValue;
                }).ConfigureAwait(false);
                analysis = result!;
            }
            else analysis = await finisher.ReanalyzeAsync(null, ct).ConfigureAwait(false);
            foreach (var failure in analysis.Failed)
                context.WriteError(FormattableString.Invariant($"document {failure.DocumentId}"), $"analysis failed: {failure.Reason}");
            if (context.Json)
                context.WriteJson(new ReprocessReport(done, changed, failed, analysis.Analysed, analysis.StageRuns, analysis.Failed.Count));
            else context.Console.WriteLine(FormattableString.Invariant(
                $"reprocessed {done} (text changed: {changed}), failed {failed}; analysed {analysis.Analysed} ({string.Join(", ", analysis.StageRuns.Select(r => $"{r.Key} {r.Value}"))})"));
            return failed > 0 || analysis.Failed.Count > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>True when cleaning gave the stored text, blocks and metadata again (metadata compared as stored, in JSON).</summary>
    private static bool SameContent(ProcessedDocument stored, ProcessedDocument fresh) =>
        stored.Text == fresh.Text && stored.Blocks.SequenceEqual(fresh.Blocks)
        && System.Text.Json.JsonSerializer.Serialize(stored.Metadata) == System.Text.Json.JsonSerializer.Serialize(fresh.Metadata);
}
