using System.Text.RegularExpressions;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Text;

namespace Storyline.Attribution;

/// <summary>One attributed statement with its speaker resolved: the canonical name, role and camp, and the spans it rests on.</summary>
/// <param name="DocumentId">The stored document.</param>
/// <param name="Document">The document's input file name or URL.</param>
/// <param name="Speaker">Canonical speaker name (never a pronoun or a bare surname; an anonymous source is described).</param>
/// <param name="SpeakerKey">The speaker's entity key, or null when the source could not be resolved to an entity.</param>
/// <param name="SpeakerRole">The speaker's role or affiliation as the coverage gives it.</param>
/// <param name="Camp">The side the speaker speaks for.</param>
/// <param name="Attribution">The attribution found in the text.</param>
/// <param name="Cue">The cue's text, or null.</param>
/// <param name="Text">The content's text (parts joined).</param>
public sealed record AttributedStatement(long DocumentId, string Document, string Speaker, string? SpeakerKey, string? SpeakerRole, string Camp,
    Attribution Attribution, string? Cue, string Text)
{
    /// <summary>What <see cref="Camp"/> was classified from, kept so another camps file can re-classify the statement without analysing the text
    /// again (see <see cref="CampClassifier.Reclassify"/>); null when the speaker is unidentified (always <see cref="CampClassifier.Other"/>).</summary>
    public CampEvidence? CampInputs { get; init; }
}

/// <summary>The inputs of <see cref="CampClassifier.Classify"/> for one speaker.</summary>
/// <param name="Descriptions">Roles, affiliations, the source mention and the name, in the order the classifier reads them (blanks dropped).</param>
/// <param name="Country">The country the article is mostly about (<see cref="CampClassifier.DominantCountry"/>), or null.</param>
public sealed record CampEvidence(IReadOnlyList<string> Descriptions, string? Country);

/// <summary>Runs the language layer and the attribution stage over a document and resolves every source to a speaker and a camp.</summary>
/// <param name="camps">The camps speakers are classified in (the embedded file by default).</param>
/// <param name="entityOptions">Entity resolution options.</param>
/// <param name="attribution">The attribution extractor (<see cref="TaggedAttributionExtractor.CreateDefault"/> by default).</param>
public sealed partial class StatementExtractor(CampClassifier? camps = null, EntityResolverOptions? entityOptions = null, IAttributionExtractor? attribution = null)
{
    private readonly CampClassifier _camps = camps ?? CampClassifier.Default;
    private readonly TextAnalyzer _analyzer = new();
    private readonly NamedEntityRecognizer _recognizer = new();
    private readonly EntityResolver _resolver = new(entityOptions);
    private readonly IAttributionExtractor _extractor = attribution ?? TaggedAttributionExtractor.CreateDefault();

    /// <summary>The camps speakers are classified in.</summary>
    public CampClassifier Camps => _camps;

    /// <summary>The statements of one stored document (questions included, flagged on their attribution).</summary>
    public IReadOnlyList<AttributedStatement> Extract(StoredDocument document, CancellationToken cancellationToken = default)
    {
        var text = document.Content.Text;
        var analysis = _analyzer.Analyze(text, document.Content.Blocks, cancellationToken);
        return Extract(document, analysis, cancellationToken);
    }

    /// <summary>The statements of one stored document whose text is already analysed.</summary>
    public IReadOnlyList<AttributedStatement> Extract(StoredDocument document, TextAnalysis analysis, CancellationToken cancellationToken = default)
    {
        var text = document.Content.Text;
        var named = _recognizer.Recognize(text, analysis, cancellationToken);
        var entities = _resolver.Resolve(text, analysis, named, EntityAnalyzer.DocumentKey(document.Id), cancellationToken);
        return Extract(document, analysis, named, entities, cancellationToken);
    }

    /// <summary>The statements of one stored document whose text is analysed and whose entities are already resolved (as
    /// <see cref="Storage.IEntityStore.GetEntitiesAsync"/> returns them), so neither recognition nor resolution runs again; the
    /// recogniser's spans are taken from <paramref name="entities"/> when it keeps them, else recognised here.</summary>
    public IReadOnlyList<AttributedStatement> Extract(StoredDocument document, TextAnalysis analysis, DocumentEntities entities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(entities);
        var named = entities.Recognized ?? _recognizer.Recognize(document.Content.Text, analysis, cancellationToken);
        return Extract(document, analysis, named, entities, cancellationToken);
    }

