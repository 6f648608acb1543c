using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Storyline.Documents;
using Storyline.Web.Apis;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>Full-text search with highlighted snippets.</summary>
[EnableRateLimiting(RateLimits.Search)]
public sealed class SearchModel(StoreFactory stores) : PageModel
{
    /// <summary>The query as typed.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>The hits, best first.</summary>
    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    /// <summary>A one-line problem with the query, if any.</summary>
    public string? Problem { get; private set; }

    /// <summary>Runs the search when a query is given.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Query)) return;
        if (Query.Length > SearchApi.MaxQueryLength)
        {
            Problem = $"The query is {Query.Length} characters; at most {SearchApi.MaxQueryLength} are accepted.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        Hits = await store.SearchAsync(Query, 50, cancellationToken).ConfigureAwait(false);
    }
}
