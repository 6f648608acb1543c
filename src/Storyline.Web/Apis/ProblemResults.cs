using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Storyline.Web.Apis;

/// <summary>A problem-details answer with a fixed status, typed so that <c>Results&lt;…&gt;</c> puts that status in the OpenAPI document
/// (the framework's <see cref="ProblemHttpResult"/> carries no status in its type; <c>BadRequest&lt;ProblemDetails&gt;</c> answers plain JSON,
/// not <c>application/problem+json</c>).</summary>
public abstract class ProblemResult : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>, IContentTypeHttpResult
{
    private readonly ProblemHttpResult _problem;

    private protected ProblemResult(int status, string title, string detail) =>
        _problem = TypedResults.Problem(title: title, detail: detail, statusCode: status);

    /// <summary>The problem written.</summary>
    public ProblemDetails Value => _problem.ProblemDetails;

    /// <summary>Its title and detail, for answers written outside an endpoint's result (the exception handler) in the same words.</summary>
    public (string Title, string Detail) Words => (_problem.ProblemDetails.Title ?? "", _problem.ProblemDetails.Detail ?? "");

    object? IValueHttpResult.Value => _problem.ProblemDetails;

    /// <inheritdoc />
    public int? StatusCode => _problem.StatusCode;

    /// <inheritdoc />
    public string? ContentType => _problem.ContentType;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) => _problem.ExecuteAsync(httpContext);

    private protected static void Describe(EndpointBuilder builder, int status)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
    }
}

/// <summary>400: a request value that is malformed or out of range.</summary>
public sealed class BadRequestProblem(string title, string detail) : ProblemResult(StatusCodes.Status400BadRequest, title, detail), IEndpointMetadataProvider
{
    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status400BadRequest);
}

/// <summary>404: no such document or story.</summary>
public sealed class NotFoundProblem(string title, string detail) : ProblemResult(StatusCodes.Status404NotFound, title, detail), IEndpointMetadataProvider
{
    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status404NotFound);
}

/// <summary>413: a request body over the size limit.</summary>
public sealed class TooLargeProblem(string title, string detail) : ProblemResult(StatusCodes.Status413PayloadTooLarge, title, detail), IEndpointMetadataProvider
{
    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status413PayloadTooLarge);
}

/// <summary>415: a body that is not JSON.</summary>
public sealed class UnsupportedMediaTypeProblem(string title, string detail) : ProblemResult(StatusCodes.Status415UnsupportedMediaType, title, detail), IEndpointMetadataProvider
{
    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status415UnsupportedMediaType);
}
