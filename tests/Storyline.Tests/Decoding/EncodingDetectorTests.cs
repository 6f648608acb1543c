using System.Text;
using Storyline.Decoding;

namespace Storyline.Tests.Decoding;

public class EncodingDetectorTests
{
    static EncodingDetectorTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Chinese = "新疆维吾尔自治区政府新闻办公室举行新闻发布会，介绍了经济发展的情况。发言人说，这是我们的工作。";
    private const string Traditional = "新疆維吾爾自治區政府新聞辦公室舉行新聞發布會，介紹了經濟發展的情況。發言人說，這是我們的工作。";

    [Fact]
    public void Decode_Utf8WithBom_StripsBom()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("“Quoted” text")).ToArray();
        var (text, detection) = EncodingDetector.Decode(bytes, null, false);
        text.ShouldBe("“Quoted” text");
        detection.Reason.ShouldBe("BOM");
    }

    [Fact]
    public void Decode_Windows1252CurlyQuotes_DecodesAsWindows1252()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes("He said “no” – twice, café.");
        var (text, _) = EncodingDetector.Decode(bytes, null, false);
        text.ShouldBe("He said “no” – twice, café.");
    }

    [Fact]
    public void Decode_DeclaredHeaderCharset_WinsOverGuess()
    {
        var bytes = Encoding.GetEncoding("iso-8859-1").GetBytes("naïve résumé");
        var (text, detection) = EncodingDetector.Decode(bytes, "ISO-8859-1", false);
        text.ShouldBe("naïve résumé");
        detection.Reason.ShouldBe("declared charset");
    }

    [Fact]
    public void Decode_HtmlMetaCharsetGbk_DecodesChinese()
    {
        var html = $"<html><head><meta charset=\"gbk\"></head><body><p>{Chinese}</p></body></html>";
        var bytes = Encoding.GetEncoding("gb18030").GetBytes(html);
        var (text, detection) = EncodingDetector.Decode(bytes, null, true);
        text.ShouldContain(Chinese);
        detection.Reason.ShouldBe("meta charset");
    }

    [Fact]
    public void Decode_UndeclaredGb18030_DetectedByHeuristic()
    {
        var bytes = Encoding.GetEncoding("gb18030").GetBytes(Chinese + Chinese);
        var (text, _) = EncodingDetector.Decode(bytes, null, false);
        text.ShouldBe(Chinese + Chinese);
    }

    [Fact]
    public void Decode_UndeclaredBig5_DetectedByHeuristic()
    {
        var bytes = Encoding.GetEncoding("big5").GetBytes(Traditional + Traditional);
        var (text, _) = EncodingDetector.Decode(bytes, null, false);
        text.ShouldBe(Traditional + Traditional);
    }

    [Fact]
    public void Decode_MetaSaysLatin1ButBytesAreUtf8_UsesUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes("<html><head><meta charset=iso-8859-1></head><body>“Beijing” – 北京</body></html>");
        var (text, _) = EncodingDetector.Decode(bytes, null, true);
        text.ShouldContain("“Beijing” – 北京");
    }

    [Fact]
    public void Normalize_DecomposedAccentsAndCrLf_ComposesAndKeepsCurlyQuotes()
    {
        var normalized = DecodingStage.Normalize("Cafe\u0301\r\n“quote”\u200B\u0007 end");
        normalized.ShouldBe("Café\n“quote” end");
    }
}
