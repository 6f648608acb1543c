using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Web.Apis;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>One story: its cited briefing, timeline, who thinks what, and its sources.</summary>
public sealed class StoryModel(StoryService stories) : PageModel
{
    /// <summary>Statements shown per speaker in the who-thinks-what table; the person page has them all.</summary>
    public const int StatementsPerSpeaker = 3;

    /// <summary>Claims shown in the matrix: the most contested and prominent; the rest are in <c>storyline claims</c> and the API.</summary>
    public const int ClaimsShown = 12;

    /// <summary>The story's view.</summary>
    public StoryView View { get; private set; } = null!;

    /// <summary>Footnote number of each document (its place in the story, oldest first).</summary>
    public IReadOnlyDictionary<long, int> SourceNumbers { get; private set; } = new Dictionary<long, int>();

    /// <summary>Loads the story; 404 for an unknown or malformed id.</summary>
    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (Access.ParseId(id) is not { } storyId) return NotFound();
        var view = await stories.GetAsync(storyId, cancellationToken).ConfigureAwait(false);
        if (view is null) return NotFound();
        View = view;
        SourceNumbers = view.Documents.Select((d, i) => (d.Id, i + 1)).ToDictionary(p => p.Id, p => p.Item2);
        return Page();
    }
}
