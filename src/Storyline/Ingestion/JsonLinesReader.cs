using System.Buffers;
using System.Text;
using System.Text.Json;
using Storyline.Documents;

namespace Storyline.Ingestion;

/// <summary>Reads JSON Lines files of <c>{url?, title?, text|html, source?, published?}</c> records, one raw input per record.
/// A file is a batch: the size limit applies to each record, and the file is streamed a record at a time.</summary>
public static class JsonLinesReader
{
    /// <summary>Reads every record; a bad line becomes a failure naming the file and line.</summary>
    public static IEnumerable<IngestItem> Read(string name, byte[] bytes, DateTimeOffset now) => Read(name, new MemoryStream(bytes, writable: false), now);

    /// <summary>Reads every record from <paramref name="stream"/> with memory bounded by the largest record; a record over
    /// <paramref name="maxRecordBytes"/> fails alone ("file:17: record is … bytes, over the …-byte limit") and the rest are read.</summary>
    public static IEnumerable<IngestItem> Read(string name, Stream stream, DateTimeOffset now, long maxRecordBytes = long.MaxValue)
    {
        using (stream)
        {
            var line = new ArrayBufferWriter<byte>();
            var chunk = new byte[81920];
            long lineBytes = 0;
            int lineNumber = 1, read;
            bool first = true;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                int start = 0;
                if (first && read >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF) start = 3;
                first = false;
                while (start < read)
                {
                    int newline = Array.IndexOf(chunk, (byte)'\n', start, read - start);
                    int end = newline < 0 ? read : newline;
                    lineBytes += end - start;
                    // An oversized record is counted but not kept: memory stays at one record's size.
                    if (lineBytes <= maxRecordBytes) line.Write(chunk.AsSpan(start, end - start));
                    if (newline < 0) break;
                    if (Finish(name, lineNumber, line, lineBytes, maxRecordBytes, now) is { } item) yield return item;
                    line.ResetWrittenCount();
                    lineBytes = 0;
                    lineNumber++;
                    start = newline + 1;
                }
            }
            if (Finish(name, lineNumber, line, lineBytes, maxRecordBytes, now) is { } last) yield return last;
        }
    }

    private static IngestItem? Finish(string name, int lineNumber, ArrayBufferWriter<byte> line, long lineBytes, long maxRecordBytes, DateTimeOffset now)
    {
        var recordName = $"{name}:{lineNumber}";
        if (lineBytes > maxRecordBytes) return new FailedItem(recordName, $"record is {lineBytes:N0} bytes, over the {maxRecordBytes:N0}-byte limit");
        var span = line.WrittenSpan.Trim(" \t\r"u8);
        return span.IsEmpty ? null : ReadRecord(recordName, span.ToArray(), now);
    }

    private static IngestItem ReadRecord(string name, byte[] line, DateTimeOffset now)
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
