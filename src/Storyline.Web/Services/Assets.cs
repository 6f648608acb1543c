using System.Security.Cryptography;

namespace Storyline.Web.Services;

/// <summary>The self-hosted stylesheet and icon, embedded in the assembly and served with content-hash URLs.</summary>
public static class Assets
{
    private static readonly Lazy<byte[]> Css = new(() => Read("Storyline.Web.site.css"));
    private static readonly Lazy<byte[]> Icon = new(() => Read("Storyline.Web.icon.svg"));

    /// <summary>The stylesheet's URL; the query changes whenever the file does, so it can be cached for long.</summary>
    public static string CssUrl { get; } = "/assets/site.css?v=" + Hash(Css.Value);

    /// <summary>The icon's URL (linked from every page, so browsers do not ask for /favicon.ico).</summary>
    public static string IconUrl { get; } = "/assets/icon.svg?v=" + Hash(Icon.Value);

    /// <summary>Maps <c>GET /assets/site.css</c> and <c>GET /assets/icon.svg</c>.</summary>
    public static void MapAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/site.css", (HttpContext context) => Serve(context, Css.Value, "text/css; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/assets/icon.svg", (HttpContext context) => Serve(context, Icon.Value, "image/svg+xml")).ExcludeFromDescription();
    }

    private static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult Serve(HttpContext context, byte[] content, string type)
    {
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.Bytes(content, type);
    }

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..12];

    private static byte[] Read(string name)
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
