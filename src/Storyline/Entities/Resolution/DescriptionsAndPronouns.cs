using System.Text.RegularExpressions;
using Storyline.Documents;
using Storyline.Text;

namespace Storyline.Entities.Resolution;

/// <summary>Resolves descriptions ("the spokesman", "the report"), "he"/"she" and "they said" to entities named before, in text order.</summary>
internal sealed partial class DescriptionsAndPronouns : IEntityStep
{
    /// <inheritdoc />
    public string Name => "descriptions-and-pronouns";

    /// <inheritdoc />
    public void Run(EntityWork doc) => FindDescriptionsAndPronouns(doc);

    private static void FindDescriptionsAndPronouns(EntityWork doc)
    {
        var issuers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var found = new List<MentionDraft>();
        // Events in text order: existing mentions, candidate descriptions and pronouns.
        var pending = new List<(int Start, Action Act)>();
        foreach (Match m in DefiniteDescription().Matches(doc.Text))
        {
            var noun = m.Groups["noun"].Value;
            var span = new TextSpan(m.Index, m.Length);
            if (doc.IsQuoted(span.Start) || doc.RoleSpans.Any(r => r.Overlaps(span)) || doc.Mentions.Any(x => x.Span.Overlaps(span))) continue;
            // "the spokesman Zhao Lijian" is a title, not a description.
            int next = doc.TokenAt(span.End - 1) + 1;
            if (next < doc.Analysis.Tokens.Count && char.IsUpper(doc.Text[doc.Analysis.Tokens[next].Span.Start]) && doc.Analysis.Tokens[next].Kind == TokenKind.Word) continue;
            if (RoleLexicon.DescriptionClass.ContainsKey(noun))
                pending.Add((span.Start, () => ResolvePersonDescription(doc, span, noun, found)));
            else if (RoleLexicon.DocumentNouns.Contains(noun))
                pending.Add((span.Start, () => ResolveDocumentDescription(doc, span, noun, issuers, found)));
        }
        foreach (var sentence in doc.Analysis.Sentences)
        {
            foreach (var noun in RoleLexicon.DocumentNouns)
            {
                var s = sentence;
                pending.Add((sentence.Span.Start, () => LearnIssuer(doc, s, noun, issuers)));
            }
        }
        for (int i = 0; i < doc.Analysis.Tokens.Count; i++)
        {
            var token = doc.Analysis.Tokens[i];
            if (token.Kind != TokenKind.Word) continue;
            var w = token.Text(doc.Text);
            if (w is "he" or "He" or "she" or "She")
            {
                int index = i;
                pending.Add((token.Span.Start, () => ResolvePronoun(doc, index, found)));
            }
            else if (w is "they" or "They" && i + 1 < doc.Analysis.Tokens.Count && doc.Analysis.Tokens[i + 1].Text(doc.Text) is "said" or "say" or "told" or "added" or "argued" or "claimed" or "insisted" or "warned" or "stated")
            {
                int index = i;
                pending.Add((token.Span.Start, () => ResolveThey(doc, index, found)));
            }
        }
        foreach (var (_, act) in pending.OrderBy(p => p.Start))
        {
            doc.CancellationToken.ThrowIfCancellationRequested();
            act();
        }
        doc.Mentions.AddRange(found);
        doc.Mentions.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
    }

    private static IEnumerable<MentionDraft> Before(EntityWork doc, int position, List<MentionDraft> found) =>
        doc.Mentions.Concat(found).Where(x => x.Key is not null && x.Span.End <= position).OrderByDescending(x => x.Span.Start);

