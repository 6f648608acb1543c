using Microsoft.AspNetCore.Http.HttpResults;
using Storyline.Pipeline.Analysis;
using Storyline.Web.Services;

namespace Storyline.Web.Apis;

/// <summary><c>GET /healthz</c>: whether the store answers, and how much analysis is queued, for a load balancer or an operator.</summary>
public static class HealthApi
{
    // Only the stages' names and versions are read (nothing runs), so one pipeline serves every request instead of building the
    // recognisers and resolvers anew each time.
    private static readonly Lazy<AnalysisPipeline> Stages = new(AnalysisPipeline.CreateDefault);

    /// <summary>The health answer.</summary>
    /// <param name="Status"><c>ok</c>, or <c>unavailable</c> when the store cannot be read.</param>
    /// <param name="Documents">Documents stored.</param>
    /// <param name="PendingAnalysis">Documents with an analysis stage missing or outdated (the analysis queue's depth).</param>
    /// <param name="Error">Why the store is unavailable (one line), when it is.</param>
    /// <param name="QueueDepth">Documents queued for worker processes (<c>storyline worker</c>), claimed or not.</param>
    public sealed record Health(string Status, int? Documents, int? PendingAnalysis, string? Error = null, int? QueueDepth = null);

    /// <summary>Maps <c>/healthz</c> (no key needed: it reveals counts only).</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async Task<Results<Ok<Health>, JsonHttpResult<Health>>> (StoreFactory stores, CancellationToken ct) =>
            {
                try
                {
                    await using var store = await stores.OpenAsync(ct).ConfigureAwait(false);
                    var documents = await store.CountAsync(ct).ConfigureAwait(false);
                    var pending = (await DocumentAnalyzer.For(store, Stages.Value).FindOutdatedAsync(ct).ConfigureAwait(false)).Count;
                    var queued = await store.QueueDepthAsync(ct).ConfigureAwait(false);
                    return TypedResults.Ok(new Health("ok", documents, pending, QueueDepth: queued));
                }
                catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
                {
                    return TypedResults.Json(new Health("unavailable", null, null, e.Message.Split('\n')[0]), statusCode: StatusCodes.Status503ServiceUnavailable);
                }
            })
            .WithName("Health")
            .WithSummary("Store reachable, documents stored, documents waiting for analysis and the workers' queue depth")
            // A JSON result carries no status in its type: the 503 is declared here.
            .Produces<Health>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
