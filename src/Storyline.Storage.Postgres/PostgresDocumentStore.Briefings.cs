using Dapper;
using Storyline.Briefing;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Postgres;

/// <summary>Stories' stored briefings in the PostgreSQL store.</summary>
public sealed partial class PostgresDocumentStore
{
    /// <inheritdoc />
    public async Task SaveBriefingAsync(StoredBriefing briefing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO story_briefings(story_id, stamp, briefing_json, written_at) VALUES (@StoryId, @Stamp, @Json, @now)
            ON CONFLICT(story_id) DO UPDATE SET stamp = excluded.stamp, briefing_json = excluded.briefing_json, written_at = excluded.written_at
            """,
            new { briefing.StoryId, briefing.Stamp, Json = BriefingJson.Write(briefing), now = Format(_time.GetUtcNow()) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredBriefing?> GetBriefingAsync(long storyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(string Stamp, string Json)?>(new CommandDefinition(
            "SELECT stamp, briefing_json FROM story_briefings WHERE story_id = @storyId", new { storyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is { } r ? BriefingJson.Read(storyId, r.Stamp, r.Json) : null;
    }

    /// <inheritdoc />
    public async Task<string?> GetBriefingStampAsync(long storyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT stamp FROM story_briefings WHERE story_id = @storyId", new { storyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
