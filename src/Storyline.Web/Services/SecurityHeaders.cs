using Microsoft.Extensions.Options;
using Storyline.Web.Apis;

namespace Storyline.Web.Services;

/// <summary>Security headers on every response, and an early 413 for bodies declared too large.</summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<WebOptions> options)
{
    /// <summary>No inline script or style anywhere: the pages use one self-hosted stylesheet and no JavaScript.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>Adds the headers (unless an endpoint set a stricter one) and refuses oversized bodies before anything reads them.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var response = context.Response;
        // OnStarting, so the headers survive the exception handler clearing the response.
        response.OnStarting(() =>
        {
            var h = response.Headers;
            if (!h.ContainsKey("Content-Security-Policy")) h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Cross-Origin-Resource-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            return Task.CompletedTask;
        });

        var max = options.Value.MaxRequestBytes;
        if (context.Request.ContentLength > max)
        {
            // Connection: close, so the unread body is not left on a kept-alive connection.
            response.Headers.Connection = "close";
            if (Problems.IsApi(context.Request))
                await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large",
                    $"The request body is {context.Request.ContentLength:N0} bytes, over the {max:N0}-byte limit.").ConfigureAwait(false);
            else
                response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        await next(context).ConfigureAwait(false);
    }
}
