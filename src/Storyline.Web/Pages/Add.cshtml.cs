using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Storyline.Ingestion;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>Add coverage: paste text, give a URL or feed, or upload files; each input's outcome is listed.</summary>
[EnableRateLimiting(RateLimits.Writes)]
[RequestFormLimits(ValueCountLimit = 64)]
public sealed class AddModel(IngestService ingest, IngestJobs jobs, ApiKeys keys, IOptions<WebOptions> options) : PageModel
{
    /// <summary>Most files one upload takes.</summary>
    public const int MaxFiles = 50;

    /// <summary>Pasted article text.</summary>
    [BindProperty] public string? Text { get; set; }
    /// <summary>Headline of the pasted text.</summary>
    [BindProperty] public string? PasteTitle { get; set; }
    /// <summary>Publisher of the pasted text.</summary>
    [BindProperty] public string? Source { get; set; }
    /// <summary>Publication date of the pasted text.</summary>
    [BindProperty] public string? Published { get; set; }
    /// <summary>A page or feed URL.</summary>
    [BindProperty] public string? FeedUrl { get; set; }
    /// <summary>Uploaded files.</summary>
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    /// <summary>Outcomes of the last submission.</summary>
    public IReadOnlyList<IngestResult> Results { get; private set; } = [];

    /// <summary>A one-line problem with the submission, if any.</summary>
    public string? Problem { get; private set; }

    /// <summary>Why this browser may not add coverage, or null when it may.</summary>
    public string? Locked => !keys.Configured
        ? "Adding coverage is disabled: the operator has not configured an API key (STORYLINE_API_KEY)."
        : keys.CheckSession(Request) != KeyCheck.Accepted ? "Sign in with the API key to add coverage." : null;

    /// <summary>True when a key is configured and this browser has not signed in with it.</summary>
    public bool NeedsSignIn => keys.Configured && keys.CheckSession(Request) != KeyCheck.Accepted;

    /// <summary>Whether URLs on private addresses may be fetched.</summary>
    public bool AllowPrivateUrls => options.Value.AllowPrivateUrls;

    /// <summary>Largest input, for the form's hint.</summary>
    public long MaxInputBytes => options.Value.MaxInputBytes;

    /// <summary>Shows the forms.</summary>
    public void OnGet() { }

    /// <summary>Ingests pasted text.</summary>
    public async Task<IActionResult> OnPostPasteAsync(CancellationToken cancellationToken)
    {
        if (Refuse() is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(Text)) return Fail("Paste the article's text first.");
        if (!IngestService.TryParsePublished(Published, out var published)) return Fail($"“{Published}” is not a date; use a form like 2020-07-10.");
        Results = await ingest.IngestTextAsync(Text, PasteTitle, Source, published, cancellationToken).ConfigureAwait(false);
        return Done();
    }

    /// <summary>Starts ingesting a page or feed URL (a feed can bring many items) and shows the batch's progress page.</summary>
    public async Task<IActionResult> OnPostUrlAsync(CancellationToken cancellationToken)
    {
        if (Refuse() is { } refused) return refused;
        if (!IngestService.IsHttpUrl(FeedUrl)) return Fail("Give an absolute http:// or https:// URL.");
        var url = FeedUrl!.Trim();
        var job = await jobs.StartAsync(url, (onResult, ct) => ingest.IngestUrlAsync(url, onResult, ct), cancellationToken).ConfigureAwait(false);
        return job is null ? Busy() : RedirectToPage("/AddJob", new { id = job });
    }

    /// <summary>Reads uploaded files and starts ingesting them; shows the batch's progress page.</summary>
    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        if (Refuse() is { } refused) return refused;
        if (Files.Count == 0) return Fail("Choose one or more files to upload.");
        if (Files.Count > MaxFiles) return Fail($"{Files.Count} files; upload at most {MaxFiles} at a time.");
        var uploads = new List<Upload>();
        foreach (var file in Files)
        {
            var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
            if (file.Length > MaxInputBytes)
            {
                uploads.Add(new Upload(name, [], $"file is {file.Length:N0} bytes, over the {MaxInputBytes:N0}-byte limit"));
                continue;
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            uploads.Add(new Upload(name, buffer.ToArray()));
        }
        // Read within the request; ingested in the background while the progress page follows each file.
        var job = await jobs.StartAsync(uploads.Count == 1 ? uploads[0].FileName : $"{uploads.Count} files",
            (onResult, ct) => ingest.IngestUploadsAsync(uploads, onResult, ct), cancellationToken).ConfigureAwait(false);
        return job is null ? Busy() : RedirectToPage("/AddJob", new { id = job });
    }

    private PageResult Busy()
    {
        Problem = "Too many batches are waiting to be added; try again in a minute.";
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return Page();
    }

    private PageResult? Refuse()
    {
        if (Locked is null) return null;
        Problem = Locked;
        Response.StatusCode = keys.Configured ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        return Page();
    }

    private PageResult Fail(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private PageResult Done()
    {
        // The forms start empty again; the results say what happened to what was sent.
        Text = PasteTitle = Source = Published = FeedUrl = null;
        ModelState.Clear();
        return Page();
    }
}
