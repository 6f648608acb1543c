using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Storyline.Claims;

namespace Storyline.Storage.Shared;

/// <summary>The claims ledgers' SQL, written once: the statements are the same in both providers' dialects, so this file is compiled into
/// each (linked, as <see cref="StoredViewSql"/> is). One row per story: the ledger is read whole, so it is stored whole, and replaced in
/// one statement.</summary>
internal static class ClaimsSql
{
    public static Task SaveClaimsAsync(DbConnection connection, StoryClaims claims, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO story_claims(story_id, version, stamp, claims_json, analysed_at) VALUES (@StoryId, @Version, @Stamp, @Json, @now)
            ON CONFLICT(story_id) DO UPDATE SET version = excluded.version, stamp = excluded.stamp, claims_json = excluded.claims_json, analysed_at = excluded.analysed_at
            """,
            new
            {
                claims.StoryId, Version = (long)claims.Version, claims.Stamp, now = now.ToString("O", CultureInfo.InvariantCulture),
                Json = JsonSerializer.Serialize(claims.Claims, JsonOptions.Default),
            },
            cancellationToken: cancellationToken));

    public static async Task<StoryClaims?> GetClaimsAsync(DbConnection connection, long storyId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(long Version, string Stamp, string Json)?>(new CommandDefinition(
            "SELECT version, stamp, claims_json FROM story_claims WHERE story_id = @storyId", new { storyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is not { } r) return null;
        var claims = JsonSerializer.Deserialize<List<LedgerClaim>>(r.Json, JsonOptions.Default) ?? [];
        return new StoryClaims(storyId, claims, (int)r.Version, r.Stamp);
    }

    public static async Task<ClaimsStamp?> GetClaimsStampAsync(DbConnection connection, long storyId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(long Version, string Stamp)?>(new CommandDefinition(
            "SELECT version, stamp FROM story_claims WHERE story_id = @storyId", new { storyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is { } r ? new ClaimsStamp((int)r.Version, r.Stamp) : null;
    }
}
