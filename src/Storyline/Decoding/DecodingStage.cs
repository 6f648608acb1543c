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
        if (LooksBinary(bytes)) throw new InputRejectedException("binary content, not text or HTML");

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

    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        // UTF-16 text carries NULs; it is recognised by its BOM.
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))) return false;
        var head = bytes[..Math.Min(bytes.Length, 8192)];
        int control = 0;
        foreach (var b in head)
        {
            if (b == 0) return true;
            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) control++;
        }
        return control > head.Length / 100 + 2;
    }
}
