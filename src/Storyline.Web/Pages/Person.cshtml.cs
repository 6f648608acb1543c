using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Storage;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>A person or organisation: every statement attributed to them across the store, newest first, each linked to its source.</summary>
public sealed class PersonModel(StoreFactory stores) : PageModel
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Most statements shown.</summary>
    public const int MaxStatements = 500;

    /// <summary>The speaker's name (or entity key) as asked for.</summary>
    [BindProperty(SupportsGet = true, Name = "name")]
    public string? Name { get; set; }

    /// <summary>What the store says about the speaker, when they are quoted.</summary>
    public SpeakerSummary? Summary { get; private set; }

    /// <summary>Their statements, newest document first.</summary>
    public IReadOnlyList<StatementHit> Statements { get; private set; } = [];

    /// <summary>A one-line problem with the request, if any.</summary>
    public string? Problem { get; private set; }

    /// <summary>Loads the statements; without a name, sends the reader to the people list.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Name)) return Redirect("/people");
        Name = Name.Trim();
        if (Name.Length > MaxNameLength)
        {
            Problem = $"The name is {Name.Length} characters; at most {MaxNameLength} are accepted.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        Statements = await store.FindStatementsAsync(new StatementQuery(Speaker: Name, Limit: MaxStatements), cancellationToken).ConfigureAwait(false);
        if (Statements.Count > 0)
        {
            Name = Statements[0].Statement.Speaker;
            Summary = SpeakerSummaries.Summarise(Statements) is [var summary, ..] ? summary : null;
        }
        return Page();
    }
}