    private static void ResolvePersonDescription(EntityWork doc, TextSpan span, string noun, List<MentionDraft> found)
    {
        int sentence = doc.Analysis.SentenceAt(span.Start);
        var cls = RoleLexicon.DescriptionClass[noun];
        EntityBuilder? best = null;
        foreach (var x in Before(doc, span.Start, found))
        {
            if (sentence - doc.Analysis.SentenceAt(x.Span.Start) > doc.Options.DescriptionWindow) break;
            if (doc.IsQuoted(x.Span.Start) || doc.Entities[x.Key!] is not { Type: EntityTypes.Person } e) continue;
            var words = e.Roles.SelectMany(r => r.Split(' ', '-')).ToList();
            // The nearest person whose role is of the same kind: "the analyst" after "a specialist".
            if (words.Any(w => RoleLexicon.DescriptionClass.TryGetValue(w, out var c) && c == cls))
            {
                best = e;
                break;
            }
        }
        if (best is null) return;
        var d = new MentionDraft { Span = span, Surface = span.Slice(doc.Text), Type = EntityTypes.Person };
        doc.Set(d, best.Key, best.Name, EntityTypes.Person, MentionKind.Description);
        found.Add(d);
    }

    // "In a statement, Liu Yuyin said ..." and "The United Nations report" tell who issued the statement or report.
    private static void LearnIssuer(EntityWork doc, Sentence sentence, string noun, Dictionary<string, string> issuers)
    {
        var s = sentence.Span.Slice(doc.Text);
        foreach (Match m in NounPatterns[noun].Word.Matches(s))
        {
            int position = sentence.Span.Start + m.Index;
            if (!doc.IsQuoted(position) && LearnIssuerAt(doc, sentence, s, position, noun, issuers)) return;
        }
    }

    private static bool LearnIssuerAt(EntityWork doc, Sentence sentence, string s, int position, string noun, Dictionary<string, string> issuers)
    {
        // The issuer named just before the noun ("UN report", "Bachelet's report", "the UN body report").
        var before = doc.Mentions.Where(x => x.Key is not null && x.Span.End <= position && position - x.Span.End <= 30 && x.Span.Start >= sentence.Span.Start
            && doc.Entities[x.Key!].Type is EntityTypes.Person or EntityTypes.Organisation).OrderByDescending(x => x.Span.End).FirstOrDefault();
        if (before is not null && IsNounModifierGap(doc.Text.AsSpan(before.Span.End, position - before.Span.End).ToString()))
        {
            issuers[noun] = before.Key!;
            return true;
        }
        // "In a statement ..., Liu Yuyin ... said": the first person or organisation named outside quotes in the sentence.
        if (NounPatterns[noun].Possessed.IsMatch(s))
        {
            var issuer = doc.Mentions.FirstOrDefault(x => x.Key is not null && sentence.Span.Start <= x.Span.Start && x.Span.End <= sentence.Span.End && !doc.IsQuoted(x.Span.Start)
                && doc.Entities[x.Key!].Type is EntityTypes.Person or EntityTypes.Organisation);
            if (issuer is not null)
            {
                issuers[noun] = issuer.Key!;
                return true;
            }
        }
        return false;
    }

    private static void ResolveDocumentDescription(EntityWork doc, TextSpan span, string noun, Dictionary<string, string> issuers, List<MentionDraft> found)
    {
        if (!issuers.TryGetValue(noun, out var key)) return;
        var d = new MentionDraft { Span = span, Surface = span.Slice(doc.Text), Type = doc.Entities[key].Type, Role = noun.ToLowerInvariant() };
        doc.Set(d, key, doc.Entities[key].Name, doc.Entities[key].Type, MentionKind.Description);
        found.Add(d);
    }

