using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Storyline.Web.Services;

namespace Storyline.Web.Apis;

/// <summary><c>GET /api/stories</c>, one story, its briefing and its timeline.</summary>
public static class StoriesApi
{
    /// <summary>Maps the story endpoints.</summary>
    public static RouteGroupBuilder MapStoriesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stories", ListAsync)
            .WithName("ListStories")
            .WithSummary("Stories (documents grouped by subject), most recent first, with sources, date range and the camps quoted")
            .WithDescription("`limit` (1–1000, default 100) and `offset` page through them; `X-Total-Count` gives how many there are.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/stories/{id}", (long id, StoryService stories, CancellationToken ct) =>
                WithStoryAsync(id, stories, v => TypedResults.Ok(StoryDetail.Of(v)), ct))
            .WithName("GetStory")
            .WithSummary("One story: its documents, its sources with the statements of each camp they quote, and links to its briefing and timeline")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/stories/{id}/briefing", (long id, StoryService stories, CancellationToken ct) =>
                WithStoryAsync(id, stories, v => TypedResults.Ok(BriefingItem.Of(v.Briefing)), ct))
            .WithName("GetBriefing")
            .WithSummary("A story's briefing as `storyline brief --json` writes it: sections of sentences, each cited by document and [start, end) character span")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/stories/{id}/timeline", (long id, StoryService stories, CancellationToken ct) =>
                WithStoryAsync(id, stories, v => TypedResults.Ok(v.Timeline.Select(TimelineEventItem.Of).ToList()), ct))
            .WithName("GetTimeline")
            .WithSummary("A story's dated events in time order, merged across sources, each with its source sentences")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/stories/{id}/claims", (long id, StoryService stories, CancellationToken ct) =>
                WithStoryAsync(id, stories, v => TypedResults.Ok(v.Claims.Select(ClaimItem.Of).ToList()), ct))
            .WithName("GetClaims")
            .WithSummary("A story's claims ledger as `storyline claims --json` writes it: claims ranked by how contested and prominent, each with its statements and their stance (asserts, denies, questions, reports)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    // Paged as the documents are: 870 stories made a 513 KB answer.
    private static async Task<Results<Ok<List<StoryListItem>>, BadRequestProblem>> ListAsync([AsParameters] ListPageRequest request, HttpContext context,
        StoryService stories, CancellationToken ct)
    {
        if (request.Validate() is { } bad) return bad;
        var all = await stories.ListAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(request.Page(all, context).Select(s => StoryListItem.Of(s.Story, s.Camps)).ToList());
    }

    // One handler shape for a story and its parts: the 400 and 404 answers are the same, only the 200 body differs.
    private static async Task<Results<Ok<T>, BadRequestProblem, NotFoundProblem>> WithStoryAsync<T>(long id, StoryService stories, Func<StoryView, Ok<T>> answer,
        CancellationToken ct)
    {
        if (id <= 0) return BadStoryId(id.ToString(CultureInfo.InvariantCulture));
        var view = await stories.GetAsync(id, ct).ConfigureAwait(false);
        return view is null ? UnknownStory(id) : answer(view);
    }

    /// <summary>The 400 answer for a story id that is not a positive whole number.</summary>
    public static BadRequestProblem BadStoryId(string id) => new("Invalid story id", $"'{Access.Shorten(id)}' is not a story id (a positive whole number).");

    /// <summary>The 404 answer for an id with no story.</summary>
    public static NotFoundProblem UnknownStory(long id) => new("Unknown story", string.Create(CultureInfo.InvariantCulture, $"There is no story {id} in the store."));
}
