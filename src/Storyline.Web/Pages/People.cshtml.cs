using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Storage;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>Every speaker across the store with role, camp and counts.</summary>
public sealed class PeopleModel(StoreFactory stores) : PageModel
{
    /// <summary>The speakers, most quoted first.</summary>
    public IReadOnlyList<SpeakerSummary> Speakers { get; private set; } = [];

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        Speakers = await store.ListSpeakersAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
