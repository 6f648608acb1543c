using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Documents;
using Storyline.Web.Rendering;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>The documents list, newest first, a page at a time (3,000 documents made a 1 MB page).</summary>
public sealed class IndexModel(StoreFactory stores, Microsoft.Extensions.Options.IOptions<WebOptions> options) : PageModel
{
    /// <summary>Every document, newest first.</summary>
    public IReadOnlyList<DocumentSummary> Documents { get; private set; } = [];

    /// <summary>The page shown (Storyline:StoryPageSize documents a page, as a story's lists).</summary>
    public PageWindow Window { get; private set; } = PageWindow.Of(1, 1, 0);

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync([Microsoft.AspNetCore.Mvc.FromQuery] int? page, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        Documents = DocumentOrder.NewestFirst(await store.ListAsync(cancellationToken).ConfigureAwait(false));
        Window = PageWindow.Of(page, options.Value.StoryPageSize, Documents.Count);
    }
}
