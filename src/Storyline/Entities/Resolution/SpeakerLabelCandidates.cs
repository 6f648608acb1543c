using System.Text.RegularExpressions;
using Storyline.Documents;

namespace Storyline.Entities.Resolution;

/// <summary>Candidates from interview speaker labels ("Wang Yiwei:"), which name people.</summary>
internal sealed partial class SpeakerLabelCandidates : IEntityStep
{
    /// <inheritdoc />
    public string Name => "speaker-label-candidates";

    /// <inheritdoc />
    public void Run(EntityWork doc) => AddSpeakerLabels(doc, doc.Candidates);

    private static void AddSpeakerLabels(EntityWork doc, List<MentionDraft> candidates)
    {
        foreach (var block in doc.Analysis.Blocks)
        {
            if (block.SpeakerLabel is not { } label) continue;
            var name = TextSpan.FromBounds(label.Start, label.End - 1);
            var surface = name.Slice(doc.Text).Trim();
            var words = surface.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || QaLabel().IsMatch(surface) || doc.Aliases.Lookup(surface) is not null) continue;
            if (words.Any(w => RoleLexicon.Heads.Contains(w) || RoleLexicon.NotTitle.Contains(w))) continue;
            candidates.Add(new MentionDraft { Span = new TextSpan(name.Start, surface.Length), Surface = surface, Type = EntityTypes.Person, Priority = 4 });
        }
    }

[GeneratedRegex(@"^(?:Q|A|Q\d{1,3}|A\d{1,3}|Question|Answer)$")]
private static partial Regex QaLabel();
}