    private static void ResolvePronoun(EntityWork doc, int tokenIndex, List<MentionDraft> found)
    {
        var token = doc.Analysis.Tokens[tokenIndex];
        if (doc.IsQuoted(token.Span.Start)) return;
        // "he or she" refers to nobody in particular.
        if (tokenIndex + 2 < doc.Analysis.Tokens.Count && doc.Analysis.Tokens[tokenIndex + 1].Text(doc.Text) == "or") return;
        if (tokenIndex >= 2 && doc.Analysis.Tokens[tokenIndex - 1].Text(doc.Text) == "or") return;
        int sentence = doc.Analysis.SentenceAt(token.Span.Start);
        // A pronoun opening its sentence ("He articulated …") continues the previous sentence's subject, the person it names first
        // ("President Xi was accompanied by officials, including Wang Huning and Cai Qi."), not the person named last (centering: the
        // subject is the likeliest next topic). Elsewhere in a sentence the nearest person is taken.
        var candidates = Before(doc, token.Span.Start, found).Where(x => !doc.IsQuoted(x.Span.Start) && !doc.IsCaption(x.Span.Start) && doc.Entities[x.Key!].Type == EntityTypes.Person);
        if (OpensSentence(doc, tokenIndex, sentence) && candidates.FirstOrDefault() is { } nearest && doc.Analysis.SentenceAt(nearest.Span.Start) is var previous && previous < sentence)
            candidates = candidates.Where(x => doc.Analysis.SentenceAt(x.Span.Start) == previous).OrderBy(x => x.Span.Start).Take(1).Concat(candidates);
        foreach (var x in candidates)
        {
            int back = sentence - doc.Analysis.SentenceAt(x.Span.Start);
            if (back > doc.Options.PronounWindow) break;
            var d = new MentionDraft { Span = token.Span, Surface = token.Text(doc.Text), Type = EntityTypes.Person };
            doc.Set(d, x.Key!, doc.Entities[x.Key!].Name, EntityTypes.Person, MentionKind.Pronoun);
            found.Add(d);
            return;
        }
    }

    // The token is its sentence's first word (opening quotation marks aside).
    private static bool OpensSentence(EntityWork doc, int tokenIndex, int sentence)
    {
        if (sentence < 0) return false;
        for (int j = tokenIndex - 1; j >= 0 && doc.Analysis.Tokens[j].Span.Start >= doc.Analysis.Sentences[sentence].Span.Start; j--)
            if (doc.Analysis.Tokens[j].Kind is TokenKind.Word or TokenKind.Abbreviation or TokenKind.Number) return false;
        return true;
    }

    private static void ResolveThey(EntityWork doc, int tokenIndex, List<MentionDraft> found)
    {
        var token = doc.Analysis.Tokens[tokenIndex];
        if (doc.IsQuoted(token.Span.Start)) return;
        int sentence = doc.Analysis.SentenceAt(token.Span.Start);
        foreach (var x in Before(doc, token.Span.Start, found))
        {
            if (sentence - doc.Analysis.SentenceAt(x.Span.Start) > 1) break;
            if (doc.IsQuoted(x.Span.Start) || doc.Entities[x.Key!].Type is not (EntityTypes.Organisation or EntityTypes.Group)) continue;
            var d = new MentionDraft { Span = token.Span, Surface = token.Text(doc.Text), Type = doc.Entities[x.Key!].Type };
            doc.Set(d, x.Key!, doc.Entities[x.Key!].Name, doc.Entities[x.Key!].Type, MentionKind.Pronoun);
            found.Add(d);
            return;
        }
    }

    // Between an issuer and its document only a possessive and modifiers may stand ("UN body report", "Bachelet's report"), not "said the".
    private static bool IsNounModifierGap(string gap)
    {
        var words = gap.Replace("’s", " ", StringComparison.Ordinal).Replace("'s", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 3 && words.All(w => w.All(c => char.IsLetter(c) || c == '-')
            && !RoleLexicon.NotTitle.Contains(w) && !RoleLexicon.ClauseStarters.Contains(w) && !RoleLexicon.Connectors.Contains(w));
    }

    // Built once per document noun: two patterns per noun are more than Regex's static cache keeps.
    private static readonly Dictionary<string, (Regex Word, Regex Possessed)> NounPatterns = RoleLexicon.DocumentNouns.ToDictionary(
        n => n,
        n => (new Regex(@"\b" + n + @"\b", RegexOptions.IgnoreCase), new Regex(@"\b(?:a|its|his|her|their)\s+(?:\w+\s+)?" + n + @"\b", RegexOptions.IgnoreCase)),
        StringComparer.OrdinalIgnoreCase);

[GeneratedRegex(@"(?<![\w-])[Tt]he\s+(?<noun>[a-z]+)\b")]
private static partial Regex DefiniteDescription();
}
