using System.CommandLine;
using System.CommandLine.Invocation;
using Storyline.Cli.Commands;

namespace Storyline.Cli;

/// <summary>Builds the storyline command tree and runs it.</summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen command; returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(stdout, stderr, time);
        var root = Build(context);
        // Store errors are the user's to fix and get one line; the framework's handler would print a stack trace.
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        var parse = root.Parse(args);
        try
        {
            if (args.Length == 0)
            {
                // No command: the usage, on stderr as any usage error's hint is.
                await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = stderr, Error = stderr }, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
            {
                // A usage error is exit code 2 (System.CommandLine's own says 1), written as every other error line, on stderr only: stdout
                // stays free of help text a script would read as data.
                foreach (var error in parse.Errors) await stderr.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
                var command = parse.CommandResult.Command is RootCommand ? "storyline" : $"storyline {parse.CommandResult.Command.Name}";
                await stderr.WriteLineAsync($"run '{command} --help' for usage").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (context.Globals.Conflict(parse) is { } conflict)
            {
                await stderr.WriteLineAsync($"error: {conflict}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            context.Use(parse);
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // What the framework's handler did for everything else: a bug keeps its stack trace.
            await stderr.WriteLineAsync($"Unhandled exception: {e}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>The command tree: the global options and every command, with System.CommandLine's --help, --version and [suggest] (shell completion).</summary>
    internal static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("Storyline: turn news coverage of a contested story into a briefing you can trust.");
        context.Globals.AddTo(root);
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
        return root;
    }
}
