using Storyline.Documents;
using Storyline.Text;
using static Storyline.Entities.Resolution.ResolutionText;

namespace Storyline.Entities.Resolution;

/// <summary>Finds roles and affiliations: titles before a name ("Foreign Ministry spokesman Zhao Lijian") and appositions after it (", a professor at Renmin University").</summary>
internal sealed class RoleFinder : IEntityStep
{
    /// <inheritdoc />
    public string Name => "role-finder";

    /// <inheritdoc />
    public void Run(EntityWork doc) => FindRoles(doc);

    private static void FindRoles(EntityWork doc)
    {
        foreach (var m in doc.Mentions.ToList())
        {
            if (m.Key is null) continue;
            if (m.Type == EntityTypes.Person && m.Kind == MentionKind.Name) TitleBefore(doc, m);
            if (m.Type is EntityTypes.Person or EntityTypes.Organisation && m.Kind is MentionKind.Name or MentionKind.Surname or MentionKind.Acronym or MentionKind.Alias)
                Apposition(doc, m);
        }
    }

    private static void TitleBefore(EntityWork doc, MentionDraft m)
    {
        int first = doc.TokenAt(m.Span.Start);
        if (first <= 0) return;
        int sentence = doc.SentenceOfToken(first);
        if (sentence < 0) return;
        int j = first - 1;
        int left = first;
        while (j >= 0 && doc.SentenceOfToken(j) == sentence && first - j <= 16)
        {
            var token = doc.Analysis.Tokens[j];
            if (token.Kind is not (TokenKind.Word or TokenKind.Abbreviation)) break;
            if (doc.Mentions.Any(x => x != m && x.Type == EntityTypes.Person && x.Span.Overlaps(token.Span))) break;
            var word = token.Text(doc.Text);
            bool ok = RoleLexicon.Connectors.Contains(word)
                || (char.IsUpper(word[0]) && !RoleLexicon.NotTitle.Contains(word))
                || IsRoleWord(word)
                || (word == "The" && j > 0 && doc.SentenceOfToken(j - 1) == sentence);
            if (!ok) break;
            left = j;
            j--;
        }
        int head = -1;
        for (int k = left; k < first; k++)
        {
            if (IsHead(doc.Analysis.Tokens[k].Text(doc.Text))) { head = k; break; }
        }
        if (head < 0) return;
        int start = head;
        while (start - 1 >= left)
        {
            var w = doc.Analysis.Tokens[start - 1].Text(doc.Text);
            if (RoleLexicon.Connectors.Contains(w) || RoleLexicon.NotTitle.Contains(w) && w != "then") break;
            start--;
        }
        if (doc.Analysis.Tokens[start].Text(doc.Text) == "then") start++;
        if (start >= first) return;
        var span = TextSpan.FromBounds(doc.Analysis.Tokens[start].Span.Start, doc.Analysis.Tokens[first - 1].Span.End);
        AddRole(doc, m, span, span.Slice(doc.Text), null);
    }

