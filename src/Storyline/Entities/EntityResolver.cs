using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Storyline.Documents;
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
/// roles and affiliations, keyed so that the same person or organisation gets the same key in every document.</summary>
public sealed partial class EntityResolver
{
    /// <summary>Version of the resolver's output; stored analyses of an older version are redone.</summary>
    public const int Version = 3;

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
        var work = new Work(this, text, analysis, documentKey, cancellationToken);
        work.Run(entities);
        return work.Result();
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

    // Built once per document noun: two patterns per noun are more than Regex's static cache keeps.
    private static readonly Dictionary<string, (Regex Word, Regex Possessed)> NounPatterns = RoleLexicon.DocumentNouns.ToDictionary(
        n => n,
        n => (new Regex(@"\b" + n + @"\b", RegexOptions.IgnoreCase), new Regex(@"\b(?:a|its|his|her|their)\s+(?:\w+\s+)?" + n + @"\b", RegexOptions.IgnoreCase)),
        StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    // "China Global Television Network (CGTN)", "Xinjiang Production and Construction Corps (XPCC, commonly known as Bingtuan)".
    [GeneratedRegex(@"(?<long>(?:[A-Z][\w'’&-]*\s+(?:(?:of|and|for|the|on|de|in)\s+)*){0,9}[A-Z][\w'’&-]*)\s*\((?<acr>[A-Z][A-Za-z&.]{1,9})(?:\s*[,;]\s*(?:(?:commonly|also|widely|locally|better|often)\s+)?(?:known\s+as|called|or)\s+(?<alt>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}))?\)")]
    private static partial Regex DefinedAcronym();

    [GeneratedRegex(@"\b(anonymity|not to be named|not be named|declined to be named|not to be identified|declined to be identified|unnamed|anonymous)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnonymityCue();

    [GeneratedRegex(@"\b(?:[Oo]ne|[Aa]n?|[Aa]nother)\s+(?<desc>(?:(?!said\b|who\b|speaking\b)[\w-]+\s+){0,5}?(?<noun>specialist|analyst|expert|official|diplomat|source|researcher|scholar|professor|person|insider|spokesman|spokeswoman|spokesperson|adviser|advisor|lawyer|employee|worker|resident|academic|observer|officer|executive|economist|activist))\b")]
    private static partial Regex AnonymousPhrase();

    [GeneratedRegex(@"(?<![\w-])[Tt]he\s+(?<noun>[a-z]+)\b")]
    private static partial Regex DefiniteDescription();

    [GeneratedRegex(@"\b(?:Photo|Photograph|Picture|Image)s?:")]
    private static partial Regex CaptionCue();

    [GeneratedRegex(@"-(?:related|based|backed|led|owned|run|funded|affiliated|style|made|born)$", RegexOptions.IgnoreCase)]
    private static partial Regex NotAName();

    [GeneratedRegex(@"^(?:Q|A|Q\d{1,3}|A\d{1,3}|Question|Answer)$")]
    private static partial Regex QaLabel();

    private sealed class Draft
    {
        public TextSpan Span;
        public required string Surface;
        public required string Type;
        public MentionKind Kind = MentionKind.Name;
        public string? Key;
        public string? Name;
        public string? Role;
        public int Priority;
        public bool Adjective;
    }

    private sealed class Builder(string key, string name, string type)
    {
        public string Key { get; } = key;
        public string Name { get; set; } = name;
        public string Type { get; } = type;
        public List<string> Roles { get; } = [];
        public List<string> Affiliations { get; } = [];
        public List<string> Aliases { get; } = [];

        public static void AddDistinct(List<string> list, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            value = WhiteSpace().Replace(value.Trim(), " ");
            if (!list.Contains(value, StringComparer.OrdinalIgnoreCase)) list.Add(value);
        }

        // "President" adds nothing to "Chinese President"; the longer wording replaces the shorter.
        public static void AddRole(List<string> list, string value)
        {
            value = WhiteSpace().Replace(value.Trim(), " ");
            if (value.Length == 0 || list.Any(r => r.Equals(value, StringComparison.OrdinalIgnoreCase) || r.EndsWith(" " + value, StringComparison.OrdinalIgnoreCase))) return;
            int shorter = list.FindIndex(r => value.EndsWith(" " + r, StringComparison.OrdinalIgnoreCase));
            if (shorter >= 0) list[shorter] = value;
            else list.Add(value);
        }

        public ResolvedEntity Build() => new(Key, Name, Type, [.. Roles], [.. Affiliations],
            [.. Aliases.Where(a => !string.Equals(a, Name, StringComparison.OrdinalIgnoreCase))]);
    }

    private sealed class Work(EntityResolver owner, string text, TextAnalysis analysis, string documentKey, CancellationToken ct)
    {
        private readonly List<Draft> _mentions = [];
        private readonly List<Draft> _adjectives = [];
        private readonly Dictionary<string, Builder> _entities = new(StringComparer.Ordinal);
        private readonly List<TextSpan> _roleSpans = [];
        private readonly List<TextSpan> _quoteSegments = [.. analysis.Quotations.Where(q => q.Depth == 1).SelectMany(q => q.Segments)];
        private readonly Dictionary<string, (string Surface, string Type)> _learned = new(StringComparer.Ordinal);

        public void Run(IReadOnlyList<NamedEntity> entities)
        {
            var candidates = new List<Draft>();
            LearnAcronyms(candidates);
            AddAliasCandidates(candidates);
            AddNerCandidates(entities, candidates);
            AddSpeakerLabels(candidates);
            ct.ThrowIfCancellationRequested();
            Select(candidates);
            AssignNames();
            AddMissedNames();
            ResolveSurnames();
            ct.ThrowIfCancellationRequested();
            FindRoles();
            FindAnonymous();
            FindDescriptionsAndPronouns();
        }

        public DocumentEntities Result()
        {
            var used = _mentions.Where(m => m.Key is not null).ToList();
            var keys = used.Select(m => m.Key!).ToHashSet(StringComparer.Ordinal);
            return new DocumentEntities(
                [.. _entities.Values.Where(e => keys.Contains(e.Key)).Select(e => e.Build())],
                [.. used.Select(m => new EntityMention(m.Span, m.Key!, m.Kind, m.Role))]);
        }

        // ---- candidates -------------------------------------------------------------------------------------------------

        private void LearnAcronyms(List<Draft> candidates)
        {
            foreach (Match m in DefinedAcronym().Matches(text))
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
                var longSurface = longSpan.Slice(text);
                var type = owner._aliases.Lookup(Squash(longSurface)) is { } hit ? hit.Entry.Type : EntityTypes.Organisation;
                candidates.Add(new Draft { Span = longSpan, Surface = longSurface, Type = type, Priority = 3 });
                _learned[acronym] = (longSurface, type);
                if (m.Groups["alt"].Success) _learned[m.Groups["alt"].Value] = (longSurface, type);
            }
            foreach (var (surface, _) in _learned)
            {
                foreach (var (start, length) in WordOccurrences.Find(text, surface, flexibleSpaces: false))
                    candidates.Add(new Draft { Span = new TextSpan(start, length), Surface = surface, Type = EntityTypes.Organisation, Priority = 3 });
            }
        }

        private static string Initials(IEnumerable<(string Word, int Offset)> words) =>
            new([.. words.Where(w => char.IsUpper(w.Word[0])).Select(w => w.Word[0])]);

        private static List<(string Word, int Offset)> WordsOf(string phrase) =>
            [.. Regex.Matches(phrase, @"[^\s]+").Select(m => (m.Value, m.Index))];

        private void AddAliasCandidates(List<Draft> candidates)
        {
            foreach (Match m in owner._aliases.Pattern.Matches(text))
            {
                var span = new TextSpan(m.Index, m.Length);
                var surface = Squash(m.Value);
                var hit = owner._aliases.Lookup(surface);
                if (hit is null && surface.EndsWith('s'))
                {
                    hit = owner._aliases.Lookup(surface[..^1]);
                    if (hit is { } h && h.Entry.Type != EntityTypes.Group)
                    {
                        // Only groups take a plural; "USs" is not a name.
                        continue;
                    }
                }
                if (hit is not { } found) continue;
                candidates.Add(new Draft { Span = span, Surface = m.Value, Type = found.Entry.Type, Priority = 2, Adjective = found.Use == AliasUse.Adjective });
            }
        }

        private void AddNerCandidates(IReadOnlyList<NamedEntity> entities, List<Draft> candidates)
        {
            foreach (var e in entities)
            {
                var span = e.Span;
                var type = e.Type switch { "PER" => EntityTypes.Person, "ORG" => EntityTypes.Organisation, "LOC" => EntityTypes.Place, _ => EntityTypes.Other };
                var surface = span.Slice(text);
                // Titles and articles are not part of a name ("President Xi Jinping", "the United Nations").
                var words = WordsOf(surface);
                int drop = 0;
                while (drop < words.Count - 1 && (words[drop].Word is "the" or "The"
                    || (type == EntityTypes.Person && (RoleLexicon.Heads.Contains(words[drop].Word.TrimEnd('.')) || owner._adjectives.Contains(words[drop].Word) || IsTitleAbbreviation(words[drop].Word)))))
                    drop++;
                if (drop > 0)
                {
                    span = TextSpan.FromBounds(span.Start + words[drop].Offset, span.End);
                    surface = span.Slice(text);
                }
                // "vice-minister for foreign affairs Le Yucheng": two or three name words right after a title are a person whatever the tagger says.
                if (type != EntityTypes.Person && LooksLikeTitledName(span, surface)) type = EntityTypes.Person;
                // "Chinese Human Rights Defenders" is an organisation whatever the tagger says.
                if (type == EntityTypes.Person && WordsOf(surface).Any(w => OrganisationWords.Contains(w.Word) || NotPersonWords.Contains(w.Word))) type = EntityTypes.Organisation;
                if (type is EntityTypes.Organisation or EntityTypes.Other or EntityTypes.Place && SplitTrailingPerson(span) is { } split)
                {
                    // "XUAR Parhat Azim", "CPC Xinjiang Committee Xu Guixiang": a title's organisation run into the name after it.
                    candidates.Add(new Draft { Span = split.Person, Surface = split.Person.Slice(text), Type = EntityTypes.Person, Priority = 1 });
                    span = split.Organisation;
                    surface = span.Slice(text);
                    if (owner._aliases.Lookup(Squash(surface)) is { } restAlias) type = restAlias.Entry.Type;
                }
                if (type == EntityTypes.Other && (char.IsLower(surface[0]) || NotAName().IsMatch(surface))) continue;
                if (type == EntityTypes.Other)
                {
                    // Nationality adjectives are not entities; plural nouns of peoples are groups ("Kazakhs").
                    if (owner._adjectives.Contains(surface) && !surface.EndsWith('s')) continue;
                    if (!surface.Contains(' ', StringComparison.Ordinal) && surface.Length > 4 && surface.EndsWith('s') && char.IsUpper(surface[0])) type = EntityTypes.Group;
                }
                candidates.Add(new Draft { Span = span, Surface = surface, Type = type, Priority = 1 });
            }
        }

        private static readonly HashSet<string> OrganisationWords = new(StringComparer.OrdinalIgnoreCase)
        {
            "committee", "department", "office", "commission", "government", "council", "ministry", "party", "university", "corps", "bureau",
            "agency", "association", "institute", "administration", "authority", "court", "congress", "assembly", "federation", "union",
            "company", "group", "bank", "network", "news", "service", "centre", "center", "foundation", "organisation", "organization",
        };

        private static readonly HashSet<string> NotPersonWords = new(StringComparer.OrdinalIgnoreCase) { "rights", "defenders", "watch", "forces", "times", "post", "daily", "international" };

        private (TextSpan Organisation, TextSpan Person)? SplitTrailingPerson(TextSpan span)
        {
            var words = WordsOf(span.Slice(text));
            if (words.Count < 3) return null;
            // The organisation part ends at its last organisation word, or is a leading acronym or alias ("XUAR").
            int cut = -1;
            for (int i = 0; i < words.Count; i++)
                if (OrganisationWords.Contains(words[i].Word)) cut = i;
            if (cut < 0 && (words[0].Word.All(c => char.IsUpper(c) || c == '.') || owner._aliases.Lookup(words[0].Word) is { Use: not AliasUse.Adjective })) cut = 0;
            int rest = words.Count - cut - 1;
            if (cut < 0 || rest is < 2 or > 3) return null;
            for (int i = cut + 1; i < words.Count; i++)
            {
                var w = words[i].Word;
                if (!char.IsUpper(w[0]) || w.All(char.IsUpper) || owner._aliases.Lookup(w) is not null || owner._adjectives.Contains(w) || NotPersonWords.Contains(w)) return null;
            }
            int personStart = span.Start + words[cut + 1].Offset;
            int restEnd = span.Start + words[cut].Offset + words[cut].Word.Length;
            return (TextSpan.FromBounds(span.Start, restEnd), TextSpan.FromBounds(personStart, span.End));
        }

        private bool LooksLikeTitledName(TextSpan span, string surface)
        {
            var words = WordsOf(surface);
            if (words.Count is < 2 or > 3 || owner._aliases.Lookup(Squash(surface)) is not null) return false;
            if (words.Any(w => !char.IsUpper(w.Word[0]) || w.Word.All(char.IsUpper) || OrganisationWords.Contains(w.Word) || NotPersonWords.Contains(w.Word)
                || owner._aliases.Lookup(w.Word) is not null || owner._adjectives.Contains(w.Word))) return false;
            int t = TokenAt(span.Start);
            if (t <= 0) return false;
            var previous = analysis.Tokens[t - 1].Text(text);
            return IsHead(previous) || words.Count == 2 && RoleLexicon.ChineseSurnames.Contains(words[0].Word) && IsRoleWord(previous);
        }

        private static bool IsTitleAbbreviation(string word) => word.TrimEnd('.') is "Mr" or "Mrs" or "Ms" or "Dr" or "Prof" or "Gen" or "Sen" or "Rep" or "Gov" or "Sir" or "Dame";

        private void AddSpeakerLabels(List<Draft> candidates)
        {
            foreach (var block in analysis.Blocks)
            {
                if (block.SpeakerLabel is not { } label) continue;
                var name = TextSpan.FromBounds(label.Start, label.End - 1);
                var surface = name.Slice(text).Trim();
                var words = surface.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length < 2 || QaLabel().IsMatch(surface) || owner._aliases.Lookup(surface) is not null) continue;
                if (words.Any(w => RoleLexicon.Heads.Contains(w) || RoleLexicon.NotTitle.Contains(w))) continue;
                candidates.Add(new Draft { Span = new TextSpan(name.Start, surface.Length), Surface = surface, Type = EntityTypes.Person, Priority = 4 });
            }
        }

        // Longest candidates first; on equal length the stronger source wins; overlapping weaker candidates are dropped.
        private void Select(List<Draft> candidates)
        {
            var chosen = new List<Draft>();
            foreach (var c in candidates.OrderByDescending(c => c.Span.Length).ThenByDescending(c => c.Priority).ThenBy(c => c.Span.Start))
            {
                if (c.Span.Length == 0 || chosen.Any(x => x.Span.Overlaps(c.Span))) continue;
                chosen.Add(c);
            }
            foreach (var c in chosen.OrderBy(c => c.Span.Start))
            {
                if (c.Adjective) _adjectives.Add(c);
                else _mentions.Add(c);
            }
        }

        // ---- names ----------------------------------------------------------------------------------------------------

        private void AssignNames()
        {
            var typeOfSurface = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var m in _mentions)
            {
                var surface = Squash(m.Surface);
                if (_learned.TryGetValue(surface, out var longForm))
                {
                    var (key, name, type) = CanonicalOf(longForm.Surface, longForm.Type);
                    Set(m, key, name, type, surface.All(c => char.IsUpper(c) || c == '.' || c == '&') ? MentionKind.Acronym : MentionKind.Alias);
                    continue;
                }
                var hit = owner._aliases.Lookup(surface);
                if (hit is null && surface.EndsWith('s') && owner._aliases.Lookup(surface[..^1]) is { Entry.Type: EntityTypes.Group } plural) hit = plural;
                if (hit is { } alias)
                {
                    var entry = alias.Entry;
                    if (alias.Use == AliasUse.Metonym && AfterLocativePreposition(m.Span.Start))
                    {
                        Set(m, KeyOf(EntityTypes.Place, surface), surface, EntityTypes.Place, MentionKind.Name);
                        continue;
                    }
                    var kind = string.Equals(surface, entry.Canonical, StringComparison.OrdinalIgnoreCase) || string.Equals(surface, entry.Canonical + "s", StringComparison.OrdinalIgnoreCase)
                        ? MentionKind.Name
                        : surface.Length <= 6 && surface.All(c => char.IsUpper(c) || c == '.') ? MentionKind.Acronym : MentionKind.Alias;
                    Set(m, KeyOf(entry.Type, entry.Canonical), entry.Canonical, entry.Type, kind);
                    continue;
                }
                if (m.Type == EntityTypes.Person)
                {
                    if (surface.Contains(' ', StringComparison.Ordinal)) Set(m, KeyOf(EntityTypes.Person, surface), surface, EntityTypes.Person, MentionKind.Name);
                    else m.Kind = MentionKind.Surname; // resolved once every full name is known
                    continue;
                }
                // The tagger may type the same name differently in two sentences ("West"): the first reading holds for the document.
                if (typeOfSurface.TryGetValue(surface, out var firstType)) m.Type = firstType;
                else typeOfSurface[surface] = m.Type;
                var (k, n, t) = CanonicalOf(surface, m.Type);
                Set(m, k, n, t, MentionKind.Name);
            }
        }

        private (string Key, string Name, string Type) CanonicalOf(string surface, string type)
        {
            var s = Squash(surface);
            if (owner._aliases.Lookup(s) is { } alias) return (KeyOf(alias.Entry.Type, alias.Entry.Canonical), alias.Entry.Canonical, alias.Entry.Type);
            if (s.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) s = s[4..];
            if (type == EntityTypes.Group && s.EndsWith('s') && !s.EndsWith("ss", StringComparison.Ordinal)) s = s[..^1];
            return (KeyOf(type, s), s, type);
        }

        private void Set(Draft m, string key, string name, string type, MentionKind kind)
        {
            m.Key = key;
            m.Name = name;
            m.Kind = kind;
            if (!_entities.TryGetValue(key, out var b)) _entities[key] = b = new Builder(key, name, type);
            else if (type == EntityTypes.Person && kind == MentionKind.Name && name.Length > b.Name.Length) b.Name = name;
            if (kind is MentionKind.Name or MentionKind.Alias or MentionKind.Acronym or MentionKind.Surname) Builder.AddDistinct(b.Aliases, Squash(m.Surface));
        }

        private bool AfterLocativePreposition(int position)
        {
            int t = TokenAt(position);
            if (t <= 0) return false;
            var previous = analysis.Tokens[t - 1].Text(text);
            return previous is "in" or "at" or "to" or "from" or "near" or "into" or "outside" or "inside" or "around" or "across" or "via" or "visited" or "visit" or "arrived" or "leave" or "left";
        }

        // Full names and surnames the tagger missed elsewhere in the text ("Wang said" after "Wang Yiwei").
        private void AddMissedNames()
        {
            var people = _mentions.Where(m => m.Type == EntityTypes.Person && m.Kind == MentionKind.Name && m.Key is not null).ToList();
            var forms = new Dictionary<string, (string Type, bool Full)>(StringComparer.Ordinal);
            foreach (var p in people)
            {
                var name = Squash(p.Surface);
                forms[name] = (EntityTypes.Person, true);
                var words = name.Split(' ');
                var surname = SurnameOf(words);
                if (!CommonWords.Contains(surname)) forms.TryAdd(surname, (EntityTypes.Person, false));
            }
            var added = new List<Draft>();
            foreach (var (form, info) in forms.OrderByDescending(f => f.Key.Length))
            {
                foreach (var (start, length) in WordOccurrences.Find(text, form, flexibleSpaces: true))
                {
                    var span = new TextSpan(start, length);
                    if (_mentions.Any(x => x.Span.Overlaps(span)) || added.Any(x => x.Span.Overlaps(span))) continue;
                    var d = new Draft { Span = span, Surface = span.Slice(text), Type = EntityTypes.Person, Kind = info.Full ? MentionKind.Name : MentionKind.Surname };
                    if (info.Full) Set(d, KeyOf(EntityTypes.Person, form), form, EntityTypes.Person, MentionKind.Name);
                    added.Add(d);
                }
            }
            _mentions.AddRange(added);
            _mentions.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        }

        // Surnames that are also everyday words are only taken from the tagger, never matched on their own ("He said").
        private static readonly HashSet<string> CommonWords = new(StringComparer.OrdinalIgnoreCase) { "he", "she", "it", "we", "us", "so", "long", "may", "will", "young", "king", "hope", "ma", "an", "do", "go", "to", "on", "in", "no", "mo", "ye", "yu", "lee" };

        private static string SurnameOf(string[] words) =>
            words.Length is 2 or 3 && RoleLexicon.ChineseSurnames.Contains(words[0]) ? words[0] : words[^1];

        // A surname is the nearest preceding full name that has it (Chinese or Western order), else the nearest following one.
        private void ResolveSurnames()
        {
            var full = _mentions.Where(m => m.Type == EntityTypes.Person && m.Kind == MentionKind.Name && m.Key is not null).ToList();
            foreach (var m in _mentions.Where(m => m.Kind == MentionKind.Surname && m.Key is null))
            {
                var surname = Squash(m.Surface);
                bool Matches(Draft f)
                {
                    var words = Squash(f.Surface).Split(' ');
                    return string.Equals(words[0], surname, StringComparison.OrdinalIgnoreCase) || string.Equals(words[^1], surname, StringComparison.OrdinalIgnoreCase);
                }
                var target = full.LastOrDefault(f => f.Span.Start < m.Span.Start && Matches(f)) ?? full.FirstOrDefault(f => f.Span.Start > m.Span.Start && Matches(f));
                if (target is not null) Set(m, target.Key!, target.Name!, EntityTypes.Person, MentionKind.Surname);
                else if (!SentenceInitialGuess(m)) Set(m, $"person:{documentKey}/{Normalise(surname)}", surname, EntityTypes.Person, MentionKind.Surname);
            }
            // The tagger sometimes calls a surname an organisation or place ("In July, Xi visited"): a name word of a person in the text wins.
            var nameWords = full.SelectMany(f => Squash(f.Surface).Split(' ')).ToHashSet(StringComparer.Ordinal);
            foreach (var m in _mentions.Where(m => m.Kind == MentionKind.Name && m.Type != EntityTypes.Person && m.Key is not null && owner._aliases.Lookup(Squash(m.Surface)) is null))
            {
                var surname = Squash(m.Surface);
                if (surname.Contains(' ', StringComparison.Ordinal) || !nameWords.Contains(surname)) continue;
                var target = full.LastOrDefault(f => f.Span.Start < m.Span.Start && Squash(f.Surface).Split(' ').Contains(surname)) ?? full.First(f => Squash(f.Surface).Split(' ').Contains(surname));
                m.Type = EntityTypes.Person;
                Set(m, target.Key!, target.Name!, EntityTypes.Person, MentionKind.Surname);
            }
        }

        // A lone capitalised word opening a sentence that matches nobody is more often a tagging error ("Dear friends", "Trainees’ right") than a person.
        private bool SentenceInitialGuess(Draft m)
        {
            int t = TokenAt(m.Span.Start);
            int s = SentenceOfToken(t);
            if (s < 0 || analysis.Sentences[s].FirstToken != t) return false;
            return t + 1 >= analysis.Tokens.Count || analysis.Tokens[t + 1].Text(text) is not ("said" or "says" or "told" or "added");
        }

        // ---- roles and affiliations -------------------------------------------------------------------------------------------

        private void FindRoles()
        {
            foreach (var m in _mentions.ToList())
            {
                if (m.Key is null) continue;
                if (m.Type == EntityTypes.Person && m.Kind == MentionKind.Name) TitleBefore(m);
                if (m.Type is EntityTypes.Person or EntityTypes.Organisation && m.Kind is MentionKind.Name or MentionKind.Surname or MentionKind.Acronym or MentionKind.Alias)
                    Apposition(m);
            }
        }

        private void TitleBefore(Draft m)
        {
            int first = TokenAt(m.Span.Start);
            if (first <= 0) return;
            int sentence = SentenceOfToken(first);
            if (sentence < 0) return;
            int j = first - 1;
            int left = first;
            while (j >= 0 && SentenceOfToken(j) == sentence && first - j <= 16)
            {
                var token = analysis.Tokens[j];
                if (token.Kind is not (TokenKind.Word or TokenKind.Abbreviation)) break;
                if (_mentions.Any(x => x != m && x.Type == EntityTypes.Person && x.Span.Overlaps(token.Span))) break;
                var word = token.Text(text);
                bool ok = RoleLexicon.Connectors.Contains(word)
                    || (char.IsUpper(word[0]) && !RoleLexicon.NotTitle.Contains(word))
                    || IsRoleWord(word)
                    || (word == "The" && j > 0 && SentenceOfToken(j - 1) == sentence);
                if (!ok) break;
                left = j;
                j--;
            }
            int head = -1;
            for (int k = left; k < first; k++)
            {
                if (IsHead(analysis.Tokens[k].Text(text))) { head = k; break; }
            }
            if (head < 0) return;
            int start = head;
            while (start - 1 >= left)
            {
                var w = analysis.Tokens[start - 1].Text(text);
                if (RoleLexicon.Connectors.Contains(w) || RoleLexicon.NotTitle.Contains(w) && w != "then") break;
                start--;
            }
            if (analysis.Tokens[start].Text(text) == "then") start++;
            if (start >= first) return;
            var span = TextSpan.FromBounds(analysis.Tokens[start].Span.Start, analysis.Tokens[first - 1].Span.End);
            AddRole(m, span, span.Slice(text), null);
        }

        private static bool IsRoleWord(string word)
        {
            var w = word.ToLowerInvariant();
            if (RoleLexicon.Heads.Contains(w) || RoleLexicon.Modifiers.Contains(w)) return true;
            return w.Contains('-', StringComparison.Ordinal) && w.Split('-').Any(p => RoleLexicon.Heads.Contains(p) || RoleLexicon.Modifiers.Contains(p));
        }

        private static bool IsHead(string word)
        {
            var w = word.TrimEnd('.');
            return RoleLexicon.Heads.Contains(w) && !string.Equals(w, "deputy", StringComparison.OrdinalIgnoreCase)
                || w.Contains('-', StringComparison.Ordinal) && RoleLexicon.Heads.Contains(w.Split('-')[^1]);
        }

        private void Apposition(Draft m)
        {
            int after = TokenAt(m.Span.End - 1) + 1;
            // Possessive split and closing quote are not an apposition boundary; only a comma is.
            if (after >= analysis.Tokens.Count || analysis.Tokens[after].Text(text) != ",") return;
            int sentence = SentenceOfToken(after);
            int k = after + 1;
            if (k >= analysis.Tokens.Count || SentenceOfToken(k) != sentence) return;
            var first = analysis.Tokens[k].Text(text);
            bool determiner = first is "a" or "an" or "the" or "another" or "one" or "A" or "An" or "The";
            int start = determiner ? k + 1 : k;
            if (start >= analysis.Tokens.Count || SentenceOfToken(start) != sentence) return;
            var startWord = analysis.Tokens[start].Text(text);
            if (!determiner && (!char.IsLower(startWord[0]) || !IsRoleWord(startWord))) return;
            int end = start;
            while (end < analysis.Tokens.Count && SentenceOfToken(end) == sentence && end - start < 24)
            {
                var token = analysis.Tokens[end];
                var w = token.Text(text);
                if (token.Kind is TokenKind.OpenQuote or TokenKind.CloseQuote or TokenKind.AmbiguousQuote or TokenKind.Dash) break;
                if (token.Kind == TokenKind.Punctuation && w is "," or "." or ";" or ":" or "(" or ")" or "?" or "!") break;
                if (end > start && RoleLexicon.ClauseStarters.Contains(w)) break;
                end++;
            }
            if (end <= start) return;
            var words = Enumerable.Range(start, end - start).Select(i => analysis.Tokens[i].Text(text)).ToList();
            var heads = m.Type == EntityTypes.Person ? RoleLexicon.Heads : RoleLexicon.OrganisationHeads;
            if (!words.Take(8).Any(w => heads.Contains(w.TrimEnd('.')) || w.Contains('-', StringComparison.Ordinal) && heads.Contains(w.Split('-')[^1]))) return;
            // A person named inside the apposition means a list, not a description ("Wang Huning, Cai Qi and ...").
            var span = TextSpan.FromBounds(analysis.Tokens[start].Span.Start, analysis.Tokens[end - 1].Span.End);
            if (_mentions.Any(x => x != m && x.Type == EntityTypes.Person && x.Kind == MentionKind.Name && x.Span.Overlaps(span))) return;
            // Split "professor at Renmin University": the role is the profession, the rest its affiliation.
            string role = span.Slice(text);
            TextSpan? rest = null;
            for (int i = start + 1; i < end - 1; i++)
            {
                var w = analysis.Tokens[i].Text(text);
                if (w is not ("at" or "with" or "for" or "of" or "in")) continue;
                var restSpan = TextSpan.FromBounds(analysis.Tokens[i + 1].Span.Start, span.End);
                bool named = _mentions.Any(x => x.Key is not null && x.Type is EntityTypes.Organisation or EntityTypes.Place && restSpan.Start <= x.Span.Start && x.Span.End <= restSpan.End)
                    || char.IsUpper(text[restSpan.Start]) || restSpan.Slice(text).StartsWith("the ", StringComparison.Ordinal) && char.IsUpper(text[Math.Min(restSpan.Start + 4, text.Length - 1)]);
                if (!named) continue;
                if (w is "at" or "with") role = TextSpan.FromBounds(span.Start, analysis.Tokens[i - 1].Span.End).Slice(text);
                rest = restSpan;
                break;
            }
            AddRole(m, span, role, rest);
        }

        private void AddRole(Draft m, TextSpan span, string role, TextSpan? rest)
        {
            role = Squash(role);
            if (role.Length == 0 || m.Key is null) return;
            _roleSpans.Add(span);
            m.Role ??= role;
            var entity = _entities[m.Key];
            Builder.AddRole(entity.Roles, role);
            var inside = _mentions.Where(x => x != m && x.Key is not null && x.Type is EntityTypes.Organisation or EntityTypes.Place && span.Start <= x.Span.Start && x.Span.End <= span.End).ToList();
            foreach (var x in inside)
            {
                // A tagger's organisation that starts with a title word is the title itself ("Spokesperson of the Information Office").
                var name = _entities[x.Key!].Name;
                if (!RoleLexicon.Heads.Contains(name.Split(' ')[0])) Builder.AddDistinct(entity.Affiliations, name);
            }
            foreach (var a in _adjectives.Where(a => span.Start <= a.Span.Start && a.Span.End <= span.End))
            {
                if (owner._aliases.Lookup(Squash(a.Surface)) is { } hit) Builder.AddDistinct(entity.Affiliations, hit.Entry.Canonical);
            }
            if (rest is { } r)
            {
                var restText = Squash(r.Slice(text));
                if (restText.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) restText = restText[4..];
                // Only wording the named entities do not already cover is kept ("Chinese mission at the UN", not "Commission’s Equipment Department").
                var uncovered = r.Slice(text);
                foreach (var x in inside.Where(x => r.Start <= x.Span.Start && x.Span.End <= r.End).OrderByDescending(x => x.Span.Start))
                    uncovered = uncovered.Remove(x.Span.Start - r.Start, x.Span.Length);
                bool covered = uncovered.Replace("’s", " ", StringComparison.Ordinal).Replace("'s", " ", StringComparison.Ordinal)
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w => RoleLexicon.Connectors.Contains(w));
                if (!covered) Builder.AddDistinct(entity.Affiliations, restText);
            }
        }

