using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Storyline.Storage.Sqlite;

namespace Storyline.Cli;

/// <summary>What every command needs: output streams, the console renderer, the clock and the store.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, TimeProvider time)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;
    public TimeProvider Time { get; } = time;

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

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public Task<SqliteDocumentStore> OpenStoreAsync(string path, CancellationToken cancellationToken) =>
        SqliteDocumentStore.OpenAsync(path, Time, cancellationToken);

    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>One error line naming the input and the reason.</summary>
    public void WriteError(string name, string reason) => Error.WriteLine($"error: {name}: {reason}");
}
