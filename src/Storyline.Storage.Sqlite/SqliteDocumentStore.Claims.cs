using System.Text.Json;
using Dapper;
using Storyline.Claims;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Sqlite;

/// <summary>Stories' claims ledgers in the SQLite store.</summary>
public sealed partial class SqliteDocumentStore : IClaimStore
{
    /// <inheritdoc />
    public async Task SaveClaimsAsync(StoryClaims claims, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        // One statement, one row: the ledger is read whole, so it is stored whole, and replaced atomically.
        await _connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO story_claims(story_id, version, stamp, claims_json, analysed_at) VALUES (@StoryId, @Version, @Stamp, @Json, @now)
            ON CONFLICT(story_id) DO UPDATE SET version = excluded.version, stamp = excluded.stamp, claims_json = excluded.claims_json, analysed_at = excluded.analysed_at
            """,
            new { claims.StoryId, claims.Version, claims.Stamp, Json = JsonSerializer.Serialize(claims.Claims, JsonOptions.Default), now = Format(_time.GetUtcNow()) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoryClaims?> GetClaimsAsync(long storyId, CancellationToken cancellationToken = default)
    {
        var row = await _connection.QuerySingleOrDefaultAsync<(long Version, string Stamp, string Json)?>(new CommandDefinition(
            "SELECT version, stamp, claims_json FROM story_claims WHERE story_id = @storyId", new { storyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is not { } r) return null;
        var claims = JsonSerializer.Deserialize<List<LedgerClaim>>(r.Json, JsonOptions.Default) ?? [];
        return new StoryClaims(storyId, claims, (int)r.Version, r.Stamp);
    }

    /// <inheritdoc />
    public async Task<ClaimsStamp?> GetClaimsStampAsync(long storyId, CancellationToken cancellationToken = default)
    {
        var row = await _connection.QuerySingleOrDefaultAsync<(long Version, string Stamp)?>(new CommandDefinition(
            "SELECT version, stamp FROM story_claims WHERE story_id = @storyId", new { storyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is { } r ? new ClaimsStamp((int)r.Version, r.Stamp) : null;
    }
}
