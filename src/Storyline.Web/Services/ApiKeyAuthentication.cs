using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Storyline.Web.Apis;

namespace Storyline.Web.Services;

/// <summary>Authenticates API requests by the operator's key (<c>X-Api-Key</c> header or a bearer token); its challenge answers the
/// API's 401/403 problem details, naming where a wrong key came from.</summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(keys.CheckHeader(Request) switch
    {
        KeyCheck.Accepted => AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key")], SchemeName)), SchemeName)),
        KeyCheck.Wrong => AuthenticateResult.Fail("the presented key is not the configured API key"),
        _ => AuthenticateResult.NoResult(),
    });

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        switch (keys.CheckHeader(Request))
        {
            case KeyCheck.NotConfigured:
                return Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Writes are disabled",
                    "The operator has not configured an API key (Storyline:ApiKey or STORYLINE_API_KEY), so nothing can be written.");
            case KeyCheck.Wrong:
                // Name where the wrong key came from: a client sending a bearer token has no X-Api-Key header to fix.
                var where = Request.Headers.ContainsKey(ApiKeys.HeaderName) ? $"The key in the {ApiKeys.HeaderName} header" : "The bearer token in the Authorization header";
                return Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "API key not accepted", $"{where} is not the configured API key.");
            default:
                Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeys.HeaderName}\"";
                return Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "API key required",
                    $"Send the operator's API key in the {ApiKeys.HeaderName} header.");
        }
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => HandleChallengeAsync(properties);
}

/// <summary>The API's two access policies: writes need the key; reads need it only when the operator says so (Storyline:RequireKeyForReads).</summary>
public static class AccessPolicies
{
    /// <summary>Reading documents, stories, statements and search.</summary>
    public const string Read = "read";

    /// <summary>Ingesting.</summary>
    public const string Write = "write";

    /// <summary>Registers the scheme and both policies.</summary>
    public static IServiceCollection AddStorylineAccess(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthentication.SchemeName).AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, ReadAccessHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Write, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(Read, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).AddRequirements(new ReadAccess()));
        return services;
    }

    /// <summary>Met by an authenticated caller, or by anyone while reads are open.</summary>
    private sealed class ReadAccess : IAuthorizationRequirement;

    private sealed class ReadAccessHandler(ApiKeys keys) : AuthorizationHandler<ReadAccess>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadAccess requirement)
        {
            if (!keys.ReadsNeedKey || context.User.Identity?.IsAuthenticated == true) context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
