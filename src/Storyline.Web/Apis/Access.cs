using Storyline.Web.Services;

namespace Storyline.Web.Apis;

/// <summary>The document answers the API handlers share; ids bind as numbers (one that is not is answered by <see cref="Problems.ForBindFailure"/>), and access is the authorization policies' job (<see cref="Services.AccessPolicies"/>).</summary>
public static class Access
{
    /// <summary>The 400 answer for an id that is not a positive whole number.</summary>
    public static BadRequestProblem BadId(string id) => new("Invalid document id", $"'{Shorten(id)}' is not a document id (a positive whole number).");

    /// <summary>The 404 answer for an id with no document.</summary>
    public static NotFoundProblem UnknownDocument(long id) =>
        new("Unknown document", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"There is no document {id} in the store."));

    /// <summary>Cuts user input echoed in an error message to a readable length.</summary>
    public static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
