using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Storyline.Attribution;
using Storyline.Documents;
using Storyline.Storage;

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
        var parts = StoredJson.ReadSpans(PartsJson);
        var attribution = new Attribution.Attribution(
            new AttributionContent(TextSpan.FromBounds((int)ContentStart, (int)ContentEnd), parts),
            Span(CueStart, CueEnd), Span(SourceStart, SourceEnd), Enum.Parse<AttributionKind>(Kind), IsQuestion, (int?)Parent,
            Span(SpeakerLabelStart, SpeakerLabelEnd), SourceFromHandover);
        return new AttributedStatement(DocumentId, Document, Speaker, SpeakerKey, SpeakerRole, Camp, attribution, Cue, Text)
        {
            CampInputs = CampInputsJson is null ? null : StoredJson.ReadCampEvidence(CampInputsJson),
        };
    }

    public StatementHit ToHit() => new(ToStatement(), Published is null ? null : StoredValues.ParseInstant(Published), Title);

    private static TextSpan? Span(long? start, long? end) => start is { } s && end is { } e ? TextSpan.FromBounds((int)s, (int)e) : null;
}

/// <summary>Reads the small JSON values of every statement row without the serializer's per-call cost (a story page reads thousands);
/// anything but the shape the store writes goes to the serializer.</summary>
internal static class StoredJson
{
    /// <summary>Content parts written as <c>[[start,end],…]</c>.</summary>
    public static List<TextSpan> ReadSpans(string json)
    {
        var spans = new List<TextSpan>(1);
        var text = json.AsSpan();
        int i = 0;
        if (!Expect(text, ref i, '[')) return Slow(json);
        if (Expect(text, ref i, ']')) return i == text.Length ? spans : Slow(json);
        while (true)
        {
            if (!Expect(text, ref i, '[') || !Number(text, ref i, out int start) || !Expect(text, ref i, ',')
                || !Number(text, ref i, out int end) || !Expect(text, ref i, ']') || end < start) return Slow(json);
            spans.Add(TextSpan.FromBounds(start, end));
            if (Expect(text, ref i, ',')) continue;
            return Expect(text, ref i, ']') && i == text.Length ? spans : Slow(json);
        }

        static List<TextSpan> Slow(string json) =>
            [.. (JsonSerializer.Deserialize<int[][]>(json, JsonOptions.Default) ?? []).Select(p => TextSpan.FromBounds(p[0], p[1]))];
    }

    /// <summary>Camp inputs written as <c>{"descriptions":[…],"country":…}</c>.</summary>
    public static CampEvidence? ReadCampEvidence(string json)
    {
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Slow(json);
            List<string>? descriptions = null;
            string? country = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("descriptions"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return Slow(json);
                    descriptions = [];
                    while (reader.Read() && reader.TokenType == JsonTokenType.String) descriptions.Add(reader.GetString()!);
                    if (reader.TokenType != JsonTokenType.EndArray) return Slow(json);
                }
                else if (reader.ValueTextEquals("country"u8))
                {
                    if (!reader.Read() || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) return Slow(json);
                    country = reader.GetString();
                }
                else return Slow(json);
            }
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() && descriptions is not null
                ? new CampEvidence(descriptions, country)
                : Slow(json);
        }
        catch (JsonException)
        {
            return Slow(json);
        }

        static CampEvidence? Slow(string json) => JsonSerializer.Deserialize<CampEvidence>(json, JsonOptions.Default);
    }

    private static bool Expect(ReadOnlySpan<char> text, ref int i, char c)
    {
        if (i >= text.Length || text[i] != c) return false;
        i++;
        return true;
    }

    private static bool Number(ReadOnlySpan<char> text, ref int i, out int value)
    {
        int start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 10) i++;
        return int.TryParse(text[start..i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && i > start;
    }
}

/// <summary>A document waiting for its story, as both providers read it (the publication date as the metadata JSON holds it).</summary>
internal sealed class PendingStoryRow
{
    public long Id { get; init; }
    public string? Title { get; init; }
    public string Text { get; init; } = "";
    public string? Published { get; init; }
    public long? Story { get; init; }
    public long? Development { get; init; }
    public long? OriginalStory { get; init; }
    public long? OriginalDevelopment { get; init; }
    public long? DuplicateOf { get; init; }
    /// <summary>Whether a development keyed by the document is stored (read by PostgreSQL's assignment step alone).</summary>
    public bool DevelopmentStored { get; init; }

    /// <summary>The engine's view of the row.</summary>
    public PendingStoryDocument ToPending() => new(Id, Title, Text,
        Published is null ? null : JsonSerializer.Deserialize<PublicationDate>(Published, JsonOptions.Default),
        Story is { } s ? (s, Development ?? Id) : null,
        OriginalStory is { } o ? (o, OriginalDevelopment!.Value) : null) { DuplicateOf = DuplicateOf };
}
