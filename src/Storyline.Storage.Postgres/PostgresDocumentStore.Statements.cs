using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Storyline.Attribution;
using Storyline.Documents;
using Storyline.Storage.Shared;

namespace Storyline.Storage.Postgres;

/// <summary>Attributed statements in the PostgreSQL store.</summary>
public sealed partial class PostgresDocumentStore
{
    /// <inheritdoc />
    public async Task SaveStatementsAsync(long documentId, IReadOnlyList<AttributedStatement> statements, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statements);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One transaction: a failure or a killed process leaves the previous set (and its version), never part of the new one.
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM statements WHERE document_id = @documentId", new { documentId }, tx,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        // One statement, the rows as parallel arrays in order, rather than a round trip per row.
        var r = statements.Select((x, i) => StatementRow.From(documentId, i, x)).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO statements(document_id, ordinal, speaker, speaker_key, speaker_role, camp, kind, cue_start, cue_end, cue, content_start, content_end,
                parts_json, source_start, source_end, is_question, parent, speaker_label_start, speaker_label_end, source_from_handover, text, camp_inputs_json)
            SELECT @documentId, ordinal, speaker, speaker_key, speaker_role, camp, kind, cue_start, cue_end, cue, content_start, content_end,
                parts_json, source_start, source_end, is_question, parent, speaker_label_start, speaker_label_end, source_from_handover, text, camp_inputs_json
            FROM unnest(@Ordinal, @Speaker, @SpeakerKey, @SpeakerRole, @Camp, @Kind, @CueStart, @CueEnd, @Cue, @ContentStart, @ContentEnd,
                @PartsJson, @SourceStart, @SourceEnd, @IsQuestion, @Parent, @SpeakerLabelStart, @SpeakerLabelEnd, @SourceFromHandover, @Text, @CampInputsJson)
                AS u(ordinal, speaker, speaker_key, speaker_role, camp, kind, cue_start, cue_end, cue, content_start, content_end,
                parts_json, source_start, source_end, is_question, parent, speaker_label_start, speaker_label_end, source_from_handover, text, camp_inputs_json)
            ORDER BY ordinal
            """,
            new
            {
                documentId,
                Ordinal = r.Select(x => x.Ordinal).ToArray(), Speaker = r.Select(x => x.Speaker).ToArray(), SpeakerKey = r.Select(x => x.SpeakerKey).ToArray(),
                SpeakerRole = r.Select(x => x.SpeakerRole).ToArray(), Camp = r.Select(x => x.Camp).ToArray(), Kind = r.Select(x => x.Kind).ToArray(),
                CueStart = r.Select(x => x.CueStart).ToArray(), CueEnd = r.Select(x => x.CueEnd).ToArray(), Cue = r.Select(x => x.Cue).ToArray(),
                ContentStart = r.Select(x => x.ContentStart).ToArray(), ContentEnd = r.Select(x => x.ContentEnd).ToArray(), PartsJson = r.Select(x => x.PartsJson).ToArray(),
                SourceStart = r.Select(x => x.SourceStart).ToArray(), SourceEnd = r.Select(x => x.SourceEnd).ToArray(), IsQuestion = r.Select(x => x.IsQuestion).ToArray(),
                Parent = r.Select(x => x.Parent).ToArray(), SpeakerLabelStart = r.Select(x => x.SpeakerLabelStart).ToArray(),
                SpeakerLabelEnd = r.Select(x => x.SpeakerLabelEnd).ToArray(), SourceFromHandover = r.Select(x => x.SourceFromHandover).ToArray(),
                Text = r.Select(x => x.Text).ToArray(), CampInputsJson = r.Select(x => x.CampInputsJson).ToArray(),
            }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO statement_analyses(document_id, version, statements, analysed_at) VALUES (@documentId, @version, @count, @now)
            ON CONFLICT(document_id) DO UPDATE SET version = excluded.version, statements = excluded.statements, analysed_at = excluded.analysed_at
            """, new { documentId, version = (long)version, count = (long)statements.Count, now = Format(_time.GetUtcNow()) }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AttributedStatement>?> GetStatementsAsync(long documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var analysed = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT version FROM statement_analyses WHERE document_id = @documentId", new { documentId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (analysed is null) return null;
        var rows = await connection.QueryAsync<StatementRow>(new CommandDefinition(
            StatementSelect + " WHERE s.document_id = @documentId ORDER BY s.ordinal", new { documentId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToStatement())];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<AttributedStatement>>> GetStatementsAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        var result = new Dictionary<long, IReadOnlyList<AttributedStatement>>();
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in documentIds.Distinct().Chunk(500))
        {
            var analysed = await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT document_id FROM statement_analyses WHERE document_id = ANY(@chunk) ORDER BY document_id", new { chunk }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var rows = (await connection.QueryAsync<StatementRow>(new CommandDefinition(
                StatementSelect + " WHERE s.document_id = ANY(@chunk) ORDER BY s.document_id, s.ordinal", new { chunk }, cancellationToken: cancellationToken)).ConfigureAwait(false))
                .ToLookup(r => r.DocumentId);
            foreach (var id in analysed) result[id] = [.. rows[id].Select(r => r.ToStatement())];
        }
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ListDocumentsNeedingStatementsAsync(int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT d.id FROM documents d LEFT JOIN statement_analyses a ON a.document_id = d.id WHERE a.version IS NULL OR a.version <> @version ORDER BY d.id",
            new { version = (long)version }, cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> ListDocumentsNeedingStatementsAsync(int version, IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default) =>
        AmongAsync(documentIds,
            "SELECT d.id FROM documents d LEFT JOIN statement_analyses a ON a.document_id = d.id WHERE d.id = ANY(@ids) AND (a.version IS NULL OR a.version <> @version) ORDER BY d.id",
            ids => new { ids, version = (long)version }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StatementHit>> FindStatementsAsync(StatementQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        var where = new StringBuilder(" WHERE true");
        string? match = null;
        if (query.Text is not null)
        {
            match = ToTsQuery(query.Text);
            if (match.Length == 0) return [];
            where.Append(" AND s.search @@ to_tsquery('storyline_search', @match)");
        }
        if (!query.IncludeQuestions) where.Append(" AND NOT s.is_question");
        // ASCII case folding, as SQLite's NOCASE compares.
        if (query.Speaker is not null) where.Append(" AND (storyline_nocase(s.speaker_key) = storyline_nocase(@Speaker) OR storyline_nocase(s.speaker) = storyline_nocase(@Speaker))");
        if (query.Camp is not null) where.Append(" AND storyline_nocase(s.camp) = storyline_nocase(@Camp)");
        // Dates are compared as instants: stored dates keep the offset they were given in, so their text does not sort.
        if (query.From is not null) where.Append(" AND d.published::timestamptz >= @From::timestamptz");
        if (query.To is not null) where.Append(" AND d.published::timestamptz <= @To::timestamptz");
        if (query.StoryId is not null) where.Append(" AND s.document_id IN (SELECT document_id FROM story_documents WHERE story_id = @StoryId)");
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StatementRow>(new CommandDefinition(
            StatementSelect + where + " ORDER BY d.published::timestamptz IS NULL, d.published::timestamptz DESC, s.document_id DESC, s.ordinal LIMIT @Limit OFFSET @Offset",
            new
            {
                match, query.Speaker, query.Camp, query.StoryId, Limit = (long)query.Limit, Offset = (long)query.Offset,
                From = query.From is { } from ? Format(from) : null,
                To = query.To is { } to ? Format(to) : null,
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToHit())];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeakerSummary>> ListSpeakersAsync(long? storyId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await Shared.SpeakerSql.ListAsync(connection, "NOT s.is_question", storyId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListSpeakerCampsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // As SpeakerSummaries.Summarise decides it: per speaker (entity key, else name), the camp of most statements, the first seen in
        // document and text order on a tie; counted in SQL, so no statement is read or parsed.
        var camps = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT DISTINCT camp FROM (
                SELECT camp, row_number() OVER (PARTITION BY who ORDER BY n DESC, first_pos ASC) AS place FROM (
                    SELECT who, camp, count(*) AS n, min(pos) AS first_pos FROM (
                        SELECT coalesce(s.speaker_key, s.speaker) AS who, s.camp AS camp, row_number() OVER (ORDER BY s.document_id, s.ordinal) AS pos
                        FROM statements s JOIN documents d ON d.id = s.document_id JOIN inputs i ON i.id = d.input_id
                        WHERE NOT s.is_question) numbered
                    GROUP BY who, camp) counted) ranked
            WHERE place = 1
            """, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. camps.Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<StatementsStamp> GetStatementsStampAsync(long storyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<StampRow>(new CommandDefinition(
            """
            SELECT count(*) AS Analyses, coalesce(sum(a.version), 0)::bigint AS Versions, coalesce(sum(a.statements), 0)::bigint AS Statements, max(a.analysed_at) AS LastAnalysed
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
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<StampRow>(new CommandDefinition(
            """
            SELECT count(*) AS Analyses, coalesce(sum(version), 0)::bigint AS Versions, coalesce(sum(statements), 0)::bigint AS Statements, max(analysed_at) AS LastAnalysed
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
    public async Task<IReadOnlyList<StoryCampCount>> CountCampsByStoryAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await connection.QueryAsync<CampCountRow>(new CommandDefinition(
            """
            SELECT sd.story_id AS StoryId, s.camp AS Camp, count(*) AS Statements
            FROM statements s JOIN story_documents sd ON sd.document_id = s.document_id JOIN documents d ON d.id = s.document_id
            WHERE NOT s.is_question AND d.duplicate_of IS NULL
            GROUP BY sd.story_id, s.camp
            ORDER BY sd.story_id, count(*) DESC, s.camp
            """, cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(r => new StoryCampCount(r.StoryId, r.Camp, (int)r.Statements))];
    }

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

}
