using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace Storyline.Web.Apis;

/// <summary>RFC 7807 problem responses with one-line titles and details.</summary>
public static class Problems
{
    // The framework's wording of a value that does not parse as its parameter's type (RequestDelegateFactory, since .NET 6);
    // a test (limit=abc answers "Invalid limit") catches a change of it.
    private static readonly Regex BindFailure = new("^Failed to bind parameter \"(?<type>.*) (?<name>[^\" ]+)\" from \"(?<value>.*)\"\\.$",
        RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The title and detail for a query or route value that did not bind to its typed parameter (the request records in
    /// <see cref="ApiRequests"/>, the route ids), worded as the endpoints word an out-of-range value; null for any other exception.</summary>
    public static (string Title, string Detail)? ForBindFailure(PathString path, Exception exception)
    {
        if (exception is not BadHttpRequestException || BindFailure.Match(exception.Message) is not { Success: true } match) return null;
        var name = match.Groups["name"].Value.ToLowerInvariant();
        var raw = match.Groups["value"].Value;
        var value = Access.Shorten(raw);
        var story = path.StartsWithSegments("/api/stories");
        // Ids and offsets in the words the endpoints use for a value out of range.
        return name switch
        {
            "limit" => ("Invalid limit", $"limit: '{value}' is not a whole number."),
            "offset" => ApiRequests.BadOffset().Words,
            "story" or "id" when name == "story" || story => StoriesApi.BadStoryId(raw).Words,
            "id" => Access.BadId(raw).Words,
            _ => ("Invalid value", $"{name}: '{value}' is not a value of the expected type."),
        };
    }

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
