using System.CommandLine;
using Storyline.Contracts;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline list</c>: every stored document with title, source, date and word count.</summary>
internal static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List stored documents");
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            var documents = await store.ListAsync(ct).ConfigureAwait(false);
            if (context.Json) context.WriteJson(documents.Select(DocumentListItem.Of).ToList());
            else DocumentTable.Write(context.Console, documents);
            return 0;
        });
        return command;
    }
}
