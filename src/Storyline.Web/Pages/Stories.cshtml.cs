using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>The home page: every story with its dates, documents, sources and the camps quoted in it.</summary>
public sealed class StoriesModel(StoryService stories, Microsoft.Extensions.Options.IOptions<WebOptions> options) : PageModel
{
    /// <summary>The stories, most recent first.</summary>
    public IReadOnlyList<StorySummaryView> Stories { get; private set; } = [];

    /// <summary>Stories per page (Storyline:StoryPageSize, as a story's lists).</summary>
    public int PageSize => options.Value.StoryPageSize;

    /// <summary>The page shown (from 1).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Number of pages.</summary>
    public int PageCount => Math.Max(1, (Stories.Count + PageSize - 1) / PageSize);

    /// <summary>The stories of the page shown.</summary>
    public IEnumerable<StorySummaryView> Shown => Stories.Skip((PageNumber - 1) * PageSize).Take(PageSize);

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync([Microsoft.AspNetCore.Mvc.FromQuery] int? page, CancellationToken cancellationToken)
    {
        Stories = await stories.ListAsync(cancellationToken).ConfigureAwait(false);
        // A page past the end shows the last one.
        PageNumber = Math.Clamp(page ?? 1, 1, PageCount);
    }
}