        // ---- anonymous sources, descriptions and pronouns --------------------------------------------------------------------

        private void FindAnonymous()
        {
            foreach (var sentence in analysis.Sentences)
            {
                var s = sentence.Span.Slice(text);
                if (!AnonymityCue().IsMatch(s)) continue;
                var m = AnonymousPhrase().Match(s);
                if (!m.Success) continue;
                var span = new TextSpan(sentence.Span.Start + m.Index, m.Length);
                if (IsQuoted(span.Start) || _mentions.Any(x => x.Span.Overlaps(span))) continue;
                var description = Squash(m.Groups["desc"].Value);
                var key = $"person:{documentKey}/anon:{Normalise(description)}";
                var d = new Draft { Span = span, Surface = m.Value, Type = EntityTypes.Person, Role = description };
                Set(d, key, "an unnamed " + description, EntityTypes.Person, MentionKind.Description);
                Builder.AddDistinct(_entities[key].Roles, description);
                _mentions.Add(d);
            }
            _mentions.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        }

        private void FindDescriptionsAndPronouns()
        {
            var issuers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var found = new List<Draft>();
            // Events in text order: existing mentions, candidate descriptions and pronouns.
            var pending = new List<(int Start, Action Act)>();
            foreach (Match m in DefiniteDescription().Matches(text))
            {
                var noun = m.Groups["noun"].Value;
                var span = new TextSpan(m.Index, m.Length);
                if (IsQuoted(span.Start) || _roleSpans.Any(r => r.Overlaps(span)) || _mentions.Any(x => x.Span.Overlaps(span))) continue;
                // "the spokesman Zhao Lijian" is a title, not a description.
                int next = TokenAt(span.End - 1) + 1;
                if (next < analysis.Tokens.Count && char.IsUpper(text[analysis.Tokens[next].Span.Start]) && analysis.Tokens[next].Kind == TokenKind.Word) continue;
                if (RoleLexicon.DescriptionClass.ContainsKey(noun))
                    pending.Add((span.Start, () => ResolvePersonDescription(span, noun, found)));
                else if (RoleLexicon.DocumentNouns.Contains(noun))
                    pending.Add((span.Start, () => ResolveDocumentDescription(span, noun, issuers, found)));
            }
            foreach (var sentence in analysis.Sentences)
            {
                foreach (var noun in RoleLexicon.DocumentNouns)
                {
                    var s = sentence;
                    pending.Add((sentence.Span.Start, () => LearnIssuer(s, noun, issuers)));
                }
            }
            for (int i = 0; i < analysis.Tokens.Count; i++)
            {
                var token = analysis.Tokens[i];
                if (token.Kind != TokenKind.Word) continue;
                var w = token.Text(text);
                if (w is "he" or "He" or "she" or "She")
                {
                    int index = i;
                    pending.Add((token.Span.Start, () => ResolvePronoun(index, found)));
                }
                else if (w is "they" or "They" && i + 1 < analysis.Tokens.Count && analysis.Tokens[i + 1].Text(text) is "said" or "say" or "told" or "added" or "argued" or "claimed" or "insisted" or "warned" or "stated")
                {
                    int index = i;
                    pending.Add((token.Span.Start, () => ResolveThey(index, found)));
                }
            }
            foreach (var (_, act) in pending.OrderBy(p => p.Start))
            {
                ct.ThrowIfCancellationRequested();
                act();
            }
            _mentions.AddRange(found);
            _mentions.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        }

