using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Storyline.Web.Tests;

/// <summary>The app on real Kestrel (127.0.0.1, free port) and Debian's Chromium driven by Playwright; Playwright never downloads a browser.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>True when running in CI, where a missing Chromium is a failure rather than a skip.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the browser tests can run here.</summary>
    public static bool ChromiumInstalled => File.Exists(ChromiumPath);

    /// <summary>Where screenshots go: TestResults/screenshots under the test output directory.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public WebHost Host { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? _playwright;
    private Task<long>? _samples;

    /// <summary>Ingests the xinjiang samples once (through the web ingest service); the story most of them joined.</summary>
    public Task<long> SamplesStoryAsync() => _samples ??= SamplesFixture.IngestSamplesAsync(Host);

    public async Task InitializeAsync()
    {
        if (!ChromiumInstalled)
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run 'apt-get install -y chromium' (.ci/run installs it in CI).");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Directory.CreateDirectory(Screenshots);
        Host.UseKestrel(0);
        Host.StartServer();
        var addresses = Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (own cookies) and page, with console errors and dialogs recorded.</summary>
    public async Task<(IPage Page, List<string> ConsoleErrors, List<string> Dialogs)> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        var dialogs = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.Dialog += async (_, dialog) => { dialogs.Add(dialog.Message); await dialog.DismissAsync(); };
        return (page, errors, dialogs);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>A browser test: skipped only when Chromium is missing outside CI; in CI (CI=true) it runs and fails with the install hint.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!BrowserFixture.ChromiumInstalled && !BrowserFixture.InCi)
            Skip = $"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium)";
    }
}
