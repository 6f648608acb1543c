using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace Storyline.Web.Apis;

/// <summary>RFC 7807 problem responses with one-line titles and details.</summary>
public static class Problems
{
    /// <summary>A problem result for an endpoint.</summary>
    public static IResult Result(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    /// <summary>Writes a problem directly (middleware and filters that run outside an endpoint's result).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = string.IsNullOrEmpty(detail) ? null : detail },
        }).ConfigureAwait(false);
    }

    /// <summary>Explains the bare statuses the framework answers before any handler runs (no route, wrong method, not JSON).</summary>
    public static Task ForStatusCodeAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var (title, detail) = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ("Not found", $"There is no API endpoint {http.Request.Method} {http.Request.Path}."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed", $"{http.Request.Path} does not take {http.Request.Method}."),
            StatusCodes.Status415UnsupportedMediaType => ("JSON expected", "Send the request body as application/json."),
            StatusCodes.Status413PayloadTooLarge => ("Request too large", "The request body is over the size limit."),
            StatusCodes.Status429TooManyRequests => ("Too many requests", "This client has used its requests for the minute; try again shortly."),
            var other => (ReasonPhrases.GetReasonPhrase(other), ""),
        };
        return WriteAsync(http, http.Response.StatusCode, title, detail);
    }

    /// <summary>True for requests to the JSON API, which answer errors as problem details rather than pages.</summary>
    public static bool IsApi(HttpRequest request) => IsApi(request.Path);

    /// <summary>Whether a path is the API's.</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api");
}
