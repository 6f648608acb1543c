using Storyline.Storage;
using Storyline.Storage.Sqlite;

namespace Storyline.Storage.Tests;

/// <summary>Opens a store of one provider in a fresh location; storage tests are written once against this.</summary>
public interface IStoreProvider
{
    /// <summary>Opens (or reopens) the store identified by <paramref name="location"/>.</summary>
    Task<IDocumentStore> OpenAsync(string location);
}

/// <summary>The embedded SQLite provider.</summary>
public sealed class SqliteProvider : IStoreProvider
{
    /// <inheritdoc />
    public async Task<IDocumentStore> OpenAsync(string location) => await SqliteDocumentStore.OpenAsync(Path.Combine(location, "store.db"));
}
