using System.Text;
using System.Text.Json;
using Storyline.Documents;

namespace Storyline.Ingestion;

/// <summary>Reads JSON Lines files of <c>{url?, title?, text|html, source?, published?}</c> records, one raw input per record.</summary>
public static class JsonLinesReader
{
    /// <summary>Reads every record; a bad line becomes a failure naming the file and line.</summary>
    public static IEnumerable<IngestItem> Read(string name, byte[] bytes, DateTimeOffset now)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            yield return ReadRecord($"{name}:{i + 1}", line, now);
        }
    }

    private static IngestItem ReadRecord(string name, string line, DateTimeOffset now)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new FailedItem(name, "record is not a JSON object");
            var url = String(root, "url");
            var html = String(root, "html");
            var body = html ?? String(root, "text");
            if (string.IsNullOrWhiteSpace(body)) return new FailedItem(name, "record has neither \"text\" nor \"html\"");
            DateTimeOffset? published = null;
            if (String(root, "published") is { } p)
            {
                if (!Time.UserDates.TryParse(p, out var parsed))
                    return new FailedItem(name, $"\"published\" is not a date: {p}");
                published = parsed;
            }
            var hints = new InputHints(String(root, "title"), String(root, "source"), published);
            var displayName = url is null ? name : $"{name} ({url})";
            return new InputItem(new RawInput(displayName, url, html is null ? "text/plain" : "text/html", Encoding.UTF8.GetBytes(body), now, hints));
        }
        catch (JsonException e)
        {
            return new FailedItem(name, $"malformed JSON: {e.Message.Split('.')[0]}");
        }
    }

    private static string? String(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
