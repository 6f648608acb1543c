using Storyline.Cli;

namespace Storyline.Cli.Tests;

/// <summary>Runs the CLI in-process against a temporary store and captures its output.</summary>
public sealed class CliRunner : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("storyline-cli-");

    /// <summary>The store path every run uses.</summary>
    public string Store => Path.Combine(_dir.FullName, "store.db");

    /// <summary>A scratch folder for inputs.</summary>
    public string Folder => _dir.FullName;

    /// <summary>Runs one command; returns exit code and captured streams.</summary>
    public async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--store", Store], stdout, stderr, TimeProvider.System);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes an input file under the scratch folder.</summary>
    public string Write(string name, string content) => Write(name, System.Text.Encoding.UTF8.GetBytes(content));

    /// <summary>Writes an input file under the scratch folder.</summary>
    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir.FullName, "in", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>The first column of each row <paramref name="sql"/> gives on the store, read-only and unpooled (so that a child process
    /// writing it is not held up, and a file still being created can be read).</summary>
    public List<string> Query(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Store};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return rows;
    }

    /// <summary>The number a count query gives on the store.</summary>
    public int Count(string sql) => int.Parse(Query(sql)[0], System.Globalization.CultureInfo.InvariantCulture);

    public static string Article(int n, string topic = "trade") =>
        $"Headline number {n} about {topic}\n\n" + string.Join("\n\n", Enumerable.Range(0, 4).Select(p =>
            $"Paragraph {p} of article {n}: officials discussed {topic} item {n * 31 + p} at length on Tuesday, according to people present at the meeting in the capital."));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { _dir.Delete(true); } catch (IOException) { }
    }
}