    private List<AttributedStatement> Extract(StoredDocument document, TextAnalysis analysis, IReadOnlyList<NamedEntity> named, DocumentEntities entities, CancellationToken cancellationToken)
    {
        var text = document.Content.Text;
        var attributions = _extractor.Extract(text, analysis, named, cancellationToken);
        var statements = new List<AttributedStatement>(attributions.Count);
        var country = CampClassifier.DominantCountry(text);
        // Who each source is: an entity, or an unnamed person described by an indefinite mention.
        var resolved = new (ResolvedEntity? Entity, string? Description)[attributions.Count];
        for (int i = 0; i < attributions.Count; i++)
        {
            var a = attributions[i];
            var entity = a.Source is { } source ? entities.Resolve(source) : null;
            var mention = a.Source?.Slice(text).Trim();
            string? description = null;
            // "a journalist from Turkey said": someone unnamed, described by the mention; the place or body it names is not the speaker.
            if (entity?.Type != EntityTypes.Person && mention is not null && IndefiniteDescription().Match(mention) is { Success: true } indefinite
                && NamesAPerson(indefinite.Groups["desc"].Value))
            {
                description = indefinite.Groups["desc"].Value.TrimEnd(',', ' ');
                entity = null;
            }
            resolved[i] = (entity, description);
        }
        for (int i = 0; i < attributions.Count; i++)
            if (resolved[i].Description is { } described && NamedNext(text, analysis, attributions, resolved, entities, i, described) is { } person)
                resolved[i] = (person, null);
        for (int i = 0; i < attributions.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var a = attributions[i];
            var (entity, description) = resolved[i];
            var sourceText = a.Source?.Slice(text).Trim();
            var speaker = description is not null ? "an unnamed " + description : entity?.Name ?? SpeakerFromMention(sourceText);
            if (entity is null && description is null && speaker != UnidentifiedSpeaker && !LooksLikeSource(speaker)) speaker = UnidentifiedSpeaker;
            var role = description ?? (entity is null ? null : entity.Roles.Count > 0 ? entity.Roles[0] : entity.Affiliations.Count > 0 ? entity.Affiliations[0] : null);
            string?[] descriptions = [.. entity?.Roles ?? [], .. entity?.Affiliations ?? [], sourceText, entity?.Name];
            // Blanks are dropped here as the classifier drops them, so the stored inputs re-classify to the same camp.
            CampEvidence? inputs = speaker == UnidentifiedSpeaker ? null
                : new CampEvidence([.. descriptions.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d!)], country);
            var camp = inputs is null ? CampClassifier.Other : _camps.Classify(inputs.Descriptions, inputs.Country);
            var content = string.Join(" … ", a.Content.Parts.Select(p => p.Slice(text).Trim()));
            statements.Add(new AttributedStatement(document.Id, document.Url ?? document.InputName, speaker, entity?.Key, role, camp, a, a.Cue?.Slice(text), content)
            {
                CampInputs = inputs,
            });
        }
        return statements;
    }

    // Cataphora: "A senior official with the regional government said … . Chen Weijun, vice-chairman of the region, told a press
    // conference …" — an unnamed person introduced as a description, followed within two sentences by a person named for the first
    // time with a role appositive who speaks too, is that person, when the description and the role share a word or a kind of role.
    private static ResolvedEntity? NamedNext(string text, TextAnalysis analysis, IReadOnlyList<Attribution> attributions,
        (ResolvedEntity? Entity, string? Description)[] resolved, DocumentEntities entities, int i, string description)
    {
        if (attributions[i].Source is not { } described) return null;
        int sentence = analysis.SentenceAt(described.Start);
        for (int j = i + 1; j < attributions.Count; j++)
        {
            if (attributions[j].Source is not { } source || source.Start <= described.End) continue;
            int next = analysis.SentenceAt(source.Start);
            if (sentence < 0 || next <= sentence) continue;
            if (next - sentence > 2) return null;
            if (resolved[j].Entity is not { Type: EntityTypes.Person } person) continue;
            // The name comes with its role ("Chen Weijun, vice-chairman of …,"), and it is new: a person named before the description
            // would have been called by name there.
            var mention = source.Slice(text);
            if (!mention.Contains(',', StringComparison.Ordinal) || person.Roles.Count + person.Affiliations.Count == 0) return null;
            if (entities.Mentions.Any(m => m.EntityKey == person.Key && m.Span.End <= described.Start)) return null;
            return SameKind(description, person) ? person : null;
        }
        return null;
    }

    // "senior official with the Xinjiang regional government" and "vice-chairman of the Xinjiang Uygur autonomous region" share
    // "Xinjiang"; "a government spokesman" and "foreign ministry spokesperson" share the kind of role.
    private static bool SameKind(string description, ResolvedEntity person)
    {
        static IEnumerable<string> Words(string s) => s.Split([' ', '-', ',', '’', '\''], StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant());
        var described = Words(description).Where(w => w.Length > 3 && !RoleLexicon.Connectors.Contains(w)).ToHashSet(StringComparer.Ordinal);
        var roles = person.Roles.Concat(person.Affiliations).SelectMany(Words).ToList();
        if (roles.Any(described.Contains)) return true;
        var classes = described.Select(w => RoleLexicon.DescriptionClass.GetValueOrDefault(w)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return roles.Any(w => RoleLexicon.DescriptionClass.TryGetValue(w, out var c) && classes.Contains(c));
    }

    /// <summary>The speaker name given when the source cannot be identified.</summary>
    public const string UnidentifiedSpeaker = "unidentified speaker";

    // An unresolved source keeps its own words unless they are only a pronoun: "he" names nobody.
    private static string SpeakerFromMention(string? mention) =>
        mention is null or "" || mention.ToLowerInvariant() is "he" or "she" or "they" or "it" or "we" or "i" or "we’ve" or "we've" ? UnidentifiedSpeaker : mention;

    private static readonly string[] SourceNouns =
        ["sources", "source", "officials", "official", "analysts", "analyst", "critics", "experts", "expert", "residents", "witnesses", "diplomats", "people", "media", "activists", "researchers", "lawmakers", "authorities", "observers"];

    // People nouns beyond the resolver's description nouns (RoleLexicon.DescriptionClass, checked too).
    private static readonly HashSet<string> PersonNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "correspondent", "editor", "source", "insider", "person", "man", "woman", "resident", "worker", "employee", "doctor", "witness", "student",
        "teacher", "farmer", "villager", "officer", "soldier", "executive", "adviser", "advisor", "member", "lawmaker", "senator", "politician", "mother",
        "father", "survivor", "relative", "delegate", "negotiator", "prosecutor", "judge", "investigator", "campaigner",
    };

    // The noun phrase's head (its last word before a preposition or a participle clause) is someone: "a senior official (with ...)",
    // "a journalist (from Turkey)", not "a statement (published on Thursday)".
    private static bool NamesAPerson(string description)
    {
        var words = description.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int end = Array.FindIndex(words, w => w is "from" or "with" or "at" or "in" or "of" or "for" or "on" or "who" or "close" or "familiar" or "speaking");
        var head = (end < 0 ? words[^1] : end == 0 ? words[0] : words[end - 1]).Trim(',', '.');
        if (head.EndsWith('s') && !head.EndsWith("ss", StringComparison.Ordinal)) head = head[..^1];
        return PersonNouns.Contains(head) || RoleLexicon.DescriptionClass.ContainsKey(head);
    }

    private static readonly HashSet<string> InstitutionNouns = new(StringComparer.Ordinal)
    {
        "report", "statement", "study", "survey", "poll", "ruling", "court", "ministry", "government", "agency", "committee", "council", "office",
        "department", "commission", "embassy", "police", "army", "military", "company", "firm", "group", "spokesman", "spokeswoman", "spokesperson",
        "newspaper", "paper", "website", "union", "party", "administration", "regime", "mission", "panel", "board", "bank", "organisation", "organization",
    };

    // An unresolved mention is kept only when it reads like a noun phrase naming someone: a capitalised name, or a
    // description whose head is a source noun ("many media", "two diplomats"); fragments such as "This context" or "blocked and" are not sources.
    private static bool LooksLikeSource(string mention)
    {
        var words = mention.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Length > 12) return false;
        var first = words[0];
        if (first is "This" or "These" or "That" or "Those" or "It" or "and" or "or" or "but") return false;
        var last = words[^1].Trim(',', '.').ToLowerInvariant();
        if (SourceNouns.Contains(last)) return true;
        // "The sanctions (announced by ...)": a determiner and common nouns only name a source when the head is one that speaks.
        if (first is "The" or "A" or "An" && words.Skip(1).All(w => !char.IsUpper(w[0]))) return InstitutionNouns.Contains(last);
        return char.IsUpper(first[0]) && words.Length <= 6 && !mention.Contains(',', StringComparison.Ordinal);
    }

    // The indefinite noun phrase ends the mention; what a loose span carries before it ("Last year a reporter ...") has no comma.
    [GeneratedRegex(@"^[^,]*?\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?<desc>[a-z][\w’'-]*(?:\s+[\w’'-]+){0,8})$")]
    private static partial Regex IndefiniteDescription();
}
