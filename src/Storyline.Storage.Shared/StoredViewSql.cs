using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Storyline.Briefing;

namespace Storyline.Storage.Shared;

/// <summary>The stored views' SQL (stories' briefings, store-wide views) and the briefing's JSON, written once: the statements are the same
/// in both providers' dialects, so this file is compiled into each (linked, as IngestJobSql is). Each view is one JSON column: it is read
/// whole, so it is stored whole, and replaced in one statement.</summary>
internal static class StoredViewSql
{
    private sealed record Payload(StoryBriefing Briefing, IReadOnlyList<TimelineEvent> Timeline, IReadOnlyList<long> Documents, IReadOnlyList<long> Pending);

    public static Task SaveBriefingAsync(DbConnection connection, StoredBriefing briefing, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO story_briefings(story_id, stamp, briefing_json, written_at) VALUES (@StoryId, @Stamp, @Json, @now)
            ON CONFLICT(story_id) DO UPDATE SET stamp = excluded.stamp, briefing_json = excluded.briefing_json, written_at = excluded.written_at
            """,
            new
            {
                briefing.StoryId, briefing.Stamp, now = Format(now),
                Json = JsonSerializer.Serialize(new Payload(briefing.Briefing, briefing.Timeline, briefing.Documents, briefing.Pending), JsonOptions.Default),
            },
            cancellationToken: cancellationToken));

    public static async Task<StoredBriefing?> GetBriefingAsync(DbConnection connection, long storyId, CancellationToken cancellationToken)
    {
        if (await connection.QuerySingleOrDefaultAsync<(string Stamp, string Json)?>(new CommandDefinition(
                "SELECT stamp, briefing_json FROM story_briefings WHERE story_id = @storyId", new { storyId }, cancellationToken: cancellationToken))
                .ConfigureAwait(false) is not { } row) return null;
        var payload = JsonSerializer.Deserialize<Payload>(row.Json, JsonOptions.Default) ?? throw new InvalidDataException($"story {storyId}: empty stored briefing");
        return new StoredBriefing(storyId, row.Stamp, payload.Briefing, payload.Timeline ?? [], payload.Documents ?? [], payload.Pending ?? []);
    }

    public static Task<string?> GetBriefingStampAsync(DbConnection connection, long storyId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT stamp FROM story_briefings WHERE story_id = @storyId", new { storyId }, cancellationToken: cancellationToken));

    public static Task SaveViewAsync(DbConnection connection, string name, string stamp, string json, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO store_views(name, stamp, data_json, written_at) VALUES (@name, @stamp, @json, @now)
            ON CONFLICT(name) DO UPDATE SET stamp = excluded.stamp, data_json = excluded.data_json, written_at = excluded.written_at
            """,
            new { name, stamp, json, now = Format(now) }, cancellationToken: cancellationToken));

    public static async Task<StoredView?> GetViewAsync(DbConnection connection, string name, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<(string Stamp, string Json)?>(new CommandDefinition(
            "SELECT stamp, data_json FROM store_views WHERE name = @name", new { name }, cancellationToken: cancellationToken)).ConfigureAwait(false) is { } r
            ? new StoredView(r.Stamp, r.Json) : null;

    public static Task<string?> GetViewStampAsync(DbConnection connection, string name, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT stamp FROM store_views WHERE name = @name", new { name }, cancellationToken: cancellationToken));

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}
