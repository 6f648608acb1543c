using System.CommandLine;
using Storyline.Cli.Commands;

namespace Storyline.Cli;

/// <summary>Builds the storyline command tree and runs it.</summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(stdout, stderr, time);
        var root = new RootCommand("Storyline: turn news coverage of a contested story into a briefing you can trust.");
        root.Options.Add(CommonOptions.Store);
        root.Options.Add(CommonOptions.Json);
        root.Subcommands.Add(IngestCommand.Create(context));
        root.Subcommands.Add(ListCommand.Create(context));
        root.Subcommands.Add(ShowCommand.Create(context));
        root.Subcommands.Add(SearchCommand.Create(context));
        root.Subcommands.Add(ReprocessCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(StoriesCommand.Create(context));
        root.Subcommands.Add(TimelineCommand.Create(context));
        root.Subcommands.Add(BriefCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(EntitiesCommand.Create(context));
        root.Subcommands.Add(PeopleCommand.Create(context));
        root.Subcommands.Add(QuotesCommand.Create(context));
        root.Subcommands.Add(SpeakersCommand.Create(context));
        root.Subcommands.Add(ClaimsCommand.Create(context));
        root.Subcommands.Add(WorkerCommand.Create(context));
        root.Subcommands.Add(MigrateCommand.Create(context));
        // Store errors are the user's to fix and get one line; the framework's handler would print a stack trace.
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await root.Parse(args).InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // What the framework's handler did for everything else: a bug keeps its stack trace.
            await stderr.WriteLineAsync($"Unhandled exception: {e}").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return 130;
        }
    }
}
