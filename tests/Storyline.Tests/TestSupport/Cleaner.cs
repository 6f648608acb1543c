using System.Text;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Tests.TestSupport;

/// <summary>Runs the default pipeline over pasted text and reads the result back as block texts.</summary>
public static class Cleaner
{
    private static readonly DocumentPipeline Pipeline = DocumentPipeline.CreateDefault();

    /// <summary>Processes <paramref name="text"/> as a plain-text input.</summary>
    public static ProcessedDocument Clean(string text, string name = "pasted.txt") =>
        Pipeline.Process(new RawInput(name, null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, InputHints.None));

    /// <summary>Processes a shared sample file.</summary>
    public static ProcessedDocument CleanFile(string path) =>
        Pipeline.Process(new RawInput(path, null, "text/plain", File.ReadAllBytes(path), DateTimeOffset.UnixEpoch, InputHints.None));

    /// <summary>The text of each block, in order.</summary>
    public static List<string> BlockTexts(this ProcessedDocument doc) => [.. doc.Blocks.Select(b => b.Span.Slice(doc.Text))];

    /// <summary>The text of the blocks of one kind, in order.</summary>
    public static List<string> BlockTexts(this ProcessedDocument doc, BlockKind kind) =>
        [.. doc.Blocks.Where(b => b.Kind == kind).Select(b => b.Span.Slice(doc.Text))];
}
