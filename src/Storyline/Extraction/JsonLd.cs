using System.Text.Json;

namespace Storyline.Extraction;

/// <summary>A page's JSON-LD blocks, found and parsed once for both the metadata and the date readers.</summary>
internal sealed class JsonLd : IDisposable
{
    /// <summary>How JSON-LD is parsed: publishers leave trailing commas and comments in it.</summary>
    public static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    private readonly List<JsonDocument> _documents = [];

    /// <summary>The blocks that parse, in page order; broken ones, which are common, are left out.</summary>
    public IReadOnlyList<JsonDocument> Documents => _documents;

    /// <summary>Finds and parses the JSON-LD scripts of the raw <paramref name="html"/>.</summary>
    public static JsonLd Read(string html)
    {
        var found = new JsonLd();
        foreach (var json in PageMetadata.JsonLdScripts(html))
        {
            try
            {
                // Script content is raw text: entities stay undecoded until a string value is read.
                found._documents.Add(JsonDocument.Parse(json.Trim() is { Length: > 0 } s ? s : "{}", Options));
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common; the rest of the page still tells us enough.
            }
        }
        return found;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var document in _documents) document.Dispose();
        _documents.Clear();
    }
}
