using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Storage;
using Storyline.Web.Rendering;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>Every speaker across the store with role, camp and counts.</summary>
public sealed class PeopleModel(StoreFactory stores, Microsoft.Extensions.Options.IOptions<WebOptions> options) : PageModel
{
    /// <summary>The speakers, most quoted first.</summary>
    public IReadOnlyList<SpeakerSummary> Speakers { get; private set; } = [];

    /// <summary>The page shown (Storyline:StoryPageSize speakers a page, as a story's lists).</summary>
    public PageWindow Window { get; private set; } = PageWindow.Of(1, 1, 0);

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync([Microsoft.AspNetCore.Mvc.FromQuery] int? page, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        Speakers = await SpeakerDirectory.For(store).ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        Window = PageWindow.Of(page, options.Value.StoryPageSize, Speakers.Count);
    }
}
