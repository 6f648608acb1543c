using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Ingestion;
using Storyline.Storage;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>A background ingest batch's progress: each input's outcome as it is known, the page reloading itself (meta refresh) until done.</summary>
public sealed class AddJobModel(IngestJobs jobs) : PageModel
{
    /// <summary>Seconds between reloads while the batch runs.</summary>
    public const int RefreshSeconds = 1;

    /// <summary>The batch, as the store had it when the page was asked for (one snapshot: the head, refreshing or not, and the body agree).</summary>
    public IngestJobState Job { get; private set; } = null!;

    /// <summary>Whether the batch had ended.</summary>
    public bool Finished => Job.Finished;

    /// <summary>Its outcomes so far.</summary>
    public IReadOnlyList<IngestResult> Results => Job.Results;

    /// <summary>Shows the batch; 404 for an unknown (or forgotten) one.</summary>
    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await jobs.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } job) return NotFound();
        Job = job;
        return Page();
    }
}
