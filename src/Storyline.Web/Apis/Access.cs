using Storyline.Web.Services;

namespace Storyline.Web.Apis;

/// <summary>Route-value parsing and the answers every API handler shares (access is the authorization policies' job: <see cref="Services.AccessPolicies"/>).</summary>
public static class Access
{
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
