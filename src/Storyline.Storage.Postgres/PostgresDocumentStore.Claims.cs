using Storyline.Claims;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Postgres;

/// <summary>Stories' claims ledgers in the PostgreSQL store (the SQL is <see cref="ClaimsSql"/>'s), each call on a pooled connection of its own.</summary>
public sealed partial class PostgresDocumentStore
{
    /// <inheritdoc />
    public async Task SaveClaimsAsync(StoryClaims claims, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ClaimsSql.SaveClaimsAsync(connection, claims, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoryClaims?> GetClaimsAsync(long storyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ClaimsSql.GetClaimsAsync(connection, storyId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ClaimsStamp?> GetClaimsStampAsync(long storyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ClaimsSql.GetClaimsStampAsync(connection, storyId, cancellationToken).ConfigureAwait(false);
    }
}
