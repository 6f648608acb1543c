using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Storyline.Web;
using Storyline.Web.Services;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline serve</c>: the web app and JSON API over the same store as the other commands.</summary>
internal static class ServeCommand
{
    private static Option<string> UrlsOption() => new("--urls")
    {
        Description = "Addresses to listen on, separated by ';' (port 0 picks a free one)",
        DefaultValueFactory = _ => "http://127.0.0.1:5080",
    };

    private static Option<bool> AllowPrivateOption() => new("--allow-private")
    {
        Description = "Let 'Add coverage' fetch URLs on loopback, link-local and private addresses (also Storyline:AllowPrivateUrls)",
    };

    /// <summary>Reverse proxies whose forwarded headers are believed.</summary>
    private static Option<string?> TrustedProxiesOption() => new("--trusted-proxies")
    {
        Description = "Comma-separated IP addresses of reverse proxies whose X-Forwarded-For is believed, besides loopback (also Storyline:TrustedProxies)",
    };

    public static Command Create(CliContext context)
    {
        var urls = UrlsOption();
        var allowPrivate = AllowPrivateOption();
        var trustedProxies = TrustedProxiesOption();
        var command = new Command("serve", "Serve the web pages and the JSON API (/api, described at /api/openapi.json)") { urls, allowPrivate, trustedProxies };
        command.SetAction((parse, ct) => RunAsync(context, parse, parse.GetValue(urls)!, parse.GetValue(allowPrivate), parse.GetValue(trustedProxies), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, string urls, bool allowPrivate, string? trustedProxies, CancellationToken ct)
    {
        var location = context.StoreLocation(parse);
        var store = StorylineStores.IsPostgres(location) ? location : Path.GetFullPath(location);
        var settings = new Dictionary<string, string?> { ["Storyline:Store"] = store };
        if (allowPrivate) settings["Storyline:AllowPrivateUrls"] = "true";
        if (trustedProxies is { Length: > 0 } proxies) settings["Storyline:TrustedProxies"] = proxies;
        // The API key is never a command-line option (it would show in the process list): configuration or STORYLINE_API_KEY only.
        await using var app = StorylineWebApp.Build(["--urls", urls], settings, AppContext.BaseDirectory);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            context.WriteError("serve", e.Message);
            return 2;
        }
        catch (IOException e)
        {
            context.WriteError("serve", $"cannot listen: {e.Message}");
            return 1;
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var options = app.Services.GetRequiredService<IOptions<WebOptions>>().Value;
        await context.Out.WriteLineAsync($"serving {store} at {string.Join(", ", addresses)} (Ctrl+C stops)").ConfigureAwait(false);
        if (!options.HasApiKey)
            await context.Out.WriteLineAsync("writes are disabled: set STORYLINE_API_KEY (or Storyline:ApiKey) to allow adding coverage").ConfigureAwait(false);
        await context.Out.FlushAsync(ct).ConfigureAwait(false);

        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }
}
