using Storyline.Briefing;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Sqlite;

/// <summary>Stories' stored briefings and the store-wide views in the SQLite store (the SQL is <see cref="StoredViewSql"/>'s).</summary>
public sealed partial class SqliteDocumentStore : IBriefingStore, IViewStore
{
    /// <inheritdoc />
    public Task SaveBriefingAsync(StoredBriefing briefing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        return StoredViewSql.SaveBriefingAsync(_connection, briefing, _time.GetUtcNow(), cancellationToken);
    }

    /// <inheritdoc />
    public Task<StoredBriefing?> GetBriefingAsync(long storyId, CancellationToken cancellationToken = default) =>
        StoredViewSql.GetBriefingAsync(_connection, storyId, cancellationToken);

    /// <inheritdoc />
    public Task<string?> GetBriefingStampAsync(long storyId, CancellationToken cancellationToken = default) =>
        StoredViewSql.GetBriefingStampAsync(_connection, storyId, cancellationToken);

    /// <inheritdoc />
    public Task SaveViewAsync(string name, string stamp, string json, CancellationToken cancellationToken = default) =>
        StoredViewSql.SaveViewAsync(_connection, name, stamp, json, _time.GetUtcNow(), cancellationToken);

    /// <inheritdoc />
    public Task<StoredView?> GetViewAsync(string name, CancellationToken cancellationToken = default) =>
        StoredViewSql.GetViewAsync(_connection, name, cancellationToken);

    /// <inheritdoc />
    public Task<string?> GetViewStampAsync(string name, CancellationToken cancellationToken = default) =>
        StoredViewSql.GetViewStampAsync(_connection, name, cancellationToken);
}
