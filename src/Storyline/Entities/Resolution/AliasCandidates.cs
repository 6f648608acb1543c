using System.Text.RegularExpressions;
using Storyline.Documents;
using static Storyline.Entities.Resolution.ResolutionText;

namespace Storyline.Entities.Resolution;

/// <summary>Candidates from the alias table: known names, acronyms and nationality adjectives (a group may take a plural).</summary>
internal sealed class AliasCandidates : IEntityStep
{
    /// <inheritdoc />
    public string Name => "alias-candidates";

    /// <inheritdoc />
    public void Run(EntityWork doc) => AddAliasCandidates(doc, doc.Candidates);

    private static void AddAliasCandidates(EntityWork doc, List<MentionDraft> candidates)
    {
        foreach (Match m in doc.Aliases.Pattern.Matches(doc.Text))
        {
            var span = new TextSpan(m.Index, m.Length);
            var surface = Squash(m.Value);
            var hit = doc.Aliases.Lookup(surface);
            if (hit is null && surface.EndsWith('s'))
            {
                hit = doc.Aliases.Lookup(surface[..^1]);
                if (hit is { } h && h.Entry.Type != EntityTypes.Group)
                {
                    // Only groups take a plural; "USs" is not a name.
                    continue;
                }
            }
            if (hit is not { } found) continue;
            candidates.Add(new MentionDraft { Span = span, Surface = m.Value, Type = found.Entry.Type, Priority = 2, Adjective = found.Use == AliasUse.Adjective });
        }
    }
}
