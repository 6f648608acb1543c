using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Storyline.Web.Apis;

namespace Storyline.Web.Services;

/// <summary>Per-client fixed-window limits on writes (and sign-in attempts) and on searches, with the built-in rate limiter.</summary>
public static class RateLimits
{
    /// <summary>Ingesting and signing in.</summary>
    public const string Writes = "writes";

    /// <summary>Full-text search.</summary>
    public const string Search = "search";

    /// <summary>Registers both policies and the 429 answer.</summary>
    public static IServiceCollection AddStorylineRateLimits(this IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(Writes, context => PerClient(context, o => o.WritesPerMinute));
        limiter.AddPolicy(Search, context => PerClient(context, o => o.SearchesPerMinute));
        limiter.OnRejected = async (rejected, ct) =>
        {
            var http = rejected.HttpContext;
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
            http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            // Pages get the status code page; API clients get a problem.
            if (Problems.IsApi(http.Request))
                await Problems.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests", $"This client has used its requests for the minute; try again in {wait} s.").ConfigureAwait(false);
        };
    });

    private static RateLimitPartition<string> PerClient(HttpContext context, Func<WebOptions, int> permits)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value;
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits(options),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
