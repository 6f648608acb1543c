using Storyline.Documents;

namespace Storyline.Entities;

/// <summary>How an entity is mentioned.</summary>
public enum MentionKind
{
    /// <summary>A full name ("Shi Yinhong", "Renmin University").</summary>
    Name,
    /// <summary>A person's surname alone ("Shi said").</summary>
    Surname,
    /// <summary>A personal pronoun ("he said").</summary>
    Pronoun,
    /// <summary>A definite description ("the analyst", "the statement").</summary>
    Description,
    /// <summary>Another name of the entity ("Bingtuan", "Washington" for the US government).</summary>
    Alias,
    /// <summary>An acronym ("XPCC").</summary>
    Acronym,
}

/// <summary>Entity types of <see cref="ResolvedEntity"/>.</summary>
public static class EntityTypes
{
    /// <summary>A person (named or anonymous).</summary>
    public const string Person = "Person";
    /// <summary>A government, company, party, agency, university, news outlet.</summary>
    public const string Organisation = "Organisation";
    /// <summary>A country, region or city.</summary>
    public const string Place = "Place";
    /// <summary>A nationality, ethnic or religious group.</summary>
    public const string Group = "Group";
    /// <summary>Anything else (events, laws, products).</summary>
    public const string Other = "Other";
}

/// <summary>One entity of a document with what the text says about it.</summary>
/// <param name="Key">Stable cross-document identity: type and normalised canonical name ("person:zhao lijian"); document-local entities (a surname never
/// given in full, an anonymous source) have the document key in it ("person:doc 7/pompeo").</param>
/// <param name="Name">Canonical name.</param>
/// <param name="Type">One of <see cref="EntityTypes"/>.</param>
/// <param name="Roles">Titles and descriptions ("foreign ministry spokesman").</param>
/// <param name="Affiliations">Organisations and places the roles tie it to ("Renmin University").</param>
/// <param name="Aliases">Other surface forms used in the text ("XPCC", "Bingtuan", "Shi").</param>
public sealed record ResolvedEntity(string Key, string Name, string Type, IReadOnlyList<string> Roles, IReadOnlyList<string> Affiliations, IReadOnlyList<string> Aliases)
{
    /// <summary>True for an entity only meaningful inside one document (unresolved surname, anonymous source).</summary>
    public bool IsDocumentLocal => Key.Contains('/', StringComparison.Ordinal);

    /// <summary>One entity from what several documents say of it (oldest first): a person keeps the longest name given, anything else the first;
    /// roles, affiliations and aliases are united (other names given become aliases), and a role another one ends with adds nothing
    /// ("President" beside "Chinese President"). The store's merged entity; every provider stores what this decides.</summary>
    public static ResolvedEntity Merge(IReadOnlyList<ResolvedEntity> perDocument)
    {
        ArgumentNullException.ThrowIfNull(perDocument);
        if (perDocument.Count == 0) throw new ArgumentException("an entity is merged from at least one document's", nameof(perDocument));
        var first = perDocument[0];
        var name = first.Type == EntityTypes.Person ? perDocument.MaxBy(r => r.Name.Length)!.Name : first.Name;
        static List<string> Union(IEnumerable<IReadOnlyList<string>> lists) => lists.SelectMany(l => l).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var aliases = Union(perDocument.Select(r => r.Aliases).Append([.. perDocument.Select(r => r.Name)]))
            .Where(a => !string.Equals(a, name, StringComparison.OrdinalIgnoreCase)).ToList();
        var roles = perDocument.SelectMany(r => r.Roles).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        roles = [.. roles.Where(r => !roles.Any(o => o.Length > r.Length && o.EndsWith(" " + r, StringComparison.OrdinalIgnoreCase)))];
        return new ResolvedEntity(first.Key, name, first.Type, roles, Union(perDocument.Select(r => r.Affiliations)), aliases);
    }
}

/// <summary>One mention of an entity in the text.</summary>
/// <param name="Span">The mention's characters.</param>
/// <param name="EntityKey">Key of the <see cref="ResolvedEntity"/> it refers to.</param>
/// <param name="Kind">How it is mentioned.</param>
/// <param name="Role">The role given at this mention ("a spokesman for the Chinese mission at the UN"), or null.</param>
public sealed record EntityMention(TextSpan Span, string EntityKey, MentionKind Kind, string? Role);

/// <summary>The entities of one document and every mention of them, in text order.</summary>
public sealed class DocumentEntities
{
    private readonly Dictionary<string, ResolvedEntity> _byKey;

    /// <summary>Creates the result; mentions are kept in text order.</summary>
    public DocumentEntities(IReadOnlyList<ResolvedEntity> entities, IReadOnlyList<EntityMention> mentions, IReadOnlyList<NamedEntity>? recognized = null)
    {
        Recognized = recognized;
        Entities = entities;
        Mentions = [.. mentions.OrderBy(m => m.Span.Start).ThenByDescending(m => m.Span.Length)];
        _byKey = entities.ToDictionary(e => e.Key, StringComparer.Ordinal);
    }

    /// <summary>No entities.</summary>
    public static DocumentEntities Empty { get; } = new([], []);

    /// <summary>The recogniser's spans the entities were resolved from, when kept: later stages (attribution) read them instead of tagging again.</summary>
    public IReadOnlyList<NamedEntity>? Recognized { get; }

    /// <summary>The same result keeping the recogniser's spans it was resolved from.</summary>
    public DocumentEntities WithRecognized(IReadOnlyList<NamedEntity> recognized) => new(Entities, Mentions, recognized);

    /// <summary>Every entity mentioned at least once.</summary>
    public IReadOnlyList<ResolvedEntity> Entities { get; }

    /// <summary>Every mention, in text order.</summary>
    public IReadOnlyList<EntityMention> Mentions { get; }

    /// <summary>The entity with <paramref name="key"/>, or null.</summary>
    public ResolvedEntity? Get(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>Mentions that overlap <paramref name="span"/>, in text order.</summary>
    public IEnumerable<EntityMention> MentionsIn(TextSpan span) => Mentions.Where(m => m.Span.Overlaps(span));

    /// <summary>The entity of the mention that best covers <paramref name="span"/> (the longest overlap), or null.</summary>
    public ResolvedEntity? EntityAt(TextSpan span)
    {
        EntityMention? best = null;
        int bestOverlap = 0;
        foreach (var m in MentionsIn(span))
        {
            int overlap = Math.Min(m.Span.End, span.End) - Math.Max(m.Span.Start, span.Start);
            if (overlap > bestOverlap) (best, bestOverlap) = (m, overlap);
        }
        return best is null ? null : Get(best.EntityKey);
    }

    /// <summary>Resolves a source span from the attribution stage (a name, surname, pronoun, description, or a noun phrase holding one such as
    /// "Shi Yinhong, an international relations professor at Renmin University") to its entity: the first person mentioned in the span,
    /// else the first organisation or group, else the first entity of any type; null when the span mentions none.</summary>
    public ResolvedEntity? Resolve(TextSpan sourceMentionSpan)
    {
        ResolvedEntity? organisation = null, any = null;
        foreach (var m in MentionsIn(sourceMentionSpan))
        {
            if (Get(m.EntityKey) is not { } entity) continue;
            if (entity.Type == EntityTypes.Person) return entity;
            if (organisation is null && entity.Type is EntityTypes.Organisation or EntityTypes.Group) organisation = entity;
            any ??= entity;
        }
        return organisation ?? any;
    }
}
