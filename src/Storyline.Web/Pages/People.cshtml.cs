using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Storage;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>Every speaker across the store with role, camp and counts.</summary>
public sealed class PeopleModel(StoreFactory stores, Microsoft.Extensions.Options.IOptions<WebOptions> options) : PageModel
{
    /// <summary>The speakers, most quoted first.</summary>
    public IReadOnlyList<SpeakerSummary> Speakers { get; private set; } = [];

    /// <summary>Speakers per page (Storyline:StoryPageSize, as a story's lists).</summary>
    public int PageSize => options.Value.StoryPageSize;

    /// <summary>The page shown (from 1).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Number of pages.</summary>
    public int PageCount => Math.Max(1, (Speakers.Count + PageSize - 1) / PageSize);

    /// <summary>The speakers of the page shown.</summary>
    public IEnumerable<SpeakerSummary> Shown => Speakers.Skip((PageNumber - 1) * PageSize).Take(PageSize);

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync([Microsoft.AspNetCore.Mvc.FromQuery] int? page, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        Speakers = await store.ListSpeakersAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        // A page past the end shows the last one.
        PageNumber = Math.Clamp(page ?? 1, 1, PageCount);
    }
}
