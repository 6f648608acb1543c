using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Storyline.Storage.Shared;

/// <summary>The speaker list's query, written once for both providers: only the columns a summary needs, so no statement is parsed.</summary>
internal static class SpeakerSql
{
    private sealed record Row(string Speaker, string? SpeakerKey, string? SpeakerRole, string Camp, long DocumentId, string? Published);

    /// <param name="connection">An open connection.</param>
    /// <param name="notQuestion">The dialect's test that a statement is not a question (an integer in SQLite, a boolean in PostgreSQL).</param>
    /// <param name="storyId">One story's speakers, or null for the whole store.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<IReadOnlyList<SpeakerSummary>> ListAsync(DbConnection connection, string notQuestion, long? storyId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT s.speaker AS Speaker, s.speaker_key AS SpeakerKey, s.speaker_role AS SpeakerRole, s.camp AS Camp, s.document_id AS DocumentId,
                   d.published AS Published
            FROM statements s JOIN documents d ON d.id = s.document_id
            WHERE {notQuestion}
              AND (CAST(@storyId AS bigint) IS NULL OR s.document_id IN (SELECT document_id FROM story_documents WHERE story_id = @storyId))
            ORDER BY s.document_id, s.ordinal
            """, new { storyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return SpeakerSummaries.Summarise(rows.Select(r => new SpeakerSummaries.SpeakerRow(r.Speaker, r.SpeakerKey, r.SpeakerRole, r.Camp, r.DocumentId,
            r.Published is null ? null : DateTimeOffset.Parse(r.Published, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))));
    }
}
