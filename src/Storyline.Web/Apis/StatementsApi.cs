using Microsoft.AspNetCore.Http.HttpResults;
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
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/speakers", SpeakersAsync)
            .WithName("ListSpeakers")
            .WithSummary("Speakers with their role, camp (the one most of their statements have) and counts, most quoted first; `story` limits them to one story")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Results<Ok<List<StatementItem>>, BadRequestProblem, NotFoundProblem>> FindAsync([AsParameters] StatementsRequest request,
        StoreFactory stores, CancellationToken ct)
    {
        var (query, bad) = request.ToQuery();
        if (query is null) return bad!;
        await using var store = await stores.OpenAsync(ct).ConfigureAwait(false);
        if (query.StoryId is { } id && await store.GetStoryAsync(id, ct).ConfigureAwait(false) is null) return StoriesApi.UnknownStory(id);
        var hits = await store.FindStatementsAsync(query, ct).ConfigureAwait(false);
        return TypedResults.Ok(hits.Select(StatementItem.Of).ToList());
    }

    private static async Task<Results<Ok<List<SpeakerItem>>, BadRequestProblem, NotFoundProblem>> SpeakersAsync([AsParameters] SpeakersRequest request,
        StoreFactory stores, CancellationToken ct)
    {
        if (request.Validate() is { } bad) return bad;
        await using var store = await stores.OpenAsync(ct).ConfigureAwait(false);
        if (request.Story is { } id && await store.GetStoryAsync(id, ct).ConfigureAwait(false) is null) return StoriesApi.UnknownStory(id);
        var speakers = await Storage.SpeakerDirectory.For(store).ListAsync(request.Story, ct).ConfigureAwait(false);
        return TypedResults.Ok(speakers.Select(SpeakerItem.Of).ToList());
    }
}
