using Microsoft.AspNetCore.Http.HttpResults;
using Storyline.Web.Services;

namespace Storyline.Web.Apis;

/// <summary><c>GET /api/search?q=</c>: ranked full-text search with highlighted snippets.</summary>
public static class SearchApi
{
    /// <summary>The longest query accepted.</summary>
    public const int MaxQueryLength = 500;

    /// <summary>Maps the search endpoint.</summary>
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/search", SearchAsync)
            .WithName("Search")
            .WithSummary("Ranked (bm25) full-text search; every word must occur, \"quoted phrases\" match exactly")
            .WithDescription("`q` is required (at most 500 characters); `limit` is 1–100, default 20. Each hit's `highlights` are [start, end) offsets of the matched words in its `snippet`.")
            .RequireRateLimiting(RateLimits.Search)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<Results<Ok<List<SearchHitView>>, BadRequestProblem>> SearchAsync([AsParameters] SearchRequest request, StoreFactory stores,
        CancellationToken ct)
    {
        if (request.Validate() is { } bad) return bad;
        await using var store = await stores.OpenAsync(ct).ConfigureAwait(false);
        var hits = await store.SearchAsync(request.Q!, request.Limit ?? 20, ct).ConfigureAwait(false);
        return TypedResults.Ok(hits.Select(SearchHitView.Of).ToList());
    }
}
