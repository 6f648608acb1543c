using System.Text.RegularExpressions;
using Storyline.Documents;
using Storyline.Text;

namespace Storyline.Entities.Resolution;

/// <summary>One document being resolved: its text and analysis, what the steps have found so far (candidates, mentions, entities,
/// role spans, learned acronyms), and the position tests the steps share.</summary>
internal sealed partial class EntityWork(string text, TextAnalysis analysis, IReadOnlyList<NamedEntity> namedEntities, string documentKey,
    AliasTable aliases, HashSet<string> adjectiveWords, EntityResolverOptions options, CancellationToken cancellationToken)
{
    private readonly List<TextSpan> _quoteSegments = [.. analysis.Quotations.Where(q => q.Depth == 1).SelectMany(q => q.Segments)];

    /// <summary>The document's stored text.</summary>
    public string Text { get; } = text;

    /// <summary>Its tokens, sentences, blocks and quotations.</summary>
    public TextAnalysis Analysis { get; } = analysis;

    /// <summary>The tagger's named entities.</summary>
    public IReadOnlyList<NamedEntity> NamedEntities { get; } = namedEntities;

    /// <summary>Identifies the document in keys of entities that only exist inside it.</summary>
    public string DocumentKey { get; } = documentKey;

    /// <summary>The alias table: known names, their canonical forms and types.</summary>
    public AliasTable Aliases { get; } = aliases;

    /// <summary>Nationality and other adjectives ("Chinese") from the hand gazetteer.</summary>
    public HashSet<string> AdjectiveWords { get; } = adjectiveWords;

    /// <summary>The resolver's options.</summary>
    public EntityResolverOptions Options { get; } = options;

    /// <summary>Cancels the work.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Candidate mentions from every source, before <see cref="CandidateSelection"/> chooses among them.</summary>
    public List<MentionDraft> Candidates { get; } = [];

    /// <summary>The chosen mentions, in text order once each step is done.</summary>
    public List<MentionDraft> Mentions { get; } = [];

    /// <summary>Chosen adjective mentions ("Chinese"), which only add affiliations.</summary>
    public List<MentionDraft> AdjectiveMentions { get; } = [];

    /// <summary>Entities by key.</summary>
    public Dictionary<string, EntityBuilder> Entities { get; } = new(StringComparer.Ordinal);

    /// <summary>Spans already read as roles, which are no descriptions.</summary>
    public List<TextSpan> RoleSpans { get; } = [];

    /// <summary>Acronyms (and alternative names) the text defines → their long form and its type.</summary>
    public Dictionary<string, (string Surface, string Type)> Learned { get; } = new(StringComparer.Ordinal);

    /// <summary>The entities and mentions found.</summary>
    public DocumentEntities Result()
    {
        var used = Mentions.Where(m => m.Key is not null).ToList();
        var keys = used.Select(m => m.Key!).ToHashSet(StringComparer.Ordinal);
        return new DocumentEntities(
            [.. Entities.Values.Where(e => keys.Contains(e.Key)).Select(e => e.Build())],
            [.. used.Select(m => new EntityMention(m.Span, m.Key!, m.Kind, m.Role))]);
    }

    /// <summary>Gives mention <paramref name="m"/> its entity, creating the entity on first use.</summary>
    public void Set(MentionDraft m, string key, string name, string type, MentionKind kind)
    {
        m.Key = key;
        m.Name = name;
        m.Kind = kind;
        if (!Entities.TryGetValue(key, out var b)) Entities[key] = b = new EntityBuilder(key, name, type);
        else if (type == EntityTypes.Person && kind == MentionKind.Name && name.Length > b.Name.Length) b.Name = name;
        if (kind is MentionKind.Name or MentionKind.Alias or MentionKind.Acronym or MentionKind.Surname) EntityBuilder.AddDistinct(b.Aliases, ResolutionText.Squash(m.Surface));
    }

    /// <summary>Whether a position lies inside a top-level quotation.</summary>
    public bool IsQuoted(int position) => _quoteSegments.Any(q => q.Start < position && position < q.End);

    /// <summary>Whether a position lies in a photo caption.</summary>
    public bool IsCaption(int position)
    {
        int s = Analysis.SentenceAt(position);
        if (s < 0) return false;
        var sentence = Analysis.Sentences[s];
        var block = Analysis.Blocks.FirstOrDefault(b => b.Span.Start <= sentence.Span.Start && sentence.Span.End <= b.Span.End);
        return CaptionCue().IsMatch(block is null ? sentence.Span.Slice(Text) : block.Span.Slice(Text));
    }

    /// <summary>The index of the last token starting at or before a position (-1 before the first).</summary>
    public int TokenAt(int position)
    {
        int lo = 0, hi = Analysis.Tokens.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (Analysis.Tokens[mid].Span.Start <= position) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }

    /// <summary>The sentence a token lies wholly in, or -1 (speaker labels), so that titles are never read across blocks.</summary>
    public int SentenceOfToken(int token)
    {
        var span = Analysis.Tokens[token].Span;
        int s = Analysis.SentenceAt(span.Start);
        return s >= 0 && Analysis.Sentences[s].Span.End >= span.End ? s : -1;
    }

    [GeneratedRegex(@"\b(?:Photo|Photograph|Picture|Image)s?:")]
    private static partial Regex CaptionCue();
}
