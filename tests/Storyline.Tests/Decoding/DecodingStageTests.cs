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

    [Fact]
    public void Process_WhitespaceOnly_Rejected() => Reject(Encoding.UTF8.GetBytes(" \n\t \n")).Message.ShouldBe("input has no text");
}
