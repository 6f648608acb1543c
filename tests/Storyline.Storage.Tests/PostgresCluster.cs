using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Storyline.Storage.Tests;

/// <summary>A throwaway PostgreSQL cluster for the test run: <c>initdb</c> into a temporary folder, <c>pg_ctl start</c> on a free port of
/// 127.0.0.1 (its socket in the same folder), stopped and deleted when the test process exits. Started once, on first use.</summary>
/// <remarks>PostgreSQL refuses to run as root, so as root the binaries run as the <c>postgres</c> user (through <c>runuser</c>) in a folder
/// it owns. The binaries are those in STORYLINE_TEST_PG_BIN when set, else on PATH, else the newest under /usr/lib/postgresql/*/bin.</remarks>
public sealed class PostgresCluster
{
    private static readonly Lazy<PostgresCluster> Shared = new(() => new PostgresCluster(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The cluster of this test process.</summary>
    public static PostgresCluster Instance => Shared.Value;

    /// <summary>True under CI (CI=true), where a cluster that cannot start fails the PostgreSQL tests instead of skipping them.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the cluster could not start, or null when it runs.</summary>
    public string? Failure { get; }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    private readonly string? _folder;
    private readonly string? _bin;
    private readonly bool _asRoot;
    private int _stopped;

    /// <summary>True once the cluster has been asked for (started or failed).</summary>
    public static bool Created => Shared.IsValueCreated;

    private PostgresCluster()
    {
        try
        {
            _bin = FindBinaries() ?? throw new InvalidOperationException(
                "PostgreSQL is not installed: no initdb in STORYLINE_TEST_PG_BIN, on PATH or under /usr/lib/postgresql/*/bin (apt-get install -y postgresql)");
            _folder = Directory.CreateTempSubdirectory("storyline-pg-").FullName;
            // Environment.UserName is the effective user's name on Unix.
            var asRoot = Environment.UserName == "root";
            if (asRoot) Run("chown", ["-R", "postgres:postgres", _folder], asPostgres: false);
            var data = Path.Combine(_folder, "data");
            Run(Path.Combine(_bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], asRoot);
            Port = FreePort();
            // No durability needed for a cluster thrown away at the end; the socket goes in the folder, not the system's run directory.
            var options = $"-p {Port} -c listen_addresses=127.0.0.1 -k {_folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(_folder, "server.log"), "-o", options, "-w", "-t", "60", "start"], asRoot);
            _asRoot = asRoot;
            // A fallback only: the test runner may end the process before this finishes; PostgresCollection stops the cluster first.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            Failure = e.Message;
            if (_folder is not null) TryDelete(_folder);
        }
    }

    /// <summary>The connection string of <paramref name="database"/> on this cluster.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database }.ConnectionString;

    /// <summary>Creates <paramref name="database"/> unless it exists.</summary>
    public void CreateDatabase(string database)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (exists.ExecuteScalar() is not null) return;
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        create.ExecuteNonQuery();
    }

    /// <summary>Drops <paramref name="database"/>, ending its connections (pooled ones included).</summary>
    public void DropDatabase(string database)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    /// <summary>Stops the server and deletes its folder (once; later calls do nothing).</summary>
    public void Stop()
    {
        if (_bin is null || _folder is null || Interlocked.Exchange(ref _stopped, 1) == 1) return;
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], _asRoot);
        }
        catch (InvalidOperationException)
        {
            // Already gone: deleting the folder is all that is left.
        }
        TryDelete(_folder);
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string? FindBinaries()
    {
        // An explicit folder wins (another PostgreSQL version, or a missing one to see the skip and the CI failure).
        if (Environment.GetEnvironmentVariable("STORYLINE_TEST_PG_BIN") is { Length: > 0 } chosen)
            return File.Exists(Path.Combine(chosen, "initdb")) ? chosen : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Runuser() =>
        new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("runuser is missing: as root, PostgreSQL must run as the postgres user");

    private static void Run(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        // Run from / : the postgres user may not be allowed into the test's working folder (a clone under /root), and initdb fails
        // when it cannot find out where it runs.
        var start = new ProcessStartInfo(asPostgres ? Runuser() : file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/",
        };
        if (asPostgres) foreach (var a in (string[])["-u", "postgres", "--", file]) start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // pg_ctl's server inherits the output handles; reading them to the end would wait for the server to exit, so they are read asynchronously.
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(file)} did not finish in two minutes");
        }
        if (process.ExitCode != 0)
        {
            var said = error.IsCompleted ? error.Result : "";
            if (said.Length == 0 && output.IsCompleted) said = output.Result;
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {said.Trim().ReplaceLineEndings(" ")}");
        }
    }
}

/// <summary>Every PostgreSQL test class runs in this collection, so the cluster is stopped and deleted when the last of them ends, before the
/// test runner ends the process.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCollection.Lifetime>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PostgreSQL";

    /// <summary>Stops the cluster (if any test started it) when the collection is done.</summary>
    public sealed class Lifetime : IDisposable
    {
        /// <inheritdoc />
        public void Dispose()
        {
            if (PostgresCluster.Created) PostgresCluster.Instance.Stop();
        }
    }
}
