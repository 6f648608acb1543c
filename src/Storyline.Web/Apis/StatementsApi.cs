using System.Globalization;
using Storyline.Web.Services;

namespace Storyline.Web.Apis;

/// <summary><c>GET /api/statements</c> (who said what, filtered) and <c>GET /api/speakers</c>.</summary>
public static class StatementsApi
{
    /// <summary>Maps the statement endpoints.</summary>
    public static RouteGroupBuilder MapStatementsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/statements", FindAsync)
            .WithName("FindStatements")
            .WithSummary("Statements attributed to speakers, newest document first, filtered by speaker, camp, publication dates, story and words")
            .WithDescription("All filters are optional: `speaker` (name or entity key, any case), `camp` (any case), `from` and `to` (yyyy-MM-dd, inclusive), " +
                "`story` (id), `q` (words in the statement, as in search). `limit` is 1–500 (default 100), `offset` pages. " +
                "`content_start`/`content_end` are [start, end) offsets into the document's text.")
            .RequireRateLimiting(RateLimits.Search)
            .Produces<List<StatementItem>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/speakers", SpeakersAsync)
            .WithName("ListSpeakers")
            .WithSummary("Speakers with their role, camp (the one most of their statements have) and counts, most quoted first; `story` limits them to one story")
            .Produces<List<SpeakerItem>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<IResult> FindAsync(HttpContext context, StoreFactory stores, string? speaker, string? camp, string? from, string? to, string? story, string? q,
        string? limit, string? offset, CancellationToken ct)
    {
        if (!TryInt(limit, 100, 1, 500, out var take))
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid limit", "limit must be a whole number from 1 to 500.");
        if (!TryInt(offset, 0, 0, int.MaxValue, out var skip))
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid offset", "offset must be a whole number, 0 or more.");
        var (query, title, detail) = StatementFilters.Parse(q, speaker, camp, from, to, story, take, skip);
        if (query is null) return Problems.Result(StatusCodes.Status400BadRequest, title!, detail!);
        await using var store = await stores.OpenAsync(ct).ConfigureAwait(false);
        if (query.StoryId is { } id && await store.GetStoryAsync(id, ct).ConfigureAwait(false) is null) return StoriesApi.UnknownStory(id);
        var hits = await store.FindStatementsAsync(query, ct).ConfigureAwait(false);
        return TypedResults.Ok(hits.Select(StatementItem.Of).ToList());
    }

    private static async Task<IResult> SpeakersAsync(HttpContext context, StoreFactory stores, string? story, CancellationToken ct)
    {
        long? storyId = null;
        if (!string.IsNullOrEmpty(story))
        {
            if (Access.ParseId(story) is not { } id) return StoriesApi.BadStoryId(story);
            storyId = id;
        }
        await using var store = await stores.OpenAsync(ct).ConfigureAwait(false);
        if (storyId is { } sid && await store.GetStoryAsync(sid, ct).ConfigureAwait(false) is null) return StoriesApi.UnknownStory(sid);
        var speakers = await store.ListSpeakersAsync(storyId, ct).ConfigureAwait(false);
        return TypedResults.Ok(speakers.Select(SpeakerItem.Of).ToList());
    }

    private static bool TryInt(string? value, int fallback, int min, int max, out int result)
    {
        result = fallback;
        if (string.IsNullOrEmpty(value)) return true;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= min && result <= max;
    }
}
