using Storyline.Attribution.Transformer;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Text;

namespace Storyline.Attribution;

/// <summary>
/// Merges the rule <see cref="AttributionExtractor"/> with a learned tagger (the linear <see cref="AttributionTagger"/>, or the
/// fine-tuned <see cref="TransformerAttributionTagger"/>). With <see cref="TaggerFirst"/> (the
/// pipeline's order) the rules' structural finds come first (transcripts, nesting, quotes over several sentences or paragraphs, sources
/// the tagger lacks), then the tagger's, then the rules' other finds; otherwise every rule find comes before the tagger's. A candidate is
/// left out when any of its source, cue or content touches a span the other finder already claimed.
/// </summary>
public sealed class TaggedAttributionExtractor : IAttributionExtractor
{
    private readonly IAttributionExtractor _rules;
    private readonly IAttributionTagger _tagger;

    /// <summary>Rules merged with the linear tagger.</summary>
    public TaggedAttributionExtractor(IAttributionExtractor rules, AttributionTagger tagger) : this(rules, (IAttributionTagger)tagger) { }

    /// <summary>Rules merged with the transformer tagger.</summary>
    public TaggedAttributionExtractor(IAttributionExtractor rules, TransformerAttributionTagger tagger) : this(rules, (IAttributionTagger)tagger) { }

