using System.Text.RegularExpressions;
using static Storyline.Entities.Resolution.ResolutionText;

namespace Storyline.Entities.Resolution;

/// <summary>Gives each mention its entity: a learned acronym's long form, an alias's canonical name, or its own name; lone person words wait as surnames.</summary>
internal sealed class NameAssignment : IEntityStep
{
    /// <inheritdoc />
    public string Name => "name-assignment";

    /// <inheritdoc />
    public void Run(EntityWork doc) => AssignNames(doc);

    private static void AssignNames(EntityWork doc)
    {
        var typeOfSurface = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in doc.Mentions)
        {
            var surface = Squash(m.Surface);
            if (doc.Learned.TryGetValue(surface, out var longForm))
            {
                var (key, name, type) = CanonicalOf(doc, longForm.Surface, longForm.Type);
                doc.Set(m, key, name, type, surface.All(c => char.IsUpper(c) || c == '.' || c == '&') ? MentionKind.Acronym : MentionKind.Alias);
                continue;
            }
            var hit = doc.Aliases.Lookup(surface);
            if (hit is null && surface.EndsWith('s') && doc.Aliases.Lookup(surface[..^1]) is { Entry.Type: EntityTypes.Group } plural) hit = plural;
            if (hit is { } alias)
            {
                var entry = alias.Entry;
                if (alias.Use == AliasUse.Metonym && AfterLocativePreposition(doc, m.Span.Start))
                {
                    doc.Set(m, EntityResolver.KeyOf(EntityTypes.Place, surface), surface, EntityTypes.Place, MentionKind.Name);
                    continue;
                }
                var kind = string.Equals(surface, entry.Canonical, StringComparison.OrdinalIgnoreCase) || string.Equals(surface, entry.Canonical + "s", StringComparison.OrdinalIgnoreCase)
                    ? MentionKind.Name
                    : surface.Length <= 6 && surface.All(c => char.IsUpper(c) || c == '.') ? MentionKind.Acronym : MentionKind.Alias;
                doc.Set(m, EntityResolver.KeyOf(entry.Type, entry.Canonical), entry.Canonical, entry.Type, kind);
                continue;
            }
            if (m.Type == EntityTypes.Person)
            {
                if (surface.Contains(' ', StringComparison.Ordinal))
                {
                    doc.Set(m, EntityResolver.KeyOf(EntityTypes.Person, surface), surface, EntityTypes.Person, MentionKind.Name);
                    typeOfSurface.TryAdd(surface, EntityTypes.Person);
                }
                else m.Kind = MentionKind.Surname; // resolved once every full name is known
                continue;
            }
            // The tagger may type the same name differently in two sentences ("West", or a full name read as a person where its role is
            // given and as an organisation in "This question goes to Elijan Anayit."): the first reading holds for the document.
            if (typeOfSurface.TryGetValue(surface, out var firstType)) m.Type = firstType;
            else typeOfSurface[surface] = m.Type;
            var (k, n, t) = CanonicalOf(doc, surface, m.Type);
            doc.Set(m, k, n, t, MentionKind.Name);
        }
    }

    private static (string Key, string Name, string Type) CanonicalOf(EntityWork doc, string surface, string type)
    {
        var s = Squash(surface);
        if (doc.Aliases.Lookup(s) is { } alias) return (EntityResolver.KeyOf(alias.Entry.Type, alias.Entry.Canonical), alias.Entry.Canonical, alias.Entry.Type);
        if (s.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) s = s[4..];
        if (type == EntityTypes.Group && s.EndsWith('s') && !s.EndsWith("ss", StringComparison.Ordinal)) s = s[..^1];
        return (EntityResolver.KeyOf(type, s), s, type);
    }

    private static bool AfterLocativePreposition(EntityWork doc, int position)
    {
        int t = doc.TokenAt(position);
        if (t <= 0) return false;
        var previous = doc.Analysis.Tokens[t - 1].Text(doc.Text);
        return previous is "in" or "at" or "to" or "from" or "near" or "into" or "outside" or "inside" or "around" or "across" or "via" or "visited" or "visit" or "arrived" or "leave" or "left";
    }
}
