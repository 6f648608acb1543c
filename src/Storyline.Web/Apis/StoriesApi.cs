using System.Globalization;
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
            .Produces<List<StoryListItem>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/stories/{id}", (string id, HttpContext context, StoryService stories, CancellationToken ct) =>
                WithStoryAsync(id, context, stories, v => TypedResults.Ok(StoryDetail.Of(v)), ct))
            .WithName("GetStory")
            .WithSummary("One story: its documents, its sources with the statements of each camp they quote, and links to its briefing and timeline")
            .Produces<StoryDetail>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/stories/{id}/briefing", (string id, HttpContext context, StoryService stories, CancellationToken ct) =>
                WithStoryAsync(id, context, stories, v => TypedResults.Ok(BriefingItem.Of(v.Briefing)), ct))
            .WithName("GetBriefing")
            .WithSummary("A story's briefing as `storyline brief --json` writes it: sections of sentences, each cited by document and [start, end) character span")
            .Produces<BriefingItem>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/stories/{id}/timeline", (string id, HttpContext context, StoryService stories, CancellationToken ct) =>
                WithStoryAsync(id, context, stories, v => TypedResults.Ok(v.Timeline.Select(TimelineEventItem.Of).ToList()), ct))
            .WithName("GetTimeline")
            .WithSummary("A story's dated events in time order, merged across sources, each with its source sentences")
            .Produces<List<TimelineEventItem>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/stories/{id}/claims", (string id, HttpContext context, StoryService stories, CancellationToken ct) =>
                WithStoryAsync(id, context, stories, v => TypedResults.Ok(v.Claims.Select(ClaimItem.Of).ToList()), ct))
            .WithName("GetClaims")
            .WithSummary("A story's claims ledger as `storyline claims --json` writes it: claims ranked by how contested and prominent, each with its statements and their stance (asserts, denies, questions, reports)")
            .Produces<List<ClaimItem>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, StoryService stories, CancellationToken ct)
    {
        return TypedResults.Ok((await stories.ListAsync(ct).ConfigureAwait(false)).Select(s => StoryListItem.Of(s.Story, s.Camps)).ToList());
    }

    private static async Task<IResult> WithStoryAsync(string id, HttpContext context, StoryService stories, Func<StoryView, IResult> answer, CancellationToken ct)
    {
        if (Access.ParseId(id) is not { } storyId) return BadStoryId(id);
        var view = await stories.GetAsync(storyId, ct).ConfigureAwait(false);
        return view is null ? UnknownStory(storyId) : answer(view);
    }

    /// <summary>The 400 answer for a story id that is not a number.</summary>
    public static IResult BadStoryId(string id) =>
        Problems.Result(StatusCodes.Status400BadRequest, "Invalid story id", $"'{Access.Shorten(id)}' is not a story id (a positive whole number).");

    /// <summary>The 404 answer for an id with no story.</summary>
    public static IResult UnknownStory(long id) =>
        Problems.Result(StatusCodes.Status404NotFound, "Unknown story", string.Create(CultureInfo.InvariantCulture, $"There is no story {id} in the store."));
}
