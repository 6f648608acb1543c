using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Storyline.Attribution;
using Storyline.Documents;

namespace Storyline.Storage.Shared;

// Row types and JSON settings shared by both providers: their columns and the JSON stored in them are the same in either dialect, so the
// mapping is written once (this file is linked into each provider, as IngestJobSql is).

/// <summary>How JSON columns are written and read.</summary>
internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Default = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>Text forms of stored values.</summary>
internal static class StoredValues
{
    /// <summary>An instant stored as round-trip text.</summary>
    public static DateTimeOffset ParseInstant(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}

/// <summary>A stored document's row.</summary>
internal sealed record DocumentRow(long Id, string InputName, string? Url, string Text, string BlocksJson, string MetadataJson, long WordCount, long? DuplicateOf, string IngestedAt)
{
    public StoredDocument ToStored() => new(Id, InputName, Url,
        new ProcessedDocument(Text,
            JsonSerializer.Deserialize<List<Block>>(BlocksJson, JsonOptions.Default) ?? [],
            JsonSerializer.Deserialize<DocumentMetadata>(MetadataJson, JsonOptions.Default) ?? new DocumentMetadata(),
            (int)WordCount),
        DuplicateOf, StoredValues.ParseInstant(IngestedAt));
}

/// <summary>The document row's query.</summary>
internal static class DocumentRows
{
    /// <summary>The columns <see cref="DocumentRow"/> maps, aliased to its names; callers add the WHERE clause.</summary>
    public const string Select =
        """
        SELECT d.id AS Id, i.name AS InputName, i.url AS Url, d.text AS Text, d.blocks_json AS BlocksJson, d.metadata_json AS MetadataJson,
               d.word_count AS WordCount, d.duplicate_of AS DuplicateOf, d.ingested_at AS IngestedAt
        FROM documents d JOIN inputs i ON i.id = d.input_id
        """;
}

/// <summary>A statement's row, with the document fields a search hit carries.</summary>
/// <remarks>Settable properties: Dapper maps nullable integer columns more reliably onto them than onto a positional constructor.</remarks>
internal sealed class StatementRow
{
    public long DocumentId { get; set; }
    public long Ordinal { get; set; }
    public string Speaker { get; set; } = "";
    public string? SpeakerKey { get; set; }
    public string? SpeakerRole { get; set; }
    public string Camp { get; set; } = "";
    public string Kind { get; set; } = "";
    public long? CueStart { get; set; }
    public long? CueEnd { get; set; }
    public string? Cue { get; set; }
    public long ContentStart { get; set; }
    public long ContentEnd { get; set; }
    public string PartsJson { get; set; } = "[]";
    public long? SourceStart { get; set; }
    public long? SourceEnd { get; set; }
    public bool IsQuestion { get; set; }
    public long? Parent { get; set; }
    public long? SpeakerLabelStart { get; set; }
    public long? SpeakerLabelEnd { get; set; }
    public bool SourceFromHandover { get; set; }
    public string Text { get; set; } = "";
    public string? CampInputsJson { get; set; }
    public string Document { get; set; } = "";
    public string? Published { get; set; }
    public string? Title { get; set; }

    public static StatementRow From(long documentId, int ordinal, AttributedStatement s)
    {
        var a = s.Attribution;
        return new StatementRow
        {
            DocumentId = documentId, Ordinal = ordinal, Speaker = s.Speaker, SpeakerKey = s.SpeakerKey, SpeakerRole = s.SpeakerRole, Camp = s.Camp,
            Kind = a.Kind.ToString(), CueStart = a.Cue?.Start, CueEnd = a.Cue?.End, Cue = s.Cue,
            ContentStart = a.Content.Span.Start, ContentEnd = a.Content.Span.End,
            PartsJson = JsonSerializer.Serialize(a.Content.Parts.Select(p => new[] { p.Start, p.End }), JsonOptions.Default),
            SourceStart = a.Source?.Start, SourceEnd = a.Source?.End, IsQuestion = a.IsQuestion, Parent = a.Parent,
            SpeakerLabelStart = a.SpeakerLabel?.Start, SpeakerLabelEnd = a.SpeakerLabel?.End, SourceFromHandover = a.SourceFromHandover,
            Text = s.Text,
            CampInputsJson = s.CampInputs is { } inputs ? JsonSerializer.Serialize(inputs, JsonOptions.Default) : null,
        };
    }

    public AttributedStatement ToStatement()
    {
        var parts = (JsonSerializer.Deserialize<int[][]>(PartsJson, JsonOptions.Default) ?? []).Select(p => TextSpan.FromBounds(p[0], p[1])).ToList();
        var attribution = new Attribution.Attribution(
            new AttributionContent(TextSpan.FromBounds((int)ContentStart, (int)ContentEnd), parts),
            Span(CueStart, CueEnd), Span(SourceStart, SourceEnd), Enum.Parse<AttributionKind>(Kind), IsQuestion, (int?)Parent,
            Span(SpeakerLabelStart, SpeakerLabelEnd), SourceFromHandover);
        return new AttributedStatement(DocumentId, Document, Speaker, SpeakerKey, SpeakerRole, Camp, attribution, Cue, Text)
        {
            CampInputs = CampInputsJson is null ? null : JsonSerializer.Deserialize<CampEvidence>(CampInputsJson, JsonOptions.Default),
        };
    }

    public StatementHit ToHit() => new(ToStatement(), Published is null ? null : StoredValues.ParseInstant(Published), Title);

    private static TextSpan? Span(long? start, long? end) => start is { } s && end is { } e ? TextSpan.FromBounds((int)s, (int)e) : null;
}
