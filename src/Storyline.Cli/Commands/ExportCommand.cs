using System.CommandLine;
using System.Text.Json;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline export</c>: every stored document as JSON Lines.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("export", "Write every stored document as JSON Lines (id, input, metadata, cleaned text)");
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse.GetValue(CommonOptions.Store)!, ct).ConfigureAwait(false);
            await foreach (var doc in store.ReadAllAsync(ct).ConfigureAwait(false))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    id = doc.Id,
                    input = doc.InputName,
                    url = doc.Url,
                    duplicate_of = doc.DuplicateOf,
                    ingested_at = doc.IngestedAt,
                    metadata = doc.Content.Metadata,
                    word_count = doc.Content.WordCount,
                    text = doc.Content.Text,
                }, CliContext.JsonOptions)).ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }
}
