using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Web.Rendering;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>The home page: every story with its dates, documents, sources and the camps quoted in it.</summary>
public sealed class StoriesModel(StoryService stories, Microsoft.Extensions.Options.IOptions<WebOptions> options) : PageModel
{
    /// <summary>The stories, most recent first.</summary>
    public IReadOnlyList<StorySummaryView> Stories { get; private set; } = [];

    /// <summary>The page shown (Storyline:StoryPageSize stories a page, as a story's lists).</summary>
    public PageWindow Window { get; private set; } = PageWindow.Of(1, 1, 0);

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync([Microsoft.AspNetCore.Mvc.FromQuery] int? page, CancellationToken cancellationToken)
    {
        Stories = await stories.ListAsync(cancellationToken).ConfigureAwait(false);
        Window = PageWindow.Of(page, options.Value.StoryPageSize, Stories.Count);
    }
}
