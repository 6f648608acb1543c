using System.Text;
using System.Text.RegularExpressions;

namespace Storyline.Decoding;

/// <summary>Finds the character encoding of HTML or text bytes: BOM, declared charset (HTTP header, meta tag), UTF-8 validity, then CJK and Western heuristics.</summary>
public static partial class EncodingDetector
{
    static EncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The detected encoding and how it was found.</summary>
    public sealed record Detection(Encoding Encoding, int PreambleLength, string Reason);

    // Common characters of running Chinese text in both simplified and traditional forms; a correct GB18030/Big5
    // decoding hits them often, a wrong one produces rare characters instead.
    private const string CommonHanzi = "的一是不了在人有我他这這中大来來上国國个個到说說们們为為子和你地出道也时時年得就那要下以生会會自着著去之过過后後家对對学學可里裡后于於心多天而能好都然没沒日新政府发發经經行民方";

    /// <summary>Detects the encoding of <paramref name="bytes"/>; <paramref name="declared"/> is a charset from outside the content (HTTP header), tried after a BOM.</summary>
    public static Detection Detect(ReadOnlySpan<byte> bytes, string? declared, bool isHtml)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new(new UTF8Encoding(false), 3, "BOM");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new(Encoding.Unicode, 2, "BOM");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new(Encoding.BigEndianUnicode, 2, "BOM");

        if (SniffUtf16(bytes) is { } utf16) return new(utf16, 0, "UTF-16 without BOM");
        if (TryGet(declared) is { } fromHeader) return new(fromHeader, 0, "declared charset");
        if (isHtml && SniffMetaCharset(bytes) is { } metaName && TryGet(metaName) is { } fromMeta)
        {
            // A page that says latin-1 is nearly always really windows-1252 (the HTML standard says to treat it so),
            // and one that declares a legacy charset but is valid non-ASCII UTF-8 is UTF-8.
            if (fromMeta.CodePage != 65001 && IsValidUtf8WithNonAscii(bytes)) return new(new UTF8Encoding(false), 0, "valid UTF-8 despite meta charset");
            return new(fromMeta, 0, "meta charset");
        }
        if (IsValidUtf8(bytes)) return new(new UTF8Encoding(false), 0, "valid UTF-8");
        return Guess(bytes);
    }

    /// <summary>UTF-16 (little or big endian) recognised without a BOM: text in Latin script has a NUL in nearly every other byte,
    /// always on the same side, and decodes to printable characters; null when the bytes do not look so.</summary>
    public static Encoding? SniffUtf16(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..(Math.Min(bytes.Length, 4096) & ~1)];
        if (sample.Length < 8) return null;
        int pairs = sample.Length / 2, evenNul = 0, oddNul = 0;
        for (int i = 0; i < sample.Length; i += 2)
        {
            if (sample[i] == 0) evenNul++;
            if (sample[i + 1] == 0) oddNul++;
        }
        bool little = oddNul >= pairs * 0.4 && evenNul <= pairs * 0.05;
        bool big = evenNul >= pairs * 0.4 && oddNul <= pairs * 0.05;
        if (!little && !big) return null;
        var encoding = little ? Encoding.Unicode : Encoding.BigEndianUnicode;
        int bad = 0;
        foreach (var c in encoding.GetString(sample))
            if (c == '\uFFFD' || (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) bad++;
        return bad <= pairs / 50 + 1 ? encoding : null;
    }

    /// <summary>Decodes bytes with the detected encoding.</summary>
    public static (string Text, Detection Detection) Decode(ReadOnlySpan<byte> bytes, string? declared, bool isHtml)
    {
        var detection = Detect(bytes, declared, isHtml);
        return (detection.Encoding.GetString(bytes[detection.PreambleLength..]), detection);
    }

    private static Encoding? TryGet(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        name = name.Trim().Trim('"', '\'').ToLowerInvariant();
        name = name switch
        {
            "iso-8859-1" or "latin1" or "latin-1" or "us-ascii" or "ascii" => "windows-1252",
            "gb2312" or "gbk" or "x-gbk" => "gb18030",
            "utf8" => "utf-8",
            _ => name,
        };
        try
        {
            var encoding = Encoding.GetEncoding(name);
            return encoding.CodePage == 65001 ? new UTF8Encoding(false) : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? SniffMetaCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        var match = MetaCharset().Match(head);
        return match.Success ? match.Groups["cs"].Value : null;
    }

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?(?<cs>[\w\-:.]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    private static bool IsValidUtf8WithNonAscii(ReadOnlySpan<byte> bytes) => !System.Text.Ascii.IsValid(bytes) && IsValidUtf8(bytes);

    private static Detection Guess(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 64 * 1024)];
        int high = 0;
        foreach (var b in sample) if (b >= 0x80) high++;
        if (high >= 8)
        {
            var best = (Score: 0.0, Name: "");
            foreach (var name in new[] { "gb18030", "big5" })
            {
                var encoding = Encoding.GetEncoding(name, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
                var text = encoding.GetString(sample);
                int han = 0, common = 0, bad = 0;
                foreach (var c in text)
                {
                    if (c == '\uFFFD') bad++;
                    else if (c >= '\u4E00' && c <= '\u9FFF') { han++; if (CommonHanzi.Contains(c)) common++; }
                }
                // Only a decoding that yields mostly Han text with common characters counts as evidence.
                if (han < 4 || bad > han / 20) continue;
                var score = (double)common / han;
                if (score > best.Score) best = (score, name);
            }
            if (best.Score >= 0.08) return new(Encoding.GetEncoding(best.Name), 0, "CJK heuristic");
        }
        return new(Encoding.GetEncoding(1252), 0, "not UTF-8; assumed Windows-1252");
    }
}
