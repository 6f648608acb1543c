using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Storyline.Ingestion;
using Storyline.Storage;
using Storyline.Time;

namespace Storyline.Cli;

/// <summary>The options every command takes, made once per command tree (never static, so two trees never share a parsed value).</summary>
internal sealed class GlobalOptions
{
    /// <summary>Location of the store (SQLite path or PostgreSQL URI); defaults to <see cref="StoreLocations.Default"/>.</summary>
    public Option<string> Store { get; } = new("--store")
    {
        Description = "The store: a SQLite file path, or a PostgreSQL postgresql://user@host:port/db URI or Host=... connection string (default: $STORYLINE_STORE or ~/.local/share/storyline/storyline.db)",
        Recursive = true,
        DefaultValueFactory = _ => StoreLocations.Default(),
    };

    /// <summary>Machine-readable output.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Write JSON for scripts instead of tables (see the README's JSON contract)", Recursive = true };

    /// <summary>Only data and errors.</summary>
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No warnings or progress on stderr: only data on stdout and errors", Recursive = true };

    /// <summary>More on stderr.</summary>
    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Also say on stderr what is done: the store opened, each input's outcome, the story chosen", Recursive = true };

    /// <summary>Adds the options to the root command (recursive: every command takes them).</summary>
    public void AddTo(RootCommand root)
    {
        root.Options.Add(Store);
        root.Options.Add(Json);
        root.Options.Add(Quiet);
        root.Options.Add(Verbose);
    }

    /// <summary>The usage error of a parse whose global options contradict each other, or null. (A root validator does not run when a
    /// subcommand is parsed, so this is checked beside the parse errors.)</summary>
    public string? Conflict(ParseResult parse) =>
        parse.GetValue(Quiet) && parse.GetValue(Verbose) ? "--quiet and --verbose cannot be used together." : null;
}

/// <summary>How one command run ingests: the typed values of <see cref="IngestOptionGroup"/>.</summary>
internal sealed record IngestSettings(DateTimeOffset? Published, long MaxBytes, TimeSpan Timeout, TimeSpan InputTimeout, bool AllowPrivate);

/// <summary>The one ingest option group, on every command that ingests (<c>ingest</c>, <c>brief</c>, <c>quotes</c>): --published, --max-bytes,
/// --timeout, --input-timeout, --allow-private, each checked as it is parsed (a bad value is a usage error, exit code 2).</summary>
internal sealed class IngestOptionGroup
{
    public Option<string?> Published { get; } = new("--published") { Description = "Publication date for every input of this batch (overrides what the input says): yyyy-MM-dd or an ISO 8601 instant" };
    public Option<long> MaxBytes { get; } = new("--max-bytes") { Description = "Refuse inputs larger than this many bytes", DefaultValueFactory = _ => 20_000_000 };
    public Option<double> Timeout { get; } = new("--timeout") { Description = "URL fetch timeout in seconds", DefaultValueFactory = _ => 30 };
    public Option<double> InputTimeout { get; } = new("--input-timeout") { Description = "Seconds one input may take to process (decode, extract, clean); an input over it fails and the batch goes on", DefaultValueFactory = _ => Ingestor.DefaultInputTimeout.TotalSeconds };
    public Option<bool> AllowPrivate { get; } = new("--allow-private") { Description = "Allow fetching URLs on loopback, link-local and private addresses" };

    public IngestOptionGroup()
    {
        Published.Validators.Add(r => { if (r.GetValueOrDefault<string?>() is { } p && !UserDates.TryParse(p, out _)) r.AddError($"--published: not a date (yyyy-MM-dd or an ISO 8601 instant): {p}"); });
        MaxBytes.Validators.Add(r => { if (r.GetValueOrDefault<long>() < 1) r.AddError("--max-bytes: not a number of bytes above zero"); });
        Timeout.Validators.Add(r => Validate.Seconds(r, "--timeout", 86_400));
        InputTimeout.Validators.Add(r => Validate.Seconds(r, "--input-timeout", int.MaxValue / 1000));
    }

    /// <summary>Adds the group to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Published);
        command.Options.Add(MaxBytes);
        command.Options.Add(Timeout);
        command.Options.Add(InputTimeout);
        command.Options.Add(AllowPrivate);
    }

    /// <summary>The parsed, already validated values.</summary>
    public IngestSettings Bind(ParseResult parse) => new(
        UserDates.TryParse(parse.GetValue(Published), out var date) ? date : null,
        parse.GetValue(MaxBytes), TimeSpan.FromSeconds(parse.GetValue(Timeout)), TimeSpan.FromSeconds(parse.GetValue(InputTimeout)), parse.GetValue(AllowPrivate));
}

/// <summary>Validators shared by the commands' options: each error names the option and what it takes.</summary>
internal static class Validate
{
    /// <summary>A number of seconds above zero, at most <paramref name="max"/>.</summary>
    public static void Seconds(OptionResult result, string name, double max)
    {
        var value = result.GetValueOrDefault<double>();
        if (!(value > 0) || value > max) result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: not a number of seconds above zero, at most {max}: {value}"));
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static void Range(OptionResult result, string name, int min, int max)
    {
        var value = result.GetValueOrDefault<int>();
        if (value < min || value > max) result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: not a number from {min} to {max}: {value}"));
    }
}

/// <summary>The <c>--story ID</c> option of the commands that read one story.</summary>
internal static class StoryOption
{
    /// <summary>A new --story option (one per command).</summary>
    public static Option<long?> Create() => new("--story") { Description = "Story id (see storyline stories); default: the most recent story" };

    /// <summary>The error when no story resolved: "story N: not found" for a given id, "store: no stories yet" without one (exit code 1).</summary>
    public static int Missing(CliContext context, long? requested)
    {
        if (requested is { } id) return context.NotFound("story", id);
        context.WriteError("store", "no stories yet: give articles to ingest");
        return ExitCodes.Failed;
    }
}

/// <summary>The <c>--camps FILE</c> option of the commands that classify speakers.</summary>
internal static class CampsOption
{
    /// <summary>A new --camps option (one per command) that must name an existing file.</summary>
    public static Option<string?> Create()
    {
        var option = new Option<string?>("--camps") { Description = "A camps file (see Attribution/Data/camps.txt) to classify speakers with" };
        option.Validators.Add(r => { if (r.GetValueOrDefault<string?>() is { } f && !File.Exists(f)) r.AddError($"--camps: no such file: {f}"); });
        return option;
    }
}
