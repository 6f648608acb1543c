using System.Text.RegularExpressions;
using Storyline.Documents;
using static Storyline.Entities.Resolution.ResolutionText;

namespace Storyline.Entities.Resolution;

/// <summary>Candidates from the named-entity tagger, with titles and articles trimmed, titled names made people and an organisation run into a name split off.</summary>
internal sealed partial class NerCandidates : IEntityStep
{
    /// <inheritdoc />
    public string Name => "ner-candidates";

    /// <inheritdoc />
    public void Run(EntityWork doc) => AddNerCandidates(doc, doc.NamedEntities, doc.Candidates);

    private static void AddNerCandidates(EntityWork doc, IReadOnlyList<NamedEntity> entities, List<MentionDraft> candidates)
    {
        foreach (var e in entities)
        {
            var span = e.Span;
            var type = e.Type switch { "PER" => EntityTypes.Person, "ORG" => EntityTypes.Organisation, "LOC" => EntityTypes.Place, _ => EntityTypes.Other };
            var surface = span.Slice(doc.Text);
            // Titles and articles are not part of a name ("President Xi Jinping", "the United Nations").
            var words = WordsOf(surface);
            int drop = 0;
            while (drop < words.Count - 1 && (words[drop].Word is "the" or "The"
                || (type == EntityTypes.Person && (RoleLexicon.Heads.Contains(words[drop].Word.TrimEnd('.')) || doc.AdjectiveWords.Contains(words[drop].Word) || IsTitleAbbreviation(words[drop].Word)))))
                drop++;
            if (drop > 0)
            {
                span = TextSpan.FromBounds(span.Start + words[drop].Offset, span.End);
                surface = span.Slice(doc.Text);
            }
            // "vice-minister for foreign affairs Le Yucheng": two or three name words right after a title are a person whatever the tagger says.
            if (type != EntityTypes.Person && LooksLikeTitledName(doc, span, surface)) type = EntityTypes.Person;
            // "Chinese Human Rights Defenders" is an organisation whatever the tagger says.
            if (type == EntityTypes.Person && WordsOf(surface).Any(w => OrganisationWords.Contains(w.Word) || NotPersonWords.Contains(w.Word))) type = EntityTypes.Organisation;
            if (type is EntityTypes.Organisation or EntityTypes.Other or EntityTypes.Place && SplitTrailingPerson(doc, span) is { } split)
            {
                // "XUAR Parhat Azim", "CPC Xinjiang Committee Xu Guixiang": a title's organisation run into the name after it.
                candidates.Add(new MentionDraft { Span = split.Person, Surface = split.Person.Slice(doc.Text), Type = EntityTypes.Person, Priority = 1 });
                span = split.Organisation;
                surface = span.Slice(doc.Text);
                if (doc.Aliases.Lookup(Squash(surface)) is { } restAlias) type = restAlias.Entry.Type;
            }
            if (type == EntityTypes.Other && (char.IsLower(surface[0]) || NotAName().IsMatch(surface))) continue;
            if (type == EntityTypes.Other)
            {
                // Nationality adjectives are not entities; plural nouns of peoples are groups ("Kazakhs").
                if (doc.AdjectiveWords.Contains(surface) && !surface.EndsWith('s')) continue;
                if (!surface.Contains(' ', StringComparison.Ordinal) && surface.Length > 4 && surface.EndsWith('s') && char.IsUpper(surface[0])) type = EntityTypes.Group;
            }
            candidates.Add(new MentionDraft { Span = span, Surface = surface, Type = type, Priority = 1 });
        }
    }

    private static (TextSpan Organisation, TextSpan Person)? SplitTrailingPerson(EntityWork doc, TextSpan span)
    {
        var words = WordsOf(span.Slice(doc.Text));
        if (words.Count < 3) return null;
        // The organisation part ends at its last organisation word, or is a leading acronym or alias ("XUAR").
        int cut = -1;
        for (int i = 0; i < words.Count; i++)
            if (OrganisationWords.Contains(words[i].Word)) cut = i;
        if (cut < 0 && (words[0].Word.All(c => char.IsUpper(c) || c == '.') || doc.Aliases.Lookup(words[0].Word) is { Use: not AliasUse.Adjective })) cut = 0;
        int rest = words.Count - cut - 1;
        if (cut < 0 || rest is < 2 or > 3) return null;
        for (int i = cut + 1; i < words.Count; i++)
        {
            var w = words[i].Word;
            if (!char.IsUpper(w[0]) || w.All(char.IsUpper) || doc.Aliases.Lookup(w) is not null || doc.AdjectiveWords.Contains(w) || NotPersonWords.Contains(w)) return null;
        }
        int personStart = span.Start + words[cut + 1].Offset;
        int restEnd = span.Start + words[cut].Offset + words[cut].Word.Length;
        return (TextSpan.FromBounds(span.Start, restEnd), TextSpan.FromBounds(personStart, span.End));
    }

    private static bool LooksLikeTitledName(EntityWork doc, TextSpan span, string surface)
    {
        var words = WordsOf(surface);
        if (words.Count is < 2 or > 3 || doc.Aliases.Lookup(Squash(surface)) is not null) return false;
        if (words.Any(w => !char.IsUpper(w.Word[0]) || w.Word.All(char.IsUpper) || OrganisationWords.Contains(w.Word) || NotPersonWords.Contains(w.Word)
            || doc.Aliases.Lookup(w.Word) is not null || doc.AdjectiveWords.Contains(w.Word))) return false;
        int t = doc.TokenAt(span.Start);
        if (t <= 0) return false;
        var previous = doc.Analysis.Tokens[t - 1].Text(doc.Text);
        return IsHead(previous) || words.Count == 2 && RoleLexicon.ChineseSurnames.Contains(words[0].Word) && IsRoleWord(previous);
    }

    private static readonly HashSet<string> OrganisationWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "committee", "department", "office", "commission", "government", "council", "ministry", "party", "university", "corps", "bureau",
        "agency", "association", "institute", "administration", "authority", "court", "congress", "assembly", "federation", "union",
        "company", "group", "bank", "network", "news", "service", "centre", "center", "foundation", "organisation", "organization",
    };

    private static readonly HashSet<string> NotPersonWords = new(StringComparer.OrdinalIgnoreCase) { "rights", "defenders", "watch", "forces", "times", "post", "daily", "international" };

    private static bool IsTitleAbbreviation(string word) => word.TrimEnd('.') is "Mr" or "Mrs" or "Ms" or "Dr" or "Prof" or "Gen" or "Sen" or "Rep" or "Gov" or "Sir" or "Dame";

[GeneratedRegex(@"-(?:related|based|backed|led|owned|run|funded|affiliated|style|made|born)$", RegexOptions.IgnoreCase)]
private static partial Regex NotAName();
}
