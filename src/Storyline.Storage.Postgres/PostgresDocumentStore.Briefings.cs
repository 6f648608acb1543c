using Storyline.Briefing;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Postgres;

/// <summary>Stories' stored briefings and the store-wide views in the PostgreSQL store (the SQL is <see cref="StoredViewSql"/>'s), each call on
/// a pooled connection of its own.</summary>
public sealed partial class PostgresDocumentStore
{
    /// <inheritdoc />
    public async Task SaveBriefingAsync(StoredBriefing briefing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await StoredViewSql.SaveBriefingAsync(connection, briefing, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredBriefing?> GetBriefingAsync(long storyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await StoredViewSql.GetBriefingAsync(connection, storyId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<string?> GetBriefingStampAsync(long storyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await StoredViewSql.GetBriefingStampAsync(connection, storyId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SaveViewAsync(string name, string stamp, string json, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await StoredViewSql.SaveViewAsync(connection, name, stamp, json, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredView?> GetViewAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await StoredViewSql.GetViewAsync(connection, name, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<string?> GetViewStampAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await StoredViewSql.GetViewStampAsync(connection, name, cancellationToken).ConfigureAwait(false);
    }
}
