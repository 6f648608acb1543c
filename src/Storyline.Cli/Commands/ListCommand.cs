using System.CommandLine;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline list</c>: every stored document with title, source, date and word count.</summary>
internal static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List stored documents");
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse.GetValue(CommonOptions.Store)!, ct).ConfigureAwait(false);
            var documents = await store.ListAsync(ct).ConfigureAwait(false);
            if (parse.GetValue(CommonOptions.Json)) context.WriteJson(documents);
            else DocumentTable.Write(context.Console, documents);
            return 0;
        });
        return command;
    }
}
