using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Documents;
using Storyline.Web.Apis;
using Storyline.Web.Rendering;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>One document: cleaned text by block, metadata, and the original input as a download.</summary>
public sealed class DocumentModel(StoreFactory stores) : PageModel
{
    /// <summary>The document.</summary>
    public StoredDocument Document { get; private set; } = null!;

    /// <summary>The body, block by block.</summary>
    public IReadOnlyList<BodyPart> Body { get; private set; } = [];

    /// <summary>The heading shown.</summary>
    public string Title { get; private set; } = "";

    /// <summary>Loads the document; 404 for an unknown or malformed id.</summary>
    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (Access.ParseId(id) is not { } documentId) return NotFound();
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        var document = await store.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (document is null) return NotFound();
        Document = document;
        Body = DocumentView.Body(document.Content);
        Title = DocumentView.Title(document.Content.Metadata.Title, document.InputName, document.Id);
        return Page();
    }
}
