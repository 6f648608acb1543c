using System.Text.RegularExpressions;
using Storyline.Documents;
using static Storyline.Entities.Resolution.ResolutionText;

namespace Storyline.Entities.Resolution;

/// <summary>Finds unnamed sources in sentences that say so ("an official who declined to be named").</summary>
internal sealed partial class AnonymousSources : IEntityStep
{
    /// <inheritdoc />
    public string Name => "anonymous-sources";

    /// <inheritdoc />
    public void Run(EntityWork doc) => FindAnonymous(doc);

    private static void FindAnonymous(EntityWork doc)
    {
        foreach (var sentence in doc.Analysis.Sentences)
        {
            var s = sentence.Span.Slice(doc.Text);
            if (!AnonymityCue().IsMatch(s)) continue;
            var m = AnonymousPhrase().Match(s);
            if (!m.Success) continue;
            var span = new TextSpan(sentence.Span.Start + m.Index, m.Length);
            if (doc.IsQuoted(span.Start) || doc.Mentions.Any(x => x.Span.Overlaps(span))) continue;
            var description = Squash(m.Groups["desc"].Value);
            var key = $"person:{doc.DocumentKey}/anon:{EntityResolver.Normalise(description)}";
            var d = new MentionDraft { Span = span, Surface = m.Value, Type = EntityTypes.Person, Role = description };
            doc.Set(d, key, "an unnamed " + description, EntityTypes.Person, MentionKind.Description);
            EntityBuilder.AddDistinct(doc.Entities[key].Roles, description);
            doc.Mentions.Add(d);
        }
        doc.Mentions.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
    }

[GeneratedRegex(@"\b(anonymity|not to be named|not be named|declined to be named|not to be identified|declined to be identified|unnamed|anonymous)\b", RegexOptions.IgnoreCase)]
private static partial Regex AnonymityCue();

[GeneratedRegex(@"\b(?:[Oo]ne|[Aa]n?|[Aa]nother)\s+(?<desc>(?:(?!said\b|who\b|speaking\b)[\w-]+\s+){0,5}?(?<noun>specialist|analyst|expert|official|diplomat|source|researcher|scholar|professor|person|insider|spokesman|spokeswoman|spokesperson|adviser|advisor|lawyer|employee|worker|resident|academic|observer|officer|executive|economist|activist))\b")]
private static partial Regex AnonymousPhrase();
}