    private static void Apposition(EntityWork doc, MentionDraft m)
    {
        int after = doc.TokenAt(m.Span.End - 1) + 1;
        // Possessive split and closing quote are not an apposition boundary; only a comma is.
        if (after >= doc.Analysis.Tokens.Count || doc.Analysis.Tokens[after].Text(doc.Text) != ",") return;
        int sentence = doc.SentenceOfToken(after);
        int k = after + 1;
        if (k >= doc.Analysis.Tokens.Count || doc.SentenceOfToken(k) != sentence) return;
        var first = doc.Analysis.Tokens[k].Text(doc.Text);
        bool determiner = first is "a" or "an" or "the" or "another" or "one" or "A" or "An" or "The";
        int start = determiner ? k + 1 : k;
        if (start >= doc.Analysis.Tokens.Count || doc.SentenceOfToken(start) != sentence) return;
        var startWord = doc.Analysis.Tokens[start].Text(doc.Text);
        if (!determiner && (!char.IsLower(startWord[0]) || !IsRoleWord(startWord))) return;
        int end = start;
        while (end < doc.Analysis.Tokens.Count && doc.SentenceOfToken(end) == sentence && end - start < 24)
        {
            var token = doc.Analysis.Tokens[end];
            var w = token.Text(doc.Text);
            if (token.Kind is TokenKind.OpenQuote or TokenKind.CloseQuote or TokenKind.AmbiguousQuote or TokenKind.Dash) break;
            if (token.Kind == TokenKind.Punctuation && w is "," or "." or ";" or ":" or "(" or ")" or "?" or "!") break;
            if (end > start && RoleLexicon.ClauseStarters.Contains(w)) break;
            end++;
        }
        if (end <= start) return;
        var words = Enumerable.Range(start, end - start).Select(i => doc.Analysis.Tokens[i].Text(doc.Text)).ToList();
        var heads = m.Type == EntityTypes.Person ? RoleLexicon.Heads : RoleLexicon.OrganisationHeads;
        if (!words.Take(8).Any(w => heads.Contains(w.TrimEnd('.')) || w.Contains('-', StringComparison.Ordinal) && heads.Contains(w.Split('-')[^1]))) return;
        // A person named inside the apposition means a list, not a description ("Wang Huning, Cai Qi and ...").
        var span = TextSpan.FromBounds(doc.Analysis.Tokens[start].Span.Start, doc.Analysis.Tokens[end - 1].Span.End);
        if (doc.Mentions.Any(x => x != m && x.Type == EntityTypes.Person && x.Kind == MentionKind.Name && x.Span.Overlaps(span))) return;
        // Split "professor at Renmin University": the role is the profession, the rest its affiliation.
        string role = span.Slice(doc.Text);
        TextSpan? rest = null;
        for (int i = start + 1; i < end - 1; i++)
        {
            var w = doc.Analysis.Tokens[i].Text(doc.Text);
            if (w is not ("at" or "with" or "for" or "of" or "in")) continue;
            var restSpan = TextSpan.FromBounds(doc.Analysis.Tokens[i + 1].Span.Start, span.End);
            bool named = doc.Mentions.Any(x => x.Key is not null && x.Type is EntityTypes.Organisation or EntityTypes.Place && restSpan.Start <= x.Span.Start && x.Span.End <= restSpan.End)
                || char.IsUpper(doc.Text[restSpan.Start]) || restSpan.Slice(doc.Text).StartsWith("the ", StringComparison.Ordinal) && char.IsUpper(doc.Text[Math.Min(restSpan.Start + 4, doc.Text.Length - 1)]);
            if (!named) continue;
            if (w is "at" or "with") role = TextSpan.FromBounds(span.Start, doc.Analysis.Tokens[i - 1].Span.End).Slice(doc.Text);
            rest = restSpan;
            break;
        }
        AddRole(doc, m, span, role, rest);
    }

    private static void AddRole(EntityWork doc, MentionDraft m, TextSpan span, string role, TextSpan? rest)
    {
        role = Squash(role);
        if (role.Length == 0 || m.Key is null) return;
        doc.RoleSpans.Add(span);
        m.Role ??= role;
        var entity = doc.Entities[m.Key];
        EntityBuilder.AddRole(entity.Roles, role);
        var inside = doc.Mentions.Where(x => x != m && x.Key is not null && x.Type is EntityTypes.Organisation or EntityTypes.Place && span.Start <= x.Span.Start && x.Span.End <= span.End).ToList();
        foreach (var x in inside)
        {
            // A tagger's organisation that starts with a title word is the title itself ("Spokesperson of the Information Office").
            var name = doc.Entities[x.Key!].Name;
            if (!RoleLexicon.Heads.Contains(name.Split(' ')[0])) EntityBuilder.AddDistinct(entity.Affiliations, name);
        }
        foreach (var a in doc.AdjectiveMentions.Where(a => span.Start <= a.Span.Start && a.Span.End <= span.End))
        {
            if (doc.Aliases.Lookup(Squash(a.Surface)) is { } hit) EntityBuilder.AddDistinct(entity.Affiliations, hit.Entry.Canonical);
        }
        if (rest is { } r)
        {
            var restText = Squash(r.Slice(doc.Text));
            if (restText.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) restText = restText[4..];
            // Only wording the named entities do not already cover is kept ("Chinese mission at the UN", not "Commission’s Equipment Department").
            var uncovered = r.Slice(doc.Text);
            foreach (var x in inside.Where(x => r.Start <= x.Span.Start && x.Span.End <= r.End).OrderByDescending(x => x.Span.Start))
                uncovered = uncovered.Remove(x.Span.Start - r.Start, x.Span.Length);
            bool covered = uncovered.Replace("’s", " ", StringComparison.Ordinal).Replace("'s", " ", StringComparison.Ordinal)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w => RoleLexicon.Connectors.Contains(w));
            if (!covered) EntityBuilder.AddDistinct(entity.Affiliations, restText);
        }
    }
}
