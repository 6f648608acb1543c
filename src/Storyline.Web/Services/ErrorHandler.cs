using Microsoft.AspNetCore.Diagnostics;
using Storyline.Web.Apis;

namespace Storyline.Web.Services;

/// <summary>Turns exceptions into problem details for the API (pages fall through to the error page).</summary>
public sealed class ErrorHandler(ILogger<ErrorHandler> logger) : IExceptionHandler
{
    /// <summary>The status an exception maps to: the framework's own for bad requests (413 for oversized bodies), else 500.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status413PayloadTooLarge, // multipart limits
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var status = StatusFor(exception);
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Path}", httpContext.Request.Path);
        // The middleware has already rewritten the path to its error page when handlers run: decide on the path that failed.
        var failedPath = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        if (!Problems.IsApi(failedPath is null ? httpContext.Request.Path : new PathString(failedPath))) return false;
        var (title, detail) = status switch
        {
            StatusCodes.Status413PayloadTooLarge => ("Request too large", "The request body is over the size limit."),
            >= 500 => ("Internal error", "Something went wrong on the server; its log has the details."),
            _ => ("Bad request", Access.Shorten(exception.Message)),
        };
        await Problems.WriteAsync(httpContext, status, title, detail).ConfigureAwait(false);
        return true;
    }
}
