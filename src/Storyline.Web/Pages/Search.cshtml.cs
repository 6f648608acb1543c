using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Storyline.Documents;
using Storyline.Storage;
using Storyline.Web.Apis;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>Full-text search with highlighted snippets, and statements filtered by words, speaker, camp and dates.</summary>
[EnableRateLimiting(RateLimits.Search)]
public sealed class SearchModel(StoreFactory stores) : PageModel
{
    /// <summary>Most statements shown.</summary>
    public const int MaxStatements = 100;

    /// <summary>The query as typed.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>Only statements by this speaker.</summary>
    [BindProperty(SupportsGet = true, Name = "speaker")]
    public string? Speaker { get; set; }

    /// <summary>Only statements of this camp.</summary>
    [BindProperty(SupportsGet = true, Name = "camp")]
    public string? Camp { get; set; }

    /// <summary>Only statements published on or after this day (yyyy-MM-dd).</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    /// <summary>Only statements published on or before this day (yyyy-MM-dd).</summary>
    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    /// <summary>The document hits, best first.</summary>
    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    /// <summary>The statement hits, newest first.</summary>
    public IReadOnlyList<StatementHit> Statements { get; private set; } = [];

    /// <summary>Camps to choose from.</summary>
    public IReadOnlyList<string> Camps { get; private set; } = [];

    /// <summary>Speakers whose name matches the speaker filter exactly (a link to their page).</summary>
    public string? Person { get; private set; }

    /// <summary>True when a search was run.</summary>
    public bool Searched { get; private set; }

    /// <summary>A one-line problem with the query, if any.</summary>
    public string? Problem { get; private set; }

    /// <summary>Runs the search when a query or filter is given.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The speakers' camps from one grouped query: listing the speakers read every statement on every view.
        Camps = await store.ListSpeakerCampsAsync(cancellationToken).ConfigureAwait(false);
        if (!StatementFilters.Any(Query, Speaker, Camp, From, To)) return;
        var (query, title, detail) = StatementFilters.Parse(Query, Speaker, Camp, From, To, null, MaxStatements);
        if (query is null)
        {
            Problem = $"{title}: {detail}";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Searched = true;
        // Words search the articles too; filters alone only make sense for statements.
        if (!string.IsNullOrWhiteSpace(Query) && !StatementFilters.Any(Speaker, Camp, From, To))
            Hits = await store.SearchAsync(Query, 50, cancellationToken).ConfigureAwait(false);
        Statements = await store.FindStatementsAsync(query, cancellationToken).ConfigureAwait(false);
        if (query.Speaker is { } name)
        {
            // Only when no statement names the speaker are all speakers listed, to find one by name.
            Person = Statements.Select(s => s.Statement.Speaker).FirstOrDefault()
                ?? (await SpeakerDirectory.For(store).ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                    .FirstOrDefault(s => string.Equals(s.Speaker, name, StringComparison.OrdinalIgnoreCase))?.Speaker;
        }
    }
}
