using Storyline.Storage.Tests;

namespace Storyline.Cli.Tests;

/// <summary>Fresh PostgreSQL stores on the test run's throwaway cluster for CLI tests, dropped on dispose; outside CI a cluster that did not
/// start skips the test, under CI it fails it.</summary>
public sealed class PostgresCliStores : IDisposable
{
    private readonly List<string> _databases = [];

    /// <summary>The database name behind the last store given.</summary>
    public string LastDatabase => _databases[^1];

    /// <summary>A store URI naming a new database (created by the first command that writes).</summary>
    public string NewStore()
    {
        var cluster = PostgresCluster.Instance;
        if (cluster.Failure is { } failure)
        {
            if (PostgresCluster.InCi) throw new InvalidOperationException($"the PostgreSQL test cluster did not start: {failure}");
            Skip.If(true, $"PostgreSQL tests skipped: {failure}");
        }
        var database = $"storyline_cli_{Guid.NewGuid():N}";
        _databases.Add(database);
        return $"postgresql://postgres@127.0.0.1:{cluster.Port}/{database}";
    }

    /// <summary>Runs the CLI in-process on <paramref name="store"/>.</summary>
    public static async Task<(int Code, string Out, string Err)> RunOn(string store, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--store", store], stdout, stderr, TimeProvider.System);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (PostgresCluster.Created && PostgresCluster.Instance.Failure is null)
            foreach (var database in _databases) PostgresCluster.Instance.DropDatabase(database);
    }
}
