using Storyline.Documents;

namespace Storyline.Entities.Resolution;

/// <summary>A mention being resolved: its span and surface, the type and entity it has been given so far, and how it names the entity.</summary>
internal sealed class MentionDraft
{
    public TextSpan Span;
    public required string Surface;
    public required string Type;
    public MentionKind Kind = MentionKind.Name;
    public string? Key;
    public string? Name;
    public string? Role;
    public int Priority;
    public bool Adjective;
}
