using static Storyline.Entities.Resolution.ResolutionText;

namespace Storyline.Entities.Resolution;

/// <summary>Resolves surnames to the nearest full name that has them, and retypes tagger names that are a person's name word.</summary>
internal sealed class SurnameResolution : IEntityStep
{
    /// <inheritdoc />
    public string Name => "surname-resolution";

    /// <inheritdoc />
    public void Run(EntityWork doc) => ResolveSurnames(doc);

    // A surname is the nearest preceding full name that has it (Chinese or Western order), else the nearest following one.
    private static void ResolveSurnames(EntityWork doc)
    {
        var full = doc.Mentions.Where(m => m.Type == EntityTypes.Person && m.Kind == MentionKind.Name && m.Key is not null).ToList();
        foreach (var m in doc.Mentions.Where(m => m.Kind == MentionKind.Surname && m.Key is null))
        {
            var surname = Squash(m.Surface);
            bool Matches(MentionDraft f)
            {
                var words = Squash(f.Surface).Split(' ');
                return string.Equals(words[0], surname, StringComparison.OrdinalIgnoreCase) || string.Equals(words[^1], surname, StringComparison.OrdinalIgnoreCase);
            }
            var target = full.LastOrDefault(f => f.Span.Start < m.Span.Start && Matches(f)) ?? full.FirstOrDefault(f => f.Span.Start > m.Span.Start && Matches(f));
            if (target is not null) doc.Set(m, target.Key!, target.Name!, EntityTypes.Person, MentionKind.Surname);
            else if (!SentenceInitialGuess(doc, m)) doc.Set(m, $"person:{doc.DocumentKey}/{EntityResolver.Normalise(surname)}", surname, EntityTypes.Person, MentionKind.Surname);
        }
        // The tagger sometimes calls a surname an organisation or place ("In July, Xi visited"): a name word of a person in the text wins.
        var nameWords = full.SelectMany(f => Squash(f.Surface).Split(' ')).ToHashSet(StringComparer.Ordinal);
        foreach (var m in doc.Mentions.Where(m => m.Kind == MentionKind.Name && m.Type != EntityTypes.Person && m.Key is not null && doc.Aliases.Lookup(Squash(m.Surface)) is null))
        {
            var surname = Squash(m.Surface);
            if (surname.Contains(' ', StringComparison.Ordinal) || !nameWords.Contains(surname)) continue;
            var target = full.LastOrDefault(f => f.Span.Start < m.Span.Start && Squash(f.Surface).Split(' ').Contains(surname)) ?? full.First(f => Squash(f.Surface).Split(' ').Contains(surname));
            m.Type = EntityTypes.Person;
            doc.Set(m, target.Key!, target.Name!, EntityTypes.Person, MentionKind.Surname);
        }
    }

    // A lone capitalised word opening a sentence that matches nobody is more often a tagging error ("Dear friends", "Trainees’ right") than a person.
    private static bool SentenceInitialGuess(EntityWork doc, MentionDraft m)
    {
        int t = doc.TokenAt(m.Span.Start);
        int s = doc.SentenceOfToken(t);
        if (s < 0 || doc.Analysis.Sentences[s].FirstToken != t) return false;
        return t + 1 >= doc.Analysis.Tokens.Count || doc.Analysis.Tokens[t + 1].Text(doc.Text) is not ("said" or "says" or "told" or "added");
    }
}
