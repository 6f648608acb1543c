using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Ingestion;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>A background ingest batch's progress: each input's outcome as it is known, the page reloading itself (meta refresh) until done.</summary>
public sealed class AddJobModel(IngestJobs jobs) : PageModel
{
    /// <summary>Seconds between reloads while the batch runs.</summary>
    public const int RefreshSeconds = 1;

    /// <summary>The batch.</summary>
    public IngestJob Job { get; private set; } = null!;

    /// <summary>Whether the batch had finished when the page was asked for (read before <see cref="Results"/>, so a finished batch shows every outcome).</summary>
    public bool Finished { get; private set; }

    /// <summary>A snapshot of its outcomes.</summary>
    public IReadOnlyList<IngestResult> Results { get; private set; } = [];

    /// <summary>Shows the batch; 404 for an unknown (or forgotten) one.</summary>
    public IActionResult OnGet(string id)
    {
        if (jobs.Get(id) is not { } job) return NotFound();
        Job = job;
        // One snapshot for the whole page: the head (refresh or not) and the body must agree.
        Finished = job.Finished;
        Results = job.Results;
        return Page();
    }
}
