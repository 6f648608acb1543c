using Microsoft.Extensions.Options;
using Storyline.Storage;
using Storyline.Storage.Postgres;
using Storyline.Storage.Sqlite;

namespace Storyline.Web.Services;

/// <summary>Opens the configured store, one per request.</summary>
/// <remarks>A SQLite store holds a single connection, which must not be shared across concurrent requests; WAL mode lets the per-request
/// connections read side by side (and alongside the CLI) while one writes. A PostgreSQL store borrows pooled connections, so opening one
/// per request costs no new connection.</remarks>
public sealed class StoreFactory(IOptions<WebOptions> options, TimeProvider time)
{
    /// <summary>The store's location: a SQLite file path or a PostgreSQL URI or connection string.</summary>
    public string Path => options.Value.Store;

    /// <summary>Opens the store; dispose it when the request is done.</summary>
    public Task<IStorylineStore> OpenAsync(CancellationToken cancellationToken) =>
        StorylineStores.OpenAsync(options.Value.Store, time, create: true, cancellationToken);
}

/// <summary>Opens a store by its location, for the CLI and the web app alike: a <c>postgresql://user@host:port/db</c> URI or an Npgsql
/// connection string (<c>Host=...</c>) is a PostgreSQL database; anything else is the path of a SQLite file.</summary>
public static class StorylineStores
{
    /// <summary>True when <paramref name="location"/> names a PostgreSQL database rather than a SQLite file.</summary>
    public static bool IsPostgres(string location) => PostgresDocumentStore.IsLocation(location);

    /// <summary>Opens (migrating) the store at <paramref name="location"/>. A SQLite file is created when missing; a PostgreSQL database gets
    /// its schema (and is created, where the user may) only with <paramref name="create"/>.</summary>
    public static Task<IStorylineStore> OpenAsync(string location, TimeProvider time, bool create, CancellationToken cancellationToken) =>
        OpenAsync(location, time, create, migrate: true, cancellationToken);

    /// <summary>Opens the store at <paramref name="location"/>; without <paramref name="migrate"/> (a reader) nothing is written, and a store
    /// whose schema is behind this build fails with a one-line message naming <c>storyline migrate</c>.</summary>
    public static async Task<IStorylineStore> OpenAsync(string location, TimeProvider time, bool create, bool migrate, CancellationToken cancellationToken) =>
        IsPostgres(location)
            ? await PostgresDocumentStore.OpenAsync(location, time, create, migrate || create, cancellationToken).ConfigureAwait(false)
            : await SqliteDocumentStore.OpenAsync(location, migrate || create, time, cancellationToken).ConfigureAwait(false);
}
