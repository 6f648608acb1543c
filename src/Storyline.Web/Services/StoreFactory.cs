using Microsoft.Extensions.Options;
using Storyline.Storage.Sqlite;

namespace Storyline.Web.Services;

/// <summary>Opens the configured store, one connection per request.</summary>
/// <remarks>A store holds a single SQLite connection, which must not be shared across concurrent requests; WAL mode lets
/// the per-request connections read side by side (and alongside the CLI) while one writes.</remarks>
public sealed class StoreFactory(IOptions<WebOptions> options, TimeProvider time)
{
    /// <summary>The store's path.</summary>
    public string Path => options.Value.Store;

    /// <summary>Opens the store; dispose it when the request is done.</summary>
    public Task<SqliteDocumentStore> OpenAsync(CancellationToken cancellationToken) =>
        SqliteDocumentStore.OpenAsync(options.Value.Store, time, cancellationToken);
}
