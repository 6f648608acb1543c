using Storyline.Documents;

namespace Storyline.Attribution.Rules;

/// <summary>An attribution being built: its content parts, cue and source, and how it was found (question, transcript, nested in a parent).</summary>
internal sealed class AttributionDraft
{
    public List<TextSpan> Parts { get; } = [];
    public TextSpan? Cue;
    public TextSpan? Source;
    public bool IsQuestion;
    public AttributionDraft? Parent;
    public TextSpan? Label;
    public bool Handover;
    public int Block;
    public bool Transcript;
}
