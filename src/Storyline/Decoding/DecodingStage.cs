using System.Text;
using Storyline.Pipeline;

namespace Storyline.Decoding;

/// <summary>Options for <see cref="DecodingStage"/>.</summary>
/// <param name="MaxInputBytes">Inputs larger than this are refused.</param>
public sealed record DecodingOptions(long MaxInputBytes = 20_000_000);

/// <summary>Refuses empty, binary and oversized input, decodes bytes to text and normalises it (NFC, newlines, control characters).</summary>
public sealed class DecodingStage(DecodingOptions options) : IDocumentStage
{
    /// <inheritdoc />
    public void Process(DocumentContext context, CancellationToken cancellationToken)
    {
        var bytes = context.Input.Content;
        if (bytes.Length == 0) throw new InputRejectedException("empty input");
        if (bytes.Length > options.MaxInputBytes)
            throw new InputRejectedException($"input is {bytes.Length:N0} bytes, over the {options.MaxInputBytes:N0}-byte limit");
        if (BinaryKind(bytes) is { } kind) throw new InputRejectedException($"binary content ({kind}), not text or HTML: convert it to text first");
        if (EncodingDetector.SniffUtf16(bytes) is null && LooksBinary(bytes)) throw new InputRejectedException("binary content, not text or HTML");

        var (text, detection) = EncodingDetector.Decode(bytes, context.Input.Hints.Charset, context.Input.IsHtml);
        context.EncodingName = detection.Encoding.WebName;
        context.DecodedText = Normalize(text);
        if (string.IsNullOrWhiteSpace(context.DecodedText)) throw new InputRejectedException("input has no text");
    }

    /// <summary>NFC, LF newlines, no control characters but tab and newline, no zero-width or BOM characters; curly quotes are kept.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                sb.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
            }
            else if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD') { }
            else if (c is '\u2028' or '\u2029') sb.Append('\n');
            else if (c == '\u00A0') sb.Append(' ');
            else if (char.IsControl(c) && c != '\n' && c != '\t') { }
            else sb.Append(c);
        }
        var result = sb.ToString();
        return result.IsNormalized(NormalizationForm.FormC) ? result : result.Normalize(NormalizationForm.FormC);
    }

    // File signatures of formats that are never text, named so that the user knows what was given (a PDF renamed .txt
    // would otherwise pass the control-character test on its text-like head and be stored as garbage).
    private static readonly (byte[] Magic, int Offset, string Kind)[] Signatures =
    [
        ("%PDF-"u8.ToArray(), 0, "a PDF document"), ("%!PS"u8.ToArray(), 0, "a PostScript document"), ("{\\rtf"u8.ToArray(), 0, "an RTF document"),
        ([0x50, 0x4B, 0x03, 0x04], 0, "a ZIP archive or Office document"), ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], 0, "an old Office document"),
        ([0x89, 0x50, 0x4E, 0x47], 0, "a PNG image"), ("GIF8"u8.ToArray(), 0, "a GIF image"), ([0xFF, 0xD8, 0xFF], 0, "a JPEG image"),
        ("RIFF"u8.ToArray(), 0, "a RIFF media file"), ("ftyp"u8.ToArray(), 4, "a video or audio file"), ("OggS"u8.ToArray(), 0, "an Ogg media file"),
        ("ID3"u8.ToArray(), 0, "an MP3 file"), ([0x1F, 0x8B], 0, "a gzip archive"), ("BZh"u8.ToArray(), 0, "a bzip2 archive"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], 0, "a 7-Zip archive"), ("Rar!"u8.ToArray(), 0, "a RAR archive"), ([0x7F, 0x45, 0x4C, 0x46], 0, "an executable"),
        ("MZ"u8.ToArray(), 0, "an executable"), ("SQLite format 3\0"u8.ToArray(), 0, "a SQLite database"), ([0x00, 0x61, 0x73, 0x6D], 0, "a WebAssembly module"),
    ];

    /// <summary>What binary format the bytes start with, when a known signature says so; null otherwise.</summary>
    public static string? BinaryKind(ReadOnlySpan<byte> bytes)
    {
        foreach (var (magic, offset, kind) in Signatures)
        {
            if (bytes.Length < offset + magic.Length || !bytes.Slice(offset).StartsWith(magic)) continue;
            // "MZ" and "ID3" also start words; an executable or MP3 has binary bytes right after.
            if (magic.Length < 4 && kind is "an executable" or "an MP3 file" && !LooksBinary(bytes[..Math.Min(bytes.Length, 512)])) continue;
            return kind;
        }
        return null;
    }

    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 8192)];
        int control = 0, nul = 0;
        foreach (var b in head)
        {
            if (b == 0) nul++;
            else if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) control++;
        }
        // A stray NUL (a copy-paste accident, a truncated write) does not make an article binary; normalising drops it.
        return nul > head.Length / 200 + 2 || control + nul > head.Length / 100 + 2;
    }
}
