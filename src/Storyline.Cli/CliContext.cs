using System.Data.Common;
using System.CommandLine;
using Microsoft.Data.Sqlite;
using Spectre.Console;
using Storyline.Contracts;
using Storyline.Storage;
using Storyline.Web.Services;

namespace Storyline.Cli;

/// <summary>What every command needs: output streams, the console renderer, the clock and the store.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, TimeProvider time)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;
    public TimeProvider Time { get; } = time;

    /// <summary>The options every command takes.</summary>
    public GlobalOptions Globals { get; } = new();

    /// <summary>--json: data as the JSON contract.</summary>
    public bool Json { get; private set; }

    /// <summary>--quiet: no warnings or progress.</summary>
    public bool Quiet { get; private set; }

    /// <summary>--verbose: say what is done.</summary>
    public bool Verbose { get; private set; }

    /// <summary>Reads the global options of a parse, before its command runs.</summary>
    public void Use(ParseResult parse)
    {
        Json = parse.GetValue(Globals.Json);
        Quiet = parse.GetValue(Globals.Quiet);
        Verbose = parse.GetValue(Globals.Verbose);
    }

    /// <summary>The store location the command was given.</summary>
    public string StoreLocation(ParseResult parse) => parse.GetValue(Globals.Store)!;

    /// <summary>True when progress may be drawn: a terminal, neither --json nor --quiet.</summary>
    public bool ShowProgress => !Json && !Quiet && Console.Profile.Capabilities.Interactive;

    /// <summary>A Spectre console writing to <see cref="Out"/>; interactive features only on a real terminal.</summary>
    public IAnsiConsole Console { get; } = CreateConsole(stdout);

    private static IAnsiConsole CreateConsole(TextWriter stdout)
    {
        var terminal = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
        });
        // Redirected output has no width; 80 columns would wrap every title, so give tables room.
        if (!terminal) console.Profile.Width = 160;
        return console;
    }


    /// <summary>Opens the store named by --store (a SQLite path, or a PostgreSQL URI or connection string); see
    /// <see cref="OpenStoreAsync(string, CancellationToken, bool, bool)"/>.</summary>
    public Task<IStorylineStore> OpenStoreAsync(ParseResult parse, CancellationToken cancellationToken, bool create = false, bool write = false) =>
        OpenStoreAsync(StoreLocation(parse), cancellationToken, create, write);

    /// <summary>Opens the store (a SQLite path, or a PostgreSQL URI or connection string); only a command that adds documents
    /// (<paramref name="create"/>) makes one where none exists, and only a command that writes (<paramref name="write"/> or create) upgrades
    /// its schema: reads never write. A missing store, a file or database that is not one, or one whose schema is behind this build, is a
    /// <see cref="StoreUnavailableException"/> with a one-line reason.</summary>
    public async Task<IStorylineStore> OpenStoreAsync(string path, CancellationToken cancellationToken, bool create = false, bool write = false)
    {
        var postgres = StorylineStores.IsPostgres(path);
        var shown = postgres ? ShowLocation(path) : path;
        if (!postgres && !create && !File.Exists(path))
            throw new StoreUnavailableException($"store {path} does not exist (check --store or STORYLINE_STORE; ingest creates a store)");
        try
        {
            var store = await StorylineStores.OpenAsync(path, Time, create, migrate: write, cancellationToken).ConfigureAwait(false);
            Info($"store {shown}");
            return store;
        }
        catch (SqliteException e)
        {
            // "SQLite Error 26: 'file is not a database'." reads better without the code and quotes.
            var reason = e.SqliteErrorCode == 26 ? "not a SQLite database" : e.Message.ReplaceLineEndings(" ");
            throw new StoreUnavailableException($"store {path} cannot be opened: {reason}");
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or FormatException or TimeoutException)
        {
            throw new StoreUnavailableException($"store {shown} cannot be opened: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>A PostgreSQL location as error messages show it: without its password.</summary>
    private static string ShowLocation(string location) =>
        System.Text.RegularExpressions.Regex.Replace(location, @"(?i)(://[^:/@]*:)[^@/]*@|((?:password|pwd)\s*=)[^;]*", m => m.Groups[1].Success ? m.Groups[1].Value + "***@" : m.Groups[2].Value + "***");

    /// <summary>Writes one value of the JSON contract (<see cref="StorylineJson"/>) on its own line.</summary>
    public void WriteJson<T>(T value) => Out.WriteLine(StorylineJson.Serialize(value));

    /// <summary>One error line naming the input and the reason.</summary>
    public void WriteError(string name, string reason) => Error.WriteLine($"error: {name}: {reason}");

    /// <summary>The one wording for an id with nothing behind it: "error: story 99: not found" (exit code 1).</summary>
    public int NotFound(string kind, long id)
    {
        WriteError(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kind} {id}"), "not found");
        return ExitCodes.Failed;
    }

    /// <summary>One warning line on stderr, unless --quiet.</summary>
    public void Warn(string message)
    {
        if (!Quiet) Error.WriteLine($"warning: {message}");
    }

    /// <summary>One line on stderr with --verbose.</summary>
    public void Info(string message)
    {
        if (Verbose) Error.WriteLine($"info: {message}");
    }
}

/// <summary>The store named by --store is missing or is not a store; the message is one line.</summary>
internal sealed class StoreUnavailableException(string message) : Exception(message);
