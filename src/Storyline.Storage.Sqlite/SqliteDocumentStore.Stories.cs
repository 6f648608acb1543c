using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Storyline.Documents;
using Storyline.Storage;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Sqlite;

/// <summary>Story membership in the SQLite store.</summary>
public sealed partial class SqliteDocumentStore : IStoryStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<StoryIndexEntry>> ReadStoryIndexAsync(CancellationToken cancellationToken = default) =>
        [.. (await _connection.QueryAsync<(long DocumentId, string? Title, string Text, long? DuplicateOf, long? StoryId, long? DevelopmentId, string? Published)>(
            """
            SELECT d.id, d.title, d.text, d.duplicate_of, s.story_id, s.development_id, json_extract(d.metadata_json, '$.published')
            FROM documents d LEFT JOIN story_documents s ON s.document_id = d.id ORDER BY d.id
            """).ConfigureAwait(false))
            .Select(r => new StoryIndexEntry(r.DocumentId, r.Title, r.Text, r.DuplicateOf, r.StoryId, r.DevelopmentId)
            {
                Published = r.Published is null ? null : JsonSerializer.Deserialize<PublicationDate>(r.Published, JsonOptions.Default),
            })];

    /// <inheritdoc />
    public async Task<long> AssignStoryAsync(long documentId, long? storyId, long developmentId, double similarity, string newStoryTitle, CancellationToken cancellationToken = default)
    {
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var story = storyId ?? await _connection.ExecuteScalarAsync<long>(
            "INSERT INTO stories(title, created_at, updated_at) VALUES (@newStoryTitle, @now, @now) RETURNING id", new { newStoryTitle, now }, tx).ConfigureAwait(false);
        await _connection.ExecuteAsync(
            """
            INSERT INTO story_documents(document_id, story_id, development_id, similarity) VALUES (@documentId, @story, @developmentId, @similarity)
            ON CONFLICT(document_id) DO UPDATE SET story_id = excluded.story_id, development_id = excluded.development_id, similarity = excluded.similarity
            """,
            new { documentId, story, developmentId, similarity }, tx).ConfigureAwait(false);
        await _connection.ExecuteAsync("UPDATE stories SET updated_at = @now WHERE id = @story", new { now, story }, tx).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return story;
    }

    /// <inheritdoc />
    public async Task SetStoryTitleAsync(long storyId, string title, CancellationToken cancellationToken = default) =>
        await _connection.ExecuteAsync("UPDATE stories SET title = @title WHERE id = @storyId", new { title, storyId }).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoryInfo>> ListStoriesAsync(CancellationToken cancellationToken = default) => await QueryStoriesAsync(null).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<StoryInfo?> GetStoryAsync(long storyId, CancellationToken cancellationToken = default) =>
        (await QueryStoriesAsync(storyId).ConfigureAwait(false)).SingleOrDefault();

    private async Task<IReadOnlyList<StoryInfo>> QueryStoriesAsync(long? storyId)
    {
        // One story by its key: "(@storyId IS NULL OR s.id = @storyId)" made the planner scan every story's documents for one.
        var filter = storyId is null ? "" : "s.id = @storyId AND ";
        var rows = await _connection.QueryAsync<(long Id, string Title, string UpdatedAt, long Documents, string? Sources, string? First, string? Last, string? FirstDate, string? LastDate)>(
            $"""
            SELECT s.id, s.title, s.updated_at, count(d.id), group_concat(DISTINCT d.publisher), min(d.published), max(d.published),
                (SELECT json_extract(d2.metadata_json, '$.published') FROM story_documents sd2 JOIN documents d2 ON d2.id = sd2.document_id
                 WHERE sd2.story_id = s.id AND d2.duplicate_of IS NULL AND d2.published IS NOT NULL ORDER BY d2.published, d2.id LIMIT 1),
                (SELECT json_extract(d2.metadata_json, '$.published') FROM story_documents sd2 JOIN documents d2 ON d2.id = sd2.document_id
                 WHERE sd2.story_id = s.id AND d2.duplicate_of IS NULL AND d2.published IS NOT NULL ORDER BY d2.published DESC, d2.id DESC LIMIT 1)
            FROM stories s JOIN story_documents sd ON sd.story_id = s.id JOIN documents d ON d.id = sd.document_id
            WHERE {filter}d.duplicate_of IS NULL
            GROUP BY s.id ORDER BY coalesce(max(d.published), s.updated_at) DESC, s.id DESC
            """, new { storyId }).ConfigureAwait(false);
        return [.. rows.Select(r => new StoryInfo(r.Id, r.Title, (int)r.Documents,
            r.Sources is null ? [] : [.. r.Sources.Split(',').Order(StringComparer.Ordinal)],
            r.First is null ? null : Parse(r.First), r.Last is null ? null : Parse(r.Last), Parse(r.UpdatedAt))
        {
            First = r.FirstDate is null ? null : JsonSerializer.Deserialize<PublicationDate>(r.FirstDate, JsonOptions.Default),
            Last = r.LastDate is null ? null : JsonSerializer.Deserialize<PublicationDate>(r.LastDate, JsonOptions.Default),
        })];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, long>> GetDevelopmentsAsync(long storyId, CancellationToken cancellationToken = default) =>
        (await _connection.QueryAsync<(long Document, long Development)>("SELECT document_id, development_id FROM story_documents WHERE story_id = @storyId", new { storyId }).ConfigureAwait(false))
            .ToDictionary(r => r.Document, r => r.Development);

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> GetStoryDocumentIdsAsync(long storyId, CancellationToken cancellationToken = default) =>
        [.. await _connection.QueryAsync<long>("SELECT document_id FROM story_documents WHERE story_id = @storyId ORDER BY document_id", new { storyId }).ConfigureAwait(false)];
}
