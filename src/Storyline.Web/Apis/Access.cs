using Storyline.Web.Services;

namespace Storyline.Web.Apis;

/// <summary>The key check at the top of every API handler (before the body is read, so a stranger's request costs nothing).</summary>
public static class Access
{
    /// <summary>Null when the request may go on; otherwise the 401/403 problem to answer with.</summary>
    public static IResult? Check(HttpContext context, bool write)
    {
        var keys = context.RequestServices.GetRequiredService<ApiKeys>();
        if (!write && !keys.ReadsNeedKey) return null;
        switch (keys.CheckHeader(context.Request))
        {
            case KeyCheck.Accepted:
                return null;
            case KeyCheck.NotConfigured:
                return Problems.Result(StatusCodes.Status403Forbidden, "Writes are disabled",
                    "The operator has not configured an API key (Storyline:ApiKey or STORYLINE_API_KEY), so nothing can be written.");
            case KeyCheck.Missing:
                context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeys.HeaderName}\"";
                return Problems.Result(StatusCodes.Status401Unauthorized, "API key required",
                    $"Send the operator's API key in the {ApiKeys.HeaderName} header.");
            default:
                // Name where the wrong key came from: a client sending a bearer token has no X-Api-Key header to fix.
                var where = context.Request.Headers.ContainsKey(ApiKeys.HeaderName) ? $"The key in the {ApiKeys.HeaderName} header" : "The bearer token in the Authorization header";
                return Problems.Result(StatusCodes.Status403Forbidden, "API key not accepted", $"{where} is not the configured API key.");
        }
    }

    /// <summary>Parses a document id from the route; null when it is not a positive whole number.</summary>
    public static long? ParseId(string id) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    /// <summary>The 400 answer for an id that is not a number.</summary>
    public static IResult BadId(string id) =>
        Problems.Result(StatusCodes.Status400BadRequest, "Invalid document id", $"'{Shorten(id)}' is not a document id (a positive whole number).");

    /// <summary>The 404 answer for an id with no document.</summary>
    public static IResult UnknownDocument(long id) =>
        Problems.Result(StatusCodes.Status404NotFound, "Unknown document", $"There is no document {id} in the store.");

    /// <summary>Cuts user input echoed in an error message to a readable length.</summary>
    public static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
