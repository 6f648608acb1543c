using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Web.Rendering;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>One story: its cited briefing, timeline, who thinks what, and its sources.</summary>
public sealed class StoryModel(StoryService stories, Microsoft.Extensions.Options.IOptions<WebOptions> options) : PageModel
{
    /// <summary>Statements shown per speaker in the who-thinks-what table; the person page has them all.</summary>
    public const int StatementsPerSpeaker = 3;

    /// <summary>Claims shown in the matrix: the most contested and prominent; the rest are in <c>storyline claims</c> and the API.</summary>
    public const int ClaimsShown = 12;

    /// <summary>Speakers shown per camp in the who-thinks-what table, most quoted first; the people page lists them all.</summary>
    public const int SpeakersPerCamp = 10;

    /// <summary>The story's view.</summary>
    public StoryView View { get; private set; } = null!;

    /// <summary>The page of the sources list shown (Storyline:StoryPageSize a page; the rest behind previous / next links).</summary>
    public PageWindow Sources { get; private set; } = PageWindow.Of(1, 1, 0);

    /// <summary>The page of the timeline's events shown.</summary>
    public PageWindow Events { get; private set; } = PageWindow.Of(1, 1, 0);

    /// <summary>Footnote number of each document (its place in the story, oldest first).</summary>
    public IReadOnlyDictionary<long, int> SourceNumbers { get; private set; } = new Dictionary<long, int>();

    /// <summary>Loads the story; 404 for an unknown or malformed id.</summary>
    public async Task<IActionResult> OnGetAsync(long id, [FromQuery] int? sources, [FromQuery] int? events, CancellationToken cancellationToken)
    {
        // A route value that is not a number binds as 0: no story either way.
        if (id <= 0) return NotFound();
        var storyId = id;
        var view = await stories.GetAsync(storyId, cancellationToken).ConfigureAwait(false);
        if (view is null) return NotFound();
        View = view;
        // A page past the end shows the last one rather than an empty list.
        Sources = PageWindow.Of(sources, options.Value.StoryPageSize, view.Documents.Count);
        Events = PageWindow.Of(events, options.Value.StoryPageSize, view.Timeline.Count);
        SourceNumbers = view.Documents.Select((d, i) => (d.Id, i + 1)).ToDictionary(p => p.Id, p => p.Item2);
        return Page();
    }
}