        private IEnumerable<Draft> Before(int position, List<Draft> found) =>
            _mentions.Concat(found).Where(x => x.Key is not null && x.Span.End <= position).OrderByDescending(x => x.Span.Start);

        private void ResolvePersonDescription(TextSpan span, string noun, List<Draft> found)
        {
            int sentence = analysis.SentenceAt(span.Start);
            var cls = RoleLexicon.DescriptionClass[noun];
            Builder? best = null;
            foreach (var x in Before(span.Start, found))
            {
                if (sentence - analysis.SentenceAt(x.Span.Start) > owner._options.DescriptionWindow) break;
                if (IsQuoted(x.Span.Start) || _entities[x.Key!] is not { Type: EntityTypes.Person } e) continue;
                var words = e.Roles.SelectMany(r => r.Split(' ', '-')).ToList();
                // The nearest person whose role is of the same kind: "the analyst" after "a specialist".
                if (words.Any(w => RoleLexicon.DescriptionClass.TryGetValue(w, out var c) && c == cls))
                {
                    best = e;
                    break;
                }
            }
            if (best is null) return;
            var d = new Draft { Span = span, Surface = span.Slice(text), Type = EntityTypes.Person };
            Set(d, best.Key, best.Name, EntityTypes.Person, MentionKind.Description);
            found.Add(d);
        }

