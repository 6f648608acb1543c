using System.CommandLine;
using Storyline.Contracts;
using Storyline.Storage.Sqlite;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline migrate</c>: upgrades an existing store's schema to this build's. Commands that write do it themselves; reading
/// commands never write, so after an upgrade of Storyline they ask for this first.</summary>
internal static class MigrateCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("migrate", "Upgrade an existing store's schema to this version of Storyline (reading commands never do it)");
        command.SetAction(async (parse, ct) =>
        {
            await using (await context.OpenStoreAsync(parse, ct, write: true).ConfigureAwait(false)) { }
            // Both providers carry the same migrations, one for one.
            var version = SqliteDocumentStore.SchemaVersion;
            if (context.Json) context.WriteJson(new MigrateReport(version));
            else context.Out.WriteLine($"store schema at version {version}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
