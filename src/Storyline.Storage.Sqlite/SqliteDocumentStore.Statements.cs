using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Storyline.Attribution;
using Storyline.Documents;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Sqlite;

/// <summary>Attributed statements in the SQLite store.</summary>
public sealed partial class SqliteDocumentStore : IStatementStore
{
    /// <inheritdoc />
    public async Task SaveStatementsAsync(long documentId, IReadOnlyList<AttributedStatement> statements, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statements);
        // One transaction: a failure or a killed process leaves the previous set (and its version), never part of the new one.
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await _connection.ExecuteAsync(new CommandDefinition("DELETE FROM statements WHERE document_id = @documentId", new { documentId }, tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await _connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO statements(document_id, ordinal, speaker, speaker_key, speaker_role, camp, kind, cue_start, cue_end, cue, content_start, content_end,
                parts_json, source_start, source_end, is_question, parent, speaker_label_start, speaker_label_end, source_from_handover, text, camp_inputs_json)
            VALUES (@DocumentId, @Ordinal, @Speaker, @SpeakerKey, @SpeakerRole, @Camp, @Kind, @CueStart, @CueEnd, @Cue, @ContentStart, @ContentEnd,
                @PartsJson, @SourceStart, @SourceEnd, @IsQuestion, @Parent, @SpeakerLabelStart, @SpeakerLabelEnd, @SourceFromHandover, @Text, @CampInputsJson)
            """, statements.Select((s, i) => StatementRow.From(documentId, i, s)), tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await _connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO statement_analyses(document_id, version, statements, analysed_at) VALUES (@documentId, @version, @count, @now)
            ON CONFLICT(document_id) DO UPDATE SET version = excluded.version, statements = excluded.statements, analysed_at = excluded.analysed_at
            """, new { documentId, version, count = statements.Count, now = Format(_time.GetUtcNow()) }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AttributedStatement>?> GetStatementsAsync(long documentId, CancellationToken cancellationToken = default)
    {
        var analysed = await _connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT version FROM statement_analyses WHERE document_id = @documentId", new { documentId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (analysed is null) return null;
        var rows = await _connection.QueryAsync<StatementRow>(new CommandDefinition(
            StatementSelect + " WHERE s.document_id = @documentId ORDER BY s.ordinal", new { documentId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToStatement())];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<AttributedStatement>>> GetStatementsAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        var result = new Dictionary<long, IReadOnlyList<AttributedStatement>>();
        // In chunks: SQLite limits the number of bound parameters.
        foreach (var chunk in documentIds.Distinct().Chunk(500))
        {
            var analysed = await _connection.QueryAsync<long>(new CommandDefinition(
                "SELECT document_id FROM statement_analyses WHERE document_id IN @chunk", new { chunk }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var rows = (await _connection.QueryAsync<StatementRow>(new CommandDefinition(
                StatementSelect + " WHERE s.document_id IN @chunk ORDER BY s.document_id, s.ordinal", new { chunk }, cancellationToken: cancellationToken)).ConfigureAwait(false))
                .ToLookup(r => r.DocumentId);
            foreach (var id in analysed) result[id] = [.. rows[id].Select(r => r.ToStatement())];
        }
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ListDocumentsNeedingStatementsAsync(int version, CancellationToken cancellationToken = default) =>
        [.. await _connection.QueryAsync<long>(new CommandDefinition(
            "SELECT d.id FROM documents d LEFT JOIN statement_analyses a ON a.document_id = d.id WHERE a.version IS NULL OR a.version <> @version ORDER BY d.id",
            new { version }, cancellationToken: cancellationToken)).ConfigureAwait(false)];

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> ListDocumentsNeedingStatementsAsync(int version, IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default) =>
        AmongAsync(documentIds,
            "SELECT d.id FROM documents d LEFT JOIN statement_analyses a ON a.document_id = d.id WHERE d.id IN @chunk AND (a.version IS NULL OR a.version <> @version)",
            chunk => new { chunk, version }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StatementHit>> FindStatementsAsync(StatementQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        var where = new StringBuilder(" WHERE 1 = 1");
        string? match = null;
        if (query.Text is not null)
        {
            match = ToFtsQuery(query.Text);
            if (match.Length == 0) return [];
            where.Append(" AND s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH @match)");
        }
        if (!query.IncludeQuestions) where.Append(" AND s.is_question = 0");
        if (query.Speaker is not null) where.Append(" AND (s.speaker_key = @Speaker COLLATE NOCASE OR s.speaker = @Speaker COLLATE NOCASE)");
        if (query.Camp is not null) where.Append(" AND s.camp = @Camp COLLATE NOCASE");
        // Dates are compared as instants: stored dates keep the offset they were given in, so their text does not sort.
        if (query.From is not null) where.Append(" AND julianday(d.published) >= julianday(@From)");
        if (query.To is not null) where.Append(" AND julianday(d.published) <= julianday(@To)");
        if (query.StoryId is not null) where.Append(" AND s.document_id IN (SELECT document_id FROM story_documents WHERE story_id = @StoryId)");
        var rows = await _connection.QueryAsync<StatementRow>(new CommandDefinition(
            StatementSelect + where + " ORDER BY julianday(d.published) IS NULL, julianday(d.published) DESC, s.document_id DESC, s.ordinal LIMIT @Limit OFFSET @Offset",
            new
            {
                match, query.Speaker, query.Camp, query.StoryId, query.Limit, query.Offset,
                From = query.From is { } from ? Format(from) : null,
                To = query.To is { } to ? Format(to) : null,
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToHit())];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SpeakerSummary>> ListSpeakersAsync(long? storyId = null, CancellationToken cancellationToken = default) =>
        Shared.SpeakerSql.ListAsync(_connection, "s.is_question = 0", storyId, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListSpeakerCampsAsync(CancellationToken cancellationToken = default)
    {
        // As SpeakerSummaries.Summarise decides it: per speaker (entity key, else name), the camp of most statements, the first seen in
        // document and text order on a tie; counted in SQL, so no statement is read or parsed.
        var camps = await _connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT DISTINCT camp FROM (
                SELECT camp, row_number() OVER (PARTITION BY who ORDER BY n DESC, first ASC) AS rank FROM (
                    SELECT who, camp, count(*) AS n, min(pos) AS first FROM (
                        SELECT coalesce(s.speaker_key, s.speaker) AS who, s.camp AS camp, row_number() OVER (ORDER BY s.document_id, s.ordinal) AS pos
                        FROM statements s JOIN documents d ON d.id = s.document_id JOIN inputs i ON i.id = d.input_id
                        WHERE s.is_question = 0)
                    GROUP BY who, camp))
            WHERE rank = 1
            """, cancellationToken: cancellationToken)).ConfigureAwait(false);
        // Ordered here: SQLite's binary collation compares UTF-8 bytes, which is not ordinal order for every string.
        return [.. camps.Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<StatementsStamp> GetStatementsStampAsync(long storyId, CancellationToken cancellationToken = default)
    {
        var row = await _connection.QuerySingleAsync<StampRow>(new CommandDefinition(
            """
            SELECT count(*) AS Analyses, coalesce(sum(a.version), 0) AS Versions, coalesce(sum(a.statements), 0) AS Statements, max(a.analysed_at) AS LastAnalysed
            FROM story_documents sd JOIN statement_analyses a ON a.document_id = sd.document_id
            WHERE sd.story_id = @storyId
            """, new { storyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        // Every stamp is written by SaveStatementsAsync in UTC round-trip form, so the text's maximum is the latest.
        return new StatementsStamp((int)row.Analyses, row.Versions, row.Statements,
            row.LastAnalysed is { } last ? DateTimeOffset.Parse(last, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null);
    }

    /// <inheritdoc />
    public async Task<StatementsStamp> GetStoreStatementsStampAsync(CancellationToken cancellationToken = default)
    {
        var row = await _connection.QuerySingleAsync<StampRow>(new CommandDefinition(
            """
            SELECT count(*) AS Analyses, coalesce(sum(version), 0) AS Versions, coalesce(sum(statements), 0) AS Statements, max(analysed_at) AS LastAnalysed
            FROM statement_analyses
            """, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new StatementsStamp((int)row.Analyses, row.Versions, row.Statements,
            row.LastAnalysed is { } last ? DateTimeOffset.Parse(last, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null);
    }

    private sealed class StampRow
    {
        public long Analyses { get; set; }
        public long Versions { get; set; }
        public long Statements { get; set; }
        public string? LastAnalysed { get; set; }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoryCampCount>> CountCampsByStoryAsync(CancellationToken cancellationToken = default) =>
        [.. (await _connection.QueryAsync<CampCountRow>(new CommandDefinition(
            """
            SELECT sd.story_id AS StoryId, s.camp AS Camp, count(*) AS Statements
            FROM statements s JOIN story_documents sd ON sd.document_id = s.document_id JOIN documents d ON d.id = s.document_id
            WHERE s.is_question = 0 AND d.duplicate_of IS NULL
            GROUP BY sd.story_id, s.camp
            ORDER BY sd.story_id, count(*) DESC, s.camp
            """, cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(r => new StoryCampCount(r.StoryId, r.Camp, (int)r.Statements))];

    private sealed class CampCountRow
    {
        public long StoryId { get; set; }
        public string Camp { get; set; } = "";
        public long Statements { get; set; }
    }

    private const string StatementSelect =
        """
        SELECT s.document_id AS DocumentId, s.ordinal AS Ordinal, s.speaker AS Speaker, s.speaker_key AS SpeakerKey, s.speaker_role AS SpeakerRole,
               s.camp AS Camp, s.kind AS Kind, s.cue_start AS CueStart, s.cue_end AS CueEnd, s.cue AS Cue, s.content_start AS ContentStart,
               s.content_end AS ContentEnd, s.parts_json AS PartsJson, s.source_start AS SourceStart, s.source_end AS SourceEnd, s.is_question AS IsQuestion,
               s.parent AS Parent, s.speaker_label_start AS SpeakerLabelStart, s.speaker_label_end AS SpeakerLabelEnd,
               s.source_from_handover AS SourceFromHandover, s.text AS Text, s.camp_inputs_json AS CampInputsJson,
               coalesce(i.url, i.name) AS Document, d.published AS Published, d.title AS Title
        FROM statements s JOIN documents d ON d.id = s.document_id JOIN inputs i ON i.id = d.input_id
        """;

    /// <summary>Checks the statement tables: every statement has its document, every document with statements an analysis record counting them all, and the full-text index matches them.</summary>
    private async Task CheckStatementsAsync(List<string> problems)
    {
        var orphans = await _connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM statements WHERE document_id NOT IN (SELECT id FROM documents)").ConfigureAwait(false);
        if (orphans > 0) problems.Add($"{orphans} statements without a document");
        var unrecorded = await _connection.ExecuteScalarAsync<int>(
            "SELECT count(DISTINCT document_id) FROM statements WHERE document_id NOT IN (SELECT document_id FROM statement_analyses)").ConfigureAwait(false);
        if (unrecorded > 0) problems.Add($"{unrecorded} documents with statements but no statement analysis");
        var miscounted = await _connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM statement_analyses a WHERE a.statements <> (SELECT count(*) FROM statements s WHERE s.document_id = a.document_id)").ConfigureAwait(false);
        if (miscounted > 0) problems.Add($"{miscounted} statement analyses whose statements are not all stored");
        try
        {
            await _connection.ExecuteAsync("INSERT INTO statements_fts(statements_fts) VALUES ('integrity-check')").ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            problems.Add($"statement full-text index: {e.Message}");
        }
    }

}