        // "In a statement, Liu Yuyin said ..." and "The United Nations report" tell who issued the statement or report.
        private void LearnIssuer(Sentence sentence, string noun, Dictionary<string, string> issuers)
        {
            var s = sentence.Span.Slice(text);
            foreach (Match m in NounPatterns[noun].Word.Matches(s))
            {
                int position = sentence.Span.Start + m.Index;
                if (!IsQuoted(position) && LearnIssuerAt(sentence, s, position, noun, issuers)) return;
            }
        }

        private bool LearnIssuerAt(Sentence sentence, string s, int position, string noun, Dictionary<string, string> issuers)
        {
            // The issuer named just before the noun ("UN report", "Bachelet's report", "the UN body report").
            var before = _mentions.Where(x => x.Key is not null && x.Span.End <= position && position - x.Span.End <= 30 && x.Span.Start >= sentence.Span.Start
                && _entities[x.Key!].Type is EntityTypes.Person or EntityTypes.Organisation).OrderByDescending(x => x.Span.End).FirstOrDefault();
            if (before is not null && IsNounModifierGap(text.AsSpan(before.Span.End, position - before.Span.End).ToString()))
            {
                issuers[noun] = before.Key!;
                return true;
            }
            // "In a statement ..., Liu Yuyin ... said": the first person or organisation named outside quotes in the sentence.
            if (NounPatterns[noun].Possessed.IsMatch(s))
            {
                var issuer = _mentions.FirstOrDefault(x => x.Key is not null && sentence.Span.Start <= x.Span.Start && x.Span.End <= sentence.Span.End && !IsQuoted(x.Span.Start)
                    && _entities[x.Key!].Type is EntityTypes.Person or EntityTypes.Organisation);
                if (issuer is not null)
                {
                    issuers[noun] = issuer.Key!;
                    return true;
                }
            }
            return false;
        }

