using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Storyline.Entities.Resolution;
using Storyline.Text;

namespace Storyline.Entities;

/// <summary>Options for <see cref="EntityResolver"/>.</summary>
/// <param name="AliasFile">A user alias file (same format as the embedded <c>Entities/Data/aliases.txt</c>) that extends or overrides it; null for the default.</param>
/// <param name="PronounWindow">How many sentences back a pronoun looks for its person.</param>
/// <param name="DescriptionWindow">How many sentences back a description ("the spokesman") looks for its entity.</param>
public sealed record EntityResolverOptions(string? AliasFile = null, int PronounWindow = 4, int DescriptionWindow = 15)
{
    /// <summary>The defaults.</summary>
    public static EntityResolverOptions Default { get; } = new();
}

/// <summary>Who is who in one document: groups named-entity mentions, aliases, acronyms, surnames, pronouns and descriptions into entities with
/// roles and affiliations, keyed so that the same person or organisation gets the same key in every document. The work is done by the
/// steps in Entities/Resolution, run in the order <see cref="Steps"/> lists them.</summary>
public sealed partial class EntityResolver
{
    /// <summary>Version of the resolver's output; stored analyses of an older version are redone.</summary>
    public const int Version = 5;

    private readonly EntityResolverOptions _options;
    private readonly AliasTable _aliases;
    private readonly HashSet<string> _adjectives;

    /// <summary>Creates a resolver; the alias file (if any) is read now.</summary>
    public EntityResolver(EntityResolverOptions? options = null)
    {
        _options = options ?? EntityResolverOptions.Default;
        _aliases = AliasTable.Load(_options.AliasFile);
        _adjectives = new HashSet<string>(HandGazetteer.Entries.Where(e => e.Type == "MISC").Select(e => e.Phrase), StringComparer.Ordinal);
    }

    /// <summary>The resolution steps, in the order they run: candidates from every source, the choice among them, then names,
    /// surnames, roles, anonymous sources, descriptions and pronouns, each step using what the earlier ones found.</summary>
    internal static readonly IEntityStep[] Steps =
    [
        new AcronymCandidates(),
        new AliasCandidates(),
        new NerCandidates(),
        new SpeakerLabelCandidates(),
        new CandidateSelection(),
        new NameAssignment(),
        new MissedNames(),
        new SurnameResolution(),
        new RoleFinder(),
        new AnonymousSources(),
        new DescriptionsAndPronouns(),
    ];

    /// <summary>Resolves the entities of one document.</summary>
    /// <param name="text">The document's stored text.</param>
    /// <param name="analysis">Its tokens, sentences and quotations (<see cref="TextAnalyzer"/>).</param>
    /// <param name="entities">Its named entities (<see cref="NamedEntityRecognizer"/>).</param>
    /// <param name="documentKey">Identifies the document in keys of entities that only exist inside it ("doc 7").</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public DocumentEntities Resolve(string text, TextAnalysis analysis, IReadOnlyList<NamedEntity> entities, string documentKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(entities);
        var doc = new EntityWork(text, analysis, entities, documentKey, _aliases, _adjectives, _options, cancellationToken);
        foreach (var step in Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            step.Run(doc);
        }
        return doc.Result();
    }

    internal static string Normalise(string name)
    {
        var s = WhiteSpace().Replace(name.Replace('’', '\'').Trim(), " ");
        if (s.EndsWith("'s", StringComparison.Ordinal)) s = s[..^2];
        var decomposed = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    internal static string KeyOf(string type, string name) => type.ToLowerInvariant() + ":" + Normalise(name);

    [GeneratedRegex(@"\s+")]
    internal static partial Regex WhiteSpace();
}
