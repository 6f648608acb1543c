using System.CommandLine;

namespace Storyline.Cli;

/// <summary>Options shared by every command.</summary>
internal static class CommonOptions
{
    /// <summary>Location of the store (SQLite path or PostgreSQL URI); defaults to the user's data directory (or STORYLINE_STORE).</summary>
    public static readonly Option<string> Store = new("--store")
    {
        Description = "The store: a SQLite file path, or a PostgreSQL postgresql://user@host:port/db URI or Host=... connection string (default: $STORYLINE_STORE or ~/.local/share/storyline/storyline.db)",
        Recursive = true,
        DefaultValueFactory = _ => DefaultStorePath(),
    };

    /// <summary>Machine-readable output.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write JSON for scripts instead of tables",
        Recursive = true,
    };

    /// <summary>The default store location.</summary>
    public static string DefaultStorePath()
    {
        var fromEnv = Environment.GetEnvironmentVariable("STORYLINE_STORE");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(data)) data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(data, "storyline", "storyline.db");
    }
}
