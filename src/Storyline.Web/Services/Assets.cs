using System.Security.Cryptography;

namespace Storyline.Web.Services;

/// <summary>The self-hosted stylesheet, embedded in the assembly and served with a content-hash URL.</summary>
public static class Assets
{
    private static readonly Lazy<byte[]> Css = new(() =>
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream("Storyline.Web.site.css")
            ?? throw new InvalidOperationException("site.css is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    /// <summary>The stylesheet's URL; the query changes whenever the file does, so it can be cached for long.</summary>
    public static string CssUrl { get; } = "/assets/site.css?v=" + Convert.ToHexStringLower(SHA256.HashData(Css.Value))[..12];

    /// <summary>Maps <c>GET /assets/site.css</c>.</summary>
    public static void MapAssets(this IEndpointRouteBuilder app) =>
        app.MapGet("/assets/site.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=86400";
            return TypedResults.Bytes(Css.Value, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
}
