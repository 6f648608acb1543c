namespace Storyline.Entities.Resolution;

/// <summary>Chooses among overlapping candidates: longest first, then the stronger source; adjectives are kept apart from mentions.</summary>
internal sealed class CandidateSelection : IEntityStep
{
    /// <inheritdoc />
    public string Name => "candidate-selection";

    /// <inheritdoc />
    public void Run(EntityWork doc) => Select(doc, doc.Candidates);

    // Longest candidates first; on equal length the stronger source wins; overlapping weaker candidates are dropped.
    private static void Select(EntityWork doc, List<MentionDraft> candidates)
    {
        var chosen = new List<MentionDraft>();
        foreach (var c in candidates.OrderByDescending(c => c.Span.Length).ThenByDescending(c => c.Priority).ThenBy(c => c.Span.Start))
        {
            if (c.Span.Length == 0 || chosen.Any(x => x.Span.Overlaps(c.Span))) continue;
            chosen.Add(c);
        }
        foreach (var c in chosen.OrderBy(c => c.Span.Start))
        {
            if (c.Adjective) doc.AdjectiveMentions.Add(c);
            else doc.Mentions.Add(c);
        }
    }
}
