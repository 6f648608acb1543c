using System.Text.RegularExpressions;
using Storyline.Documents;
using static Storyline.Entities.Resolution.ResolutionText;

namespace Storyline.Entities.Resolution;

/// <summary>Candidates from acronyms the text defines ("China Global Television Network (CGTN)"): the long form, and every later use of the acronym.</summary>
internal sealed partial class AcronymCandidates : IEntityStep
{
    /// <inheritdoc />
    public string Name => "acronym-candidates";

    /// <inheritdoc />
    public void Run(EntityWork doc) => LearnAcronyms(doc, doc.Candidates);

    private static void LearnAcronyms(EntityWork doc, List<MentionDraft> candidates)
    {
        foreach (Match m in DefinedAcronym().Matches(doc.Text))
        {
            var acronym = m.Groups["acr"].Value;
            var longGroup = m.Groups["long"];
            var words = WordsOf(longGroup.Value);
            var letters = new string([.. acronym.Where(char.IsUpper)]);
            int skip = 0;
            while (skip < words.Count && Initials(words.Skip(skip)) != letters) skip++;
            if (skip == words.Count)
            {
                // Acronyms from another language or with skipped words ("CPC"): accept when the first letters agree.
                skip = 0;
                while (skip < words.Count && words[skip].Word[0] != letters[0]) skip++;
                if (skip == words.Count || words.Count - skip < 2) continue;
            }
            int start = longGroup.Index + words[skip].Offset;
            var longSpan = TextSpan.FromBounds(start, longGroup.Index + longGroup.Length);
            var longSurface = longSpan.Slice(doc.Text);
            var type = doc.Aliases.Lookup(Squash(longSurface)) is { } hit ? hit.Entry.Type : EntityTypes.Organisation;
            candidates.Add(new MentionDraft { Span = longSpan, Surface = longSurface, Type = type, Priority = 3 });
            doc.Learned[acronym] = (longSurface, type);
            if (m.Groups["alt"].Success) doc.Learned[m.Groups["alt"].Value] = (longSurface, type);
        }
        foreach (var (surface, _) in doc.Learned)
        {
            foreach (var (start, length) in WordOccurrences.Find(doc.Text, surface, flexibleSpaces: false))
                candidates.Add(new MentionDraft { Span = new TextSpan(start, length), Surface = surface, Type = EntityTypes.Organisation, Priority = 3 });
        }
    }

    private static string Initials(IEnumerable<(string Word, int Offset)> words) =>
        new([.. words.Where(w => char.IsUpper(w.Word[0])).Select(w => w.Word[0])]);

// "China Global Television Network (CGTN)", "Xinjiang Production and Construction Corps (XPCC, commonly known as Bingtuan)".
[GeneratedRegex(@"(?<long>(?:[A-Z][\w'’&-]*\s+(?:(?:of|and|for|the|on|de|in)\s+)*){0,9}[A-Z][\w'’&-]*)\s*\((?<acr>[A-Z][A-Za-z&.]{1,9})(?:\s*[,;]\s*(?:(?:commonly|also|widely|locally|better|often)\s+)?(?:known\s+as|called|or)\s+(?<alt>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}))?\)")]
private static partial Regex DefinedAcronym();
}
