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
            .Produces<List<SearchHitView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<IResult> SearchAsync(HttpContext context, StoreFactory stores, string? q, string? limit, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q))
            return Problems.Result(StatusCodes.Status400BadRequest, "Missing query", "Give the words to search for in the q parameter.");
        if (q.Length > MaxQueryLength)
            return Problems.Result(StatusCodes.Status400BadRequest, "Query too long", $"The query is {q.Length} characters; at most {MaxQueryLength} are accepted.");
        var take = 20;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out take) || take is < 1 or > 100))
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid limit", "limit must be a whole number from 1 to 100.");
        await using var store = await stores.OpenAsync(ct).ConfigureAwait(false);
        var hits = await store.SearchAsync(q, take, ct).ConfigureAwait(false);
        return TypedResults.Ok(hits.Select(SearchHitView.Of).ToList());
    }
}
