namespace Storyline.Documents;

/// <summary>The original bytes of one input exactly as received, kept so that reprocessing never needs the network.</summary>
/// <param name="Name">The input's file path, URL or "feed#item" name, as shown to the user.</param>
/// <param name="Url">The URL the content came from, when known (fetched, or given by a feed or record).</param>
/// <param name="ContentType">Media type, e.g. "text/html" or "text/plain" (charset kept in <see cref="InputHints.Charset"/>).</param>
/// <param name="Content">The raw bytes.</param>
/// <param name="RetrievedAt">When the bytes were read or fetched.</param>
/// <param name="Hints">Metadata supplied alongside the content (feed item, JSON Lines record, HTTP header, command line).</param>
public sealed record RawInput(
    string Name,
    string? Url,
    string ContentType,
    byte[] Content,
    DateTimeOffset RetrievedAt,
    InputHints Hints)
{
    /// <summary>True when the content should be read as HTML.</summary>
    public bool IsHtml => ContentType.Contains("html", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Metadata that came with an input rather than from its content.</summary>
public sealed record InputHints(
    string? Title = null,
    string? Source = null,
    DateTimeOffset? Published = null,
    string? Charset = null,
    IReadOnlyList<string>? Authors = null)
{
    /// <summary>No hints.</summary>
    public static InputHints None { get; } = new();
}
