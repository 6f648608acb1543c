using System.Security.Cryptography;
using System.Text;
using Storyline.Storage;
using Storyline.Storage.Postgres;
using Storyline.Storage.Sqlite;

namespace Storyline.Storage.Tests;

/// <summary>Opens a store of one provider in a fresh location; storage tests are written once against this.</summary>
public interface IStoreProvider
{
    /// <summary>Opens (or reopens) the store identified by <paramref name="location"/>.</summary>
    Task<IStorylineStore> OpenAsync(string location);

    /// <summary>Opens the store identified by <paramref name="location"/> on the clock <paramref name="time"/> (leases, timestamps).</summary>
    Task<IStorylineStore> OpenAsync(string location, TimeProvider time);

    /// <summary>Lets go of what the provider holds for <paramref name="location"/> (pooled connections, a database), once its test is done.</summary>
    void Release(string location);
}

/// <summary>The embedded SQLite provider.</summary>
public sealed class SqliteProvider : IStoreProvider
{
    /// <inheritdoc />
    public Task<IStorylineStore> OpenAsync(string location) => OpenAsync(location, TimeProvider.System);

    /// <inheritdoc />
    public async Task<IStorylineStore> OpenAsync(string location, TimeProvider time) => await SqliteDocumentStore.OpenAsync(Path.Combine(location, "store.db"), time);

    /// <inheritdoc />
    public void Release(string location) => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}

/// <summary>The PostgreSQL provider, on the test run's throwaway cluster: each location (one per test) is a database of its own.</summary>
public sealed class PostgresProvider : IStoreProvider
{
    /// <inheritdoc />
    public Task<IStorylineStore> OpenAsync(string location) => OpenAsync(location, TimeProvider.System);

    /// <inheritdoc />
    public async Task<IStorylineStore> OpenAsync(string location, TimeProvider time)
    {
        var cluster = PostgresCluster.Instance;
        if (cluster.Failure is { } failure)
        {
            // In CI a missing PostgreSQL is a failure, so a broken set-up cannot pass unnoticed; on a developer's machine it is a skip.
            if (PostgresCluster.InCi) throw new InvalidOperationException($"the PostgreSQL test cluster did not start: {failure}");
            Skip.If(true, $"PostgreSQL tests skipped: {failure}");
        }
        var database = Database(location);
        cluster.CreateDatabase(database);
        return await PostgresDocumentStore.OpenAsync(cluster.ConnectionString(database), time);
    }

    /// <inheritdoc />
    public void Release(string location)
    {
        if (PostgresCluster.Instance.Failure is null) PostgresCluster.Instance.DropDatabase(Database(location));
    }

    private static string Database(string location) =>
        "storyline_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(location)))[..16];
}
