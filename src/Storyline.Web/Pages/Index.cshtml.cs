using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Documents;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>The documents list, newest first.</summary>
public sealed class IndexModel(StoreFactory stores) : PageModel
{
    /// <summary>The documents to show.</summary>
    public IReadOnlyList<DocumentSummary> Documents { get; private set; } = [];

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        Documents = DocumentOrder.NewestFirst(await store.ListAsync(cancellationToken).ConfigureAwait(false));
    }
}
