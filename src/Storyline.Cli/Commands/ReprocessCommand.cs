using System.CommandLine;
using Spectre.Console;
using Storyline.Dedup;
using Storyline.Ingestion;
using Storyline.Pipeline;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline reprocess</c>: re-runs cleaning and analysis from the stored original inputs, without the network.</summary>
internal static class ReprocessCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("reprocess", "Re-run cleaning and analysis on every stored document from its original input");
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse.GetValue(CommonOptions.Store)!, ct).ConfigureAwait(false);
            var pipeline = DocumentPipeline.CreateDefault(context.Time);
            int done = 0, failed = 0;
            foreach (var id in await store.ListIdsAsync(ct).ConfigureAwait(false))
            {
                var input = await store.GetInputAsync(id, ct).ConfigureAwait(false);
                if (input is null) continue;
                try
                {
                    var content = pipeline.Process(input, ct);
                    await store.UpdateContentAsync(id, content, Ingestor.TextHash(content.Text), MinHash.Signature(content.Text), ct).ConfigureAwait(false);
                    done++;
                }
                catch (InputRejectedException e)
                {
                    // The old cleaned form stays: an upgrade never loses what a user ingested.
                    context.WriteError(input.Name, $"kept previous version: {e.Message}");
                    failed++;
                }
            }
            await IngestFinisher.For(store).ReanalyzeAllAsync(ct).ConfigureAwait(false);
            if (parse.GetValue(CommonOptions.Json)) context.WriteJson(new { reprocessed = done, failed });
            else context.Console.WriteLine($"reprocessed {done}, failed {failed}");
            return failed > 0 ? 1 : 0;
        });
        return command;
    }
}
