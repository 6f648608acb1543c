namespace Storyline.Tests.TestSupport;

/// <summary>Locates ../shared (samples and evaluation data) from the test's working directory.</summary>
public static class SharedData
{
    /// <summary>The shared folder beside the repository.</summary>
    public static string Root { get; } = Find();

    /// <summary>The xinjiang sample folder.</summary>
    public static string Samples => Path.Combine(Root, "samples", "xinjiang");

    /// <summary>Full path of the sample whose file name starts with <paramref name="prefix"/>.</summary>
    public static string Sample(string prefix) =>
        Directory.EnumerateFiles(Samples).Single(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal));

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "samples"))) return candidate;
            dir = dir.Parent;
        }
        throw new DirectoryNotFoundException("../shared not found beside the repository");
    }
}
