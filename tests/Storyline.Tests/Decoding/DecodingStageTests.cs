using System.Text;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Tests.Decoding;

public class DecodingStageTests
{
    private static Exception Reject(byte[] bytes, long max = 20_000_000) =>
        Should.Throw<InputRejectedException>(() =>
            new DocumentPipelineBuilder().UseDefaults(new IngestOptions(max)).Build()
                .Process(new RawInput("x.txt", null, "text/plain", bytes, DateTimeOffset.UnixEpoch, InputHints.None)));

    [Fact]
    public void Process_EmptyInput_RejectedAsEmpty() => Reject([]).Message.ShouldBe("empty input");

    [Fact]
    public void Process_BinaryInput_RejectedAsBinary() =>
        Reject([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]).Message.ShouldContain("binary");

    [Fact]
    public void Process_OverLimit_RejectedNamingTheLimit() =>
        Reject(Encoding.UTF8.GetBytes(new string('a', 2000)), max: 1000).Message.ShouldContain("over the 1,000-byte limit");

    private const string Article = "Council approves housing plan\n\nThe council approved the housing plan on Tuesday after a long debate about costs.\n\nMembers said the vote was close.";

    private static ProcessedDocument Process(byte[] bytes) =>
        DocumentPipeline.CreateDefault().Process(new RawInput("x.txt", null, "text/plain", bytes, DateTimeOffset.UnixEpoch, InputHints.None));

    [Fact]
    public void Process_ArticleWithOneNulByte_KeptWithoutTheNul()
    {
        var bytes = Encoding.UTF8.GetBytes(Article.Replace("Tuesday", "Tues\0day", StringComparison.Ordinal));
        Process(bytes).Text.ShouldContain("Tuesday after a long debate");
    }

    [Fact]
    public void Process_MostlyNulBytes_RejectedAsBinary()
    {
        var bytes = new byte[4000];
        Encoding.ASCII.GetBytes("some text at the start").CopyTo(bytes, 0);
        Reject(bytes).Message.ShouldBe("binary content, not text or HTML");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Process_Utf16WithoutBom_Decoded(bool bigEndian)
    {
        var encoding = bigEndian ? new UnicodeEncoding(true, false) : new UnicodeEncoding(false, false);
        var doc = Process(encoding.GetBytes(Article + " Café owners agreed."));
        doc.Text.ShouldContain("The council approved the housing plan on Tuesday");
        doc.Text.ShouldContain("Café owners agreed.");
    }

    [Fact]
    public void Process_PdfRenamedTxt_RejectedNamingPdf()
    {
        var pdf = Encoding.Latin1.GetBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n3 0 obj<</Type/Page/Parent 2 0 R/Contents 4 0 R>>\nendobj\n4 0 obj<</Length 44>>stream\nBT /F1 12 Tf 72 712 Td (Hello) Tj ET\nendstream\nendobj\n");
        Reject(pdf).Message.ShouldBe("binary content (a PDF document), not text or HTML: convert it to text first");
    }

    [Theory]
    [InlineData("MZ is how the article starts, a word and not an executable.")]
    [InlineData("ID3 tags were discussed by the council at length on Tuesday.")]
    public void Process_TextStartingLikeASignature_NotRejected(string start) =>
        Process(Encoding.UTF8.GetBytes(start + "\n\n" + Article)).Text.ShouldContain(start);

    [Fact]
    public void Process_WhitespaceOnly_Rejected() => Reject(Encoding.UTF8.GetBytes(" \n\t \n")).Message.ShouldBe("input has no text");
}
