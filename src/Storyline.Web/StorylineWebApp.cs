using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Storyline.Ingestion;
using Storyline.Web.Apis;
using Storyline.Web.Services;

namespace Storyline.Web;

/// <summary>Wires the web app: services, middleware, the JSON API under /api, the OpenAPI document and the pages.</summary>
public sealed class StorylineWebApp
{
    private StorylineWebApp() { }

    /// <summary>Environment variables read as shorthands for the <c>Storyline</c> configuration keys.</summary>
    public static readonly IReadOnlyDictionary<string, string> EnvironmentShorthands = new Dictionary<string, string>
    {
        ["STORYLINE_STORE"] = "Storyline:Store",
        ["STORYLINE_API_KEY"] = "Storyline:ApiKey",
        ["STORYLINE_REQUIRE_KEY_FOR_READS"] = "Storyline:RequireKeyForReads",
        ["STORYLINE_ALLOW_PRIVATE_URLS"] = "Storyline:AllowPrivateUrls",
        ["STORYLINE_TRUSTED_PROXIES"] = "Storyline:TrustedProxies",
        ["STORYLINE_CACHE_STORIES"] = "Storyline:CacheStories",
        ["STORYLINE_USE_WORKERS"] = "Storyline:UseWorkers",
    };

    /// <summary>Builds the app from command-line arguments, configuration and (last, winning) <paramref name="settings"/>.</summary>
    /// <param name="args">Host arguments (e.g. <c>--urls</c>).</param>
    /// <param name="settings">Configuration that overrides every other source (the CLI's options).</param>
    /// <param name="contentRoot">Content root; the host's current directory when null.</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The pages are compiled into this assembly, whichever program hosts it.
            ApplicationName = typeof(StorylineWebApp).Assembly.GetName().Name,
            ContentRootPath = contentRoot,
        });
        foreach (var (variable, key) in EnvironmentShorthands)
        {
            if (builder.Configuration[key] is null && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
                builder.Configuration[key] = value;
        }
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        // One line per request is noise for an operator; startup, warnings and errors stay.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Likewise the client factory's two lines per fetch; retries (Polly) and failures still show.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        ConfigureServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    /// <summary>The store used when none is configured: the same default as the CLI (<see cref="Storyline.Storage.StoreLocations"/>).</summary>
    public static string DefaultStorePath() => Storyline.Storage.StoreLocations.Default();

    private static void ConfigureServices(IServiceCollection services, ConfigurationManager configuration)
    {
        services.AddOptions<WebOptions>()
            .Bind(configuration.GetSection(WebOptions.Section))
            // Resolved late so that every configuration source (including a test host's) has had its say.
            .PostConfigure(o => { if (string.IsNullOrWhiteSpace(o.Store)) o.Store = DefaultStorePath(); })
            .ValidateDataAnnotations()
            .Validate(o => !o.RequireKeyForReads || o.HasApiKey, "Storyline:RequireKeyForReads needs Storyline:ApiKey (or STORYLINE_API_KEY) to be set")
            .Validate(o => o.TrustedProxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(p => System.Net.IPAddress.TryParse(p, out _)),
                "Storyline:TrustedProxies must be comma-separated IP addresses")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StoreFactory>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<StoryCache>();
        services.AddSingleton<StoryService>();
        services.AddUrlFetcher(sp => IngestService.FetchOptionsOf(sp.GetRequiredService<IOptions<WebOptions>>().Value));
        services.AddSingleton<IngestService>();
        services.AddSingleton<IngestJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestJobs>());
        services.AddHostedService<StoreCatchUp>();
        services.AddHostedService<PageWarmUp>();

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<WebOptions>>((kestrel, web) =>
        {
            kestrel.Limits.MaxRequestBodySize = web.Value.MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });
        services.AddOptions<FormOptions>().Configure<IOptions<WebOptions>>((form, web) =>
        {
            form.MultipartBodyLengthLimit = web.Value.MaxRequestBytes;
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, web.Value.MaxRequestBytes);
        });

        // The CLI's --json settings: one contract for both (Storyline.Contracts).
        services.ConfigureHttpJsonOptions(json => StorylineJson.Apply(json.SerializerOptions));
        services.AddProblemDetails();
        // A query or route value that does not parse as its typed parameter throws (rather than a bare 400 outside production), so that
        // ErrorHandler answers it as problem details naming the value.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ErrorHandler>();
        services.AddStorylineRateLimits();
        services.AddStorylineAccess();
        // Behind a reverse proxy the connection's address is the proxy's: believe its X-Forwarded-For (one hop) so that rate limits and logs see
        // the real client. Only loopback proxies and the configured ones are believed; a client cannot pick its own rate-limit partition.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<WebOptions>>((forwarded, web) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in web.Value.TrustedProxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (System.Net.IPAddress.TryParse(proxy, out var address)) forwarded.KnownProxies.Add(address);
        });
        services.AddStorylineOpenApi();

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "storyline_csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.FormFieldName = "__csrf";
            // SecurityHeaders sends the stricter X-Frame-Options: DENY on every response.
            o.SuppressXFrameOptionsHeader = true;
        });
        // Stories are the home page.
        services.AddRazorPages(o => o.Conventions.AddPageRoute("/Stories", ""))
            .AddApplicationPart(typeof(StorylineWebApp).Assembly)
            .AddMvcOptions(o => o.Filters.Add<SessionGate>());
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = ErrorHandler.StatusFor,
        });
        app.UseWhen(c => Problems.IsApi(c.Request), api => api.UseStatusCodePages(Problems.ForStatusCodeAsync));
        app.UseWhen(c => !Problems.IsApi(c.Request), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseRouting();
        app.UseRateLimiter();
        // After the rate limiter, so that guessing keys is throttled too; before the endpoints, so that a stranger's body is never read.
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapAssets();
        app.MapGroup("/api").WithTags("Storyline").RequireAuthorization(AccessPolicies.Read)
            .MapDocumentsApi()
            .MapSearchApi()
            .MapStoriesApi()
            .MapStatementsApi()
            .MapIngestApi();
        app.MapHealth();
        app.MapOpenApi(StorylineOpenApi.Path);
        app.MapGet("/documents/{id}/original", async Task<IResult> (long id, HttpContext context, ApiKeys keys, StoreFactory stores, CancellationToken ct) =>
                keys.ReadsNeedKey && keys.CheckSession(context.Request) != KeyCheck.Accepted
                    ? TypedResults.Redirect("/signin")
                    : await DocumentsApi.OriginalAsync(id, context, stores, ct).ConfigureAwait(false))
            .ExcludeFromDescription();
        app.MapRazorPages();
    }
}
