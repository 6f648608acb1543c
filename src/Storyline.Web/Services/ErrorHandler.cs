using Microsoft.AspNetCore.Diagnostics;
using Storyline.Web.Apis;

namespace Storyline.Web.Services;

/// <summary>Turns exceptions into problem details for the API (pages fall through to the error page).</summary>
public sealed class ErrorHandler(ILogger<ErrorHandler> logger, Microsoft.Extensions.Options.IOptions<WebOptions> options) : IExceptionHandler
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
        var path = failedPath is null ? httpContext.Request.Path : new PathString(failedPath);
        if (!Problems.IsApi(path)) return false;
        var (title, detail) = status switch
        {
            // A query or route value that is not of its parameter's type: worded as the endpoint words a value out of range.
            StatusCodes.Status400BadRequest when Problems.ForBindFailure(path, exception) is { } bind => bind,
            // Kestrel's body limit (a chunked body has no length to refuse up front) and the form limits are both MaxRequestBytes.
            StatusCodes.Status413PayloadTooLarge => ("Request too large", IngestApi.TooLargeDetail(options.Value.MaxRequestBytes)),
            >= 500 => ("Internal error", "Something went wrong on the server; its log has the details."),
            _ => ("Bad request", Access.Shorten(exception.Message)),
        };
        await Problems.WriteAsync(httpContext, status, title, detail).ConfigureAwait(false);
        return true;
    }
}
