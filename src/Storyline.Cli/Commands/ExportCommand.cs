using System.CommandLine;
using Storyline.Contracts;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline export</c>: every stored document as JSON Lines.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("export", "Write every stored document as JSON Lines (id, input, metadata, cleaned text)");
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            await foreach (var doc in store.ReadAllAsync(ct).ConfigureAwait(false))
            {
                // JSON Lines: written as the store yields each document, so an export of any size streams.
                await context.Out.WriteLineAsync(StorylineJson.Serialize(ExportItem.Of(doc))).ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }
}
