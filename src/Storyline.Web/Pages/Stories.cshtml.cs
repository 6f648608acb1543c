using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>The home page: every story with its dates, documents, sources and the camps quoted in it.</summary>
public sealed class StoriesModel(StoryService stories) : PageModel
{
    /// <summary>The stories, most recent first.</summary>
    public IReadOnlyList<StorySummaryView> Stories { get; private set; } = [];

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Stories = await stories.ListAsync(cancellationToken).ConfigureAwait(false);
}
