namespace Storyline.Pipeline;

/// <summary>One CPU-bound step of document processing (decode, extract, clean, metadata, assemble).</summary>
public interface IDocumentStage
{
    /// <summary>Reads and updates <paramref name="context"/>.</summary>
    void Process(DocumentContext context, CancellationToken cancellationToken);
}

/// <summary>Raised by a stage when an input cannot be processed; the message is one line naming the reason.</summary>
public sealed class InputRejectedException(string reason) : Exception(reason);