    internal TaggedAttributionExtractor(IAttributionExtractor rules, IAttributionTagger tagger)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(tagger);
        (_rules, _tagger) = (rules, tagger);
    }

    /// <summary>The default extractor: rules plus the embedded tagger, or the rules alone when no model is embedded.</summary>
    public static IAttributionExtractor CreateDefault(AttributionOptions? options = null) =>
        AttributionTagger.Default is { } tagger ? new TaggedAttributionExtractor(new AttributionExtractor(options), tagger) { TaggerFirst = true } : new AttributionExtractor(options);

    /// <summary>The pipeline's extractor with the chosen tagger: <see cref="CreateDefault"/> for the linear one; for the transformer,
    /// the rules plus <see cref="TransformerAttributionTagger.Shared"/> (which fails when no tagger file is given or embedded).</summary>
    public static IAttributionExtractor Create(AttributionTaggerKind tagger, TransformerTaggerOptions? transformer = null, AttributionOptions? options = null) =>
        tagger switch
        {
            AttributionTaggerKind.Linear => CreateDefault(options),
            AttributionTaggerKind.Transformer => new TaggedAttributionExtractor(new AttributionExtractor(options),
                TransformerAttributionTagger.Shared(transformer ?? TransformerTaggerOptions.Default)) { TaggerFirst = true },
            _ => throw new ArgumentOutOfRangeException(nameof(tagger), tagger, null),
        };

    /// <summary>Take the tagger's attributions before the rules' ordinary ones (the rules' structural ones still come first).</summary>
    public bool TaggerFirst { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<Attribution> Extract(string text, TextAnalysis analysis, IReadOnlyList<NamedEntity> entities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(analysis);
        // Lower-cased words and quotation depth are built once for both finders.
        var known = entities ?? [];
        var tokens = new AttributionTokens(text, analysis, known);
        var found = _rules is AttributionExtractor ruleExtractor
            ? ruleExtractor.Extract(tokens, known, cancellationToken)
            : _rules.Extract(text, analysis, known, cancellationToken);
        var tagged = _tagger.Extract(tokens, cancellationToken);
        var keep = new bool[found.Count];
        var ruleSpans = new List<TextSpan>();
        var taggedSpans = new List<TextSpan>();
        // Rules never block each other (their own overlaps are deliberate); only the other finder's spans block a candidate.
        void TakeRules(Func<Attribution, int, bool> which)
        {
            var blocking = new SpanIndex(taggedSpans);
            for (int i = 0; i < found.Count; i++)
            {
                var a = found[i];
                if (keep[i] || a.Parent is not null || !which(a, i) || SpansOf(a).Any(blocking.Touches)) continue;
                keep[i] = true;
                ruleSpans.AddRange(SpansOf(a));
            }
            ruleSpans.Sort((x, y) => x.Start.CompareTo(y.Start));
        }
        var added = new List<Attribution>();
        void TakeTagged()
        {
            var blocking = new SpanIndex(ruleSpans);
            foreach (var candidate in tagged)
            {
                if (SpansOf(candidate).Any(blocking.Touches)) continue;
                added.Add(candidate);
                taggedSpans.AddRange(SpansOf(candidate));
            }
            taggedSpans.Sort((x, y) => x.Start.CompareTo(y.Start));
        }
        if (TaggerFirst)
        {
            // Which tagged attributions a rule's words overlap, found by position instead of by comparing every pair (a long text has
            // thousands of each).
            var taggedBySpan = new SpanIndex([.. tagged.SelectMany((t, k) => SpansOf(t).Select(x => (x, k)))]);
            var hasChild = new bool[found.Count];
            foreach (var a in found) if (a.Parent is { } p) hasChild[Root(found, p)] = true;
            // The rules go first where they know more: structure only they find, nesting, or a source the overlapping tagged
            // attributions lack (the rules carry a participle's subject over: "Beijing rejected …, saying …").
            TakeRules((a, i) =>
            {
                if (IsStructural(analysis, a) || hasChild[i]) return true;
                if (a.Source is null) return false;
                var overlapping = SaidOf(a).SelectMany(taggedBySpan.Overlapping).Distinct().Select(k => tagged[k]).ToList();
                return overlapping.Count > 0 && overlapping.All(t => t.Source is null);
            });
            TakeTagged();
            TakeRules((_, _) => true);
        }
        else
        {
            TakeRules((_, _) => true);
            TakeTagged();
        }
        // Nested attributions go with their top-level one.
        for (int i = 0; i < found.Count; i++)
            if (found[i].Parent is { } p && Root(found, p) is var root && keep[root]) keep[i] = true;
        return ContentEdges.Refine(tokens, added.Count == 0 && keep.All(k => k) ? found : Merge(found, keep, added));
    }

    private static int Root(IReadOnlyList<Attribution> found, int i)
    {
        while (found[i].Parent is { } p) i = p;
        return i;
    }

    // What only the rules can find: transcript turns, questions, hand-overs, quotes running past one sentence, quotes with no cue (a
    // quoted paragraph continuing the speaker's words) or with their cue in another sentence ("“…” Trump said." after a quote).
    private static bool IsStructural(TextAnalysis analysis, Attribution a)
    {
        if (a.SpeakerLabel is not null || a.IsQuestion || a.SourceFromHandover || a.Cue is null) return true;
        int sentence = SentenceOf(analysis, a.Content.Span.Start);
        return sentence != SentenceOf(analysis, a.Content.Span.End - 1) || (a.Cue is { } cue && SentenceOf(analysis, cue.Start) != sentence);
    }

    // Positions before the first sentence count as in it.
    private static int SentenceOf(TextAnalysis analysis, int position) => Math.Max(0, analysis.SentenceAt(position));

    // The content and cue: what a source-less tagged attribution would take over.
    private static IEnumerable<TextSpan> SaidOf(Attribution a)
    {
        foreach (var part in a.Content.Parts) yield return part;
        if (a.Cue is { } cue) yield return cue;
    }

    private static IEnumerable<TextSpan> SpansOf(Attribution a)
    {
        foreach (var part in a.Content.Parts) yield return part;
        if (a.Cue is { } cue) yield return cue;
        if (a.Source is { } source) yield return source;
    }

    /// <summary>Spans sorted by start with the running maximum of their ends, so that the spans overlapping a query are found by binary
    /// search and a short backward walk instead of a scan of every earlier span.</summary>
    private sealed class SpanIndex
    {
        private readonly (TextSpan Span, int Item)[] _spans;
        private readonly int[] _maxEnd;

        public SpanIndex(List<TextSpan> spans) : this([.. spans.Select((s, i) => (s, i))]) { }

        public SpanIndex((TextSpan Span, int Item)[] spans)
        {
            _spans = [.. spans.OrderBy(s => s.Span.Start)];
            _maxEnd = new int[_spans.Length];
            for (int i = 0, max = int.MinValue; i < _spans.Length; i++) _maxEnd[i] = max = Math.Max(max, _spans[i].Span.End);
        }

        public bool Touches(TextSpan span) => Overlapping(span).Any();

        /// <summary>Items of the spans overlapping <paramref name="span"/>.</summary>
        public IEnumerable<int> Overlapping(TextSpan span)
        {
            // The last span starting before the query ends; walk back while an earlier span can still reach into the query.
            int lo = 0, hi = _spans.Length - 1, last = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                if (_spans[mid].Span.Start < span.End) { last = mid; lo = mid + 1; }
                else hi = mid - 1;
            }
            for (int j = last; j >= 0 && _maxEnd[j] > span.Start; j--)
                if (_spans[j].Span.Overlaps(span)) yield return _spans[j].Item;
        }
    }

    // Keeps the result in order of content start and re-points Parent indices at the merged list.
    private static List<Attribution> Merge(IReadOnlyList<Attribution> found, bool[] keep, List<Attribution> added)
    {
        var all = found.Select((a, i) => (Attribution: a, Old: i)).Where(x => keep[x.Old]).Concat(added.Select(a => (Attribution: a, Old: -1)))
            .OrderBy(x => x.Attribution.Content.Span.Start).ThenBy(x => x.Old < 0 ? 1 : 0).ThenBy(x => x.Old).ToList();
        var newIndex = new int[found.Count];
        for (int i = 0; i < all.Count; i++) if (all[i].Old >= 0) newIndex[all[i].Old] = i;
        return [.. all.Select(x => x.Attribution.Parent is { } p ? x.Attribution with { Parent = newIndex[p] } : x.Attribution)];
    }
}
