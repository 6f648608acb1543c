using Storyline.Claims;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Sqlite;

/// <summary>Stories' claims ledgers in the SQLite store (the SQL is <see cref="ClaimsSql"/>'s).</summary>
public sealed partial class SqliteDocumentStore : IClaimStore
{
    /// <inheritdoc />
    public Task SaveClaimsAsync(StoryClaims claims, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return ClaimsSql.SaveClaimsAsync(_connection, claims, _time.GetUtcNow(), cancellationToken);
    }

    /// <inheritdoc />
    public Task<StoryClaims?> GetClaimsAsync(long storyId, CancellationToken cancellationToken = default) =>
        ClaimsSql.GetClaimsAsync(_connection, storyId, cancellationToken);

    /// <inheritdoc />
    public Task<ClaimsStamp?> GetClaimsStampAsync(long storyId, CancellationToken cancellationToken = default) =>
        ClaimsSql.GetClaimsStampAsync(_connection, storyId, cancellationToken);
}
