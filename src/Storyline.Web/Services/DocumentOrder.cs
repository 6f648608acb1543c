using Storyline.Documents;

namespace Storyline.Web.Services;

/// <summary>The order documents are listed in.</summary>
public static class DocumentOrder
{
    /// <summary>Newest first: by publication date where known, else by when the document was added; ties by id, newest first.</summary>
    public static IReadOnlyList<DocumentSummary> NewestFirst(IEnumerable<DocumentSummary> documents) =>
        [.. documents.OrderByDescending(d => d.Published?.Value ?? d.IngestedAt).ThenByDescending(d => d.Id)];
}
