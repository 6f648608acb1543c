namespace Storyline.Storage;

/// <summary>Where a store lives when none is named: written once for the CLI and the web app.</summary>
public static class StoreLocations
{
    /// <summary>The environment variable that names the store.</summary>
    public const string Variable = "STORYLINE_STORE";

    /// <summary>$STORYLINE_STORE when set, else storyline/storyline.db in the user's data folder (~/.local/share on Linux).</summary>
    public static string Default()
    {
        var fromEnv = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(data)) data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(data, "storyline", "storyline.db");
    }
}
