using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Web.Rendering;
using Storyline.Web.Services;

namespace Storyline.Web.Pages;

/// <summary>A speaker quoted in a document, with the colour class their quotes are marked in.</summary>
public sealed record QuotedSpeaker(string Name, string? Role, string Camp, string Class, int Statements);

/// <summary>One document: cleaned text by block with quotes marked by speaker, entity names linked and a cited sentence highlighted;
/// metadata; and the original input as a download.</summary>
public sealed class DocumentModel(StoreFactory stores) : PageModel
{
    /// <summary>The document.</summary>
    public StoredDocument Document { get; private set; } = null!;

    /// <summary>The body, block by block.</summary>
    public IReadOnlyList<BodyPart> Body { get; private set; } = [];

    /// <summary>The heading shown.</summary>
    public string Title { get; private set; } = "";

    /// <summary>The body's text with its annotations.</summary>
    public AnnotatedText Text { get; private set; } = null!;

    /// <summary>The speakers quoted, in order of first quote (the legend).</summary>
    public IReadOnlyList<QuotedSpeaker> Speakers { get; private set; } = [];

    /// <summary>True when a cited span was asked for and fits the text.</summary>
    public bool HasCitation { get; private set; }

    /// <summary>Start of the cited span (from a briefing's citation link).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Start { get; set; }

    /// <summary>End (exclusive) of the cited span.</summary>
    [BindProperty(SupportsGet = true)]
    public int? End { get; set; }

    /// <summary>Loads the document; 404 for an unknown or malformed id.</summary>
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        // A route value that is not a number binds as 0: no document either way.
        if (id <= 0) return NotFound();
        var documentId = id;
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        var document = await store.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (document is null) return NotFound();
        Document = document;
        Body = DocumentView.Body(document.Content);
        Title = DocumentView.Title(document.Content.Metadata.Title, document.InputName, document.Id);
        var text = document.Content.Text;

        var cites = new List<Annotation>();
        if (Start is { } start && End is { } end && start >= 0 && end > start && end <= text.Length)
        {
            cites.Add(new Annotation(TextSpan.FromBounds(start, end), "cite", "The cited sentence"));
            HasCitation = true;
        }

        var statements = (await store.GetStatementsAsync(documentId, cancellationToken).ConfigureAwait(false) ?? [])
            .Where(s => !s.Attribution.IsQuestion).ToList();
        var speakers = new List<QuotedSpeaker>();
        var quotes = new List<Annotation>();
        foreach (var group in statements.GroupBy(s => s.SpeakerKey ?? s.Speaker, StringComparer.Ordinal))
        {
            var first = group.First();
            var speaker = new QuotedSpeaker(first.Speaker, group.Select(s => s.SpeakerRole).FirstOrDefault(r => r is not null), first.Camp,
                "s" + (speakers.Count % 8).ToString(System.Globalization.CultureInfo.InvariantCulture), group.Count());
            speakers.Add(speaker);
            var title = speaker.Role is null ? $"{speaker.Name} ({speaker.Camp})" : $"{speaker.Name}, {speaker.Role} ({speaker.Camp})";
            foreach (var s in group)
                foreach (var part in s.Attribution.Content.Parts)
                    quotes.Add(new Annotation(part, "quote " + speaker.Class, title));
        }
        Speakers = speakers;

        var links = new List<Annotation>();
        if (await store.GetEntitiesAsync(documentId, cancellationToken).ConfigureAwait(false) is { } entities)
        {
            foreach (var mention in entities.Mentions)
            {
                if (mention.Kind is MentionKind.Pronoun or MentionKind.Description) continue;
                if (entities.Get(mention.EntityKey) is not { } entity || entity.Type is not (EntityTypes.Person or EntityTypes.Organisation)) continue;
                links.Add(new Annotation(mention.Span, "entity", $"{entity.Name}: every statement", Links.Person(entity.Name)));
            }
        }
        Text = new AnnotatedText(text, cites, quotes, links);
        return Page();
    }
}
