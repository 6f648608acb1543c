using Storyline.Documents;

namespace Storyline.Pipeline;

/// <summary>A block of text while the cleaning stages work on it, before offsets are fixed.</summary>
public sealed record WorkingBlock(BlockKind Kind, string Text);

/// <summary>The mutable state that the cleaning stages pass along for one input; the final stage freezes it into a <see cref="ProcessedDocument"/>.</summary>
public sealed class DocumentContext
{
    /// <summary>Creates a context for one raw input.</summary>
    public DocumentContext(RawInput input, TimeProvider time)
    {
        Input = input;
        Time = time;
    }

    /// <summary>The input being processed.</summary>
    public RawInput Input { get; }

    /// <summary>Clock for anything that needs "now".</summary>
    public TimeProvider Time { get; }

    /// <summary>The decoded input text (HTML source or plain text), set by the decoding stage.</summary>
    public string? DecodedText { get; set; }

    /// <summary>The encoding the decoding stage used.</summary>
    public string? EncodingName { get; set; }

    /// <summary>Body blocks, in reading order.</summary>
    public List<WorkingBlock> Blocks { get; } = [];

    /// <summary>Headline.</summary>
    public string? Title { get; set; }

    /// <summary>Standfirst / summary bullets.</summary>
    public List<string> Summary { get; } = [];

    /// <summary>Authors.</summary>
    public List<string> Authors { get; } = [];

    /// <summary>Captions removed from the body.</summary>
    public List<string> Captions { get; } = [];

    /// <summary>Section labels.</summary>
    public List<string> Sections { get; } = [];

    /// <summary>Publisher or source name.</summary>
    public string? Publisher { get; set; }

    /// <summary>Publication date with provenance.</summary>
    public PublicationDate? Published { get; set; }

    /// <summary>ISO 639-1 language code.</summary>
    public string? Language { get; set; }

    /// <summary>The frozen result, set by the assembling stage.</summary>
    public ProcessedDocument? Result { get; set; }
}