        // Between an issuer and its document only a possessive and modifiers may stand ("UN body report", "Bachelet's report"), not "said the".
        private static bool IsNounModifierGap(string gap)
        {
            var words = gap.Replace("’s", " ", StringComparison.Ordinal).Replace("'s", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words.Length <= 3 && words.All(w => w.All(c => char.IsLetter(c) || c == '-')
                && !RoleLexicon.NotTitle.Contains(w) && !RoleLexicon.ClauseStarters.Contains(w) && !RoleLexicon.Connectors.Contains(w));
        }

        private void ResolveDocumentDescription(TextSpan span, string noun, Dictionary<string, string> issuers, List<Draft> found)
        {
            if (!issuers.TryGetValue(noun, out var key)) return;
            var d = new Draft { Span = span, Surface = span.Slice(text), Type = _entities[key].Type, Role = noun.ToLowerInvariant() };
            Set(d, key, _entities[key].Name, _entities[key].Type, MentionKind.Description);
            found.Add(d);
        }

        private void ResolvePronoun(int tokenIndex, List<Draft> found)
        {
            var token = analysis.Tokens[tokenIndex];
            if (IsQuoted(token.Span.Start)) return;
            // "he or she" refers to nobody in particular.
            if (tokenIndex + 2 < analysis.Tokens.Count && analysis.Tokens[tokenIndex + 1].Text(text) == "or") return;
            if (tokenIndex >= 2 && analysis.Tokens[tokenIndex - 1].Text(text) == "or") return;
            int sentence = analysis.SentenceAt(token.Span.Start);
            // A pronoun opening its sentence ("He articulated …") continues the previous sentence's subject, the person it names first
            // ("President Xi was accompanied by officials, including Wang Huning and Cai Qi."), not the person named last (centering: the
            // subject is the likeliest next topic). Elsewhere in a sentence the nearest person is taken.
            var candidates = Before(token.Span.Start, found).Where(x => !IsQuoted(x.Span.Start) && !IsCaption(x.Span.Start) && _entities[x.Key!].Type == EntityTypes.Person);
            if (OpensSentence(tokenIndex, sentence) && candidates.FirstOrDefault() is { } nearest && analysis.SentenceAt(nearest.Span.Start) is var previous && previous < sentence)
                candidates = candidates.Where(x => analysis.SentenceAt(x.Span.Start) == previous).OrderBy(x => x.Span.Start).Take(1).Concat(candidates);
            foreach (var x in candidates)
            {
                int back = sentence - analysis.SentenceAt(x.Span.Start);
                if (back > owner._options.PronounWindow) break;
                var d = new Draft { Span = token.Span, Surface = token.Text(text), Type = EntityTypes.Person };
                Set(d, x.Key!, _entities[x.Key!].Name, EntityTypes.Person, MentionKind.Pronoun);
                found.Add(d);
                return;
            }
        }

        // The token is its sentence's first word (opening quotation marks aside).
        private bool OpensSentence(int tokenIndex, int sentence)
        {
            if (sentence < 0) return false;
            for (int j = tokenIndex - 1; j >= 0 && analysis.Tokens[j].Span.Start >= analysis.Sentences[sentence].Span.Start; j--)
                if (analysis.Tokens[j].Kind is TokenKind.Word or TokenKind.Abbreviation or TokenKind.Number) return false;
            return true;
        }

        private void ResolveThey(int tokenIndex, List<Draft> found)
        {
            var token = analysis.Tokens[tokenIndex];
            if (IsQuoted(token.Span.Start)) return;
            int sentence = analysis.SentenceAt(token.Span.Start);
            foreach (var x in Before(token.Span.Start, found))
            {
                if (sentence - analysis.SentenceAt(x.Span.Start) > 1) break;
                if (IsQuoted(x.Span.Start) || _entities[x.Key!].Type is not (EntityTypes.Organisation or EntityTypes.Group)) continue;
                var d = new Draft { Span = token.Span, Surface = token.Text(text), Type = _entities[x.Key!].Type };
                Set(d, x.Key!, _entities[x.Key!].Name, _entities[x.Key!].Type, MentionKind.Pronoun);
                found.Add(d);
                return;
            }
        }

        // ---- positions ------------------------------------------------------------------------------------------------

        private bool IsQuoted(int position) => _quoteSegments.Any(q => q.Start < position && position < q.End);

        private bool IsCaption(int position)
        {
            int s = analysis.SentenceAt(position);
            if (s < 0) return false;
            var sentence = analysis.Sentences[s];
            var block = analysis.Blocks.FirstOrDefault(b => b.Span.Start <= sentence.Span.Start && sentence.Span.End <= b.Span.End);
            return CaptionCue().IsMatch(block is null ? sentence.Span.Slice(text) : block.Span.Slice(text));
        }

        private int TokenAt(int position)
        {
            int lo = 0, hi = analysis.Tokens.Count - 1, found = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) / 2;
                if (analysis.Tokens[mid].Span.Start <= position) { found = mid; lo = mid + 1; }
                else hi = mid - 1;
            }
            return found;
        }


        // -1 for tokens outside every sentence (speaker labels), so that titles are never read across blocks.
        private int SentenceOfToken(int token)
        {
            var span = analysis.Tokens[token].Span;
            int s = analysis.SentenceAt(span.Start);
            return s >= 0 && analysis.Sentences[s].Span.End >= span.End ? s : -1;
        }

        private static string Squash(string s) => WhiteSpace().Replace(s.Trim(), " ");
    }
}
