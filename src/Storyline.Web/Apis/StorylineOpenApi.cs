using Microsoft.OpenApi;
using Storyline.Web.Services;

namespace Storyline.Web.Apis;

/// <summary>The OpenAPI document describing /api, generated from the endpoints' metadata.</summary>
public static class StorylineOpenApi
{
    /// <summary>Where the document is served.</summary>
    public const string Path = "/api/openapi.json";

    /// <summary>Registers the document with its title, description and API-key scheme.</summary>
    public static IServiceCollection AddStorylineOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Storyline API",
                Version = "v1",
                Description = "Read the stored coverage and add more. Reads are public unless the operator requires the key for them; " +
                    $"writes always need the operator's API key in the {ApiKeys.HeaderName} header. Errors are RFC 7807 problem details.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeys.HeaderName,
                Description = "The operator's API key (Storyline:ApiKey or STORYLINE_API_KEY).",
            };
            return Task.CompletedTask;
        });
    });
}
