using Storyline.Documents;
using Storyline.Entities;
using Storyline.Text;

namespace Storyline.Attribution;

/// <summary>
/// The rule extractor first, then the learned <see cref="AttributionTagger"/> for what the rules missed: a tagged attribution is added only
/// when none of its source, cue or content touches a span the rules already attributed (the rules are the more precise of the two, and
/// they alone handle transcripts, nesting and quotes over several paragraphs).
/// </summary>
public sealed class TaggedAttributionExtractor(IAttributionExtractor rules, AttributionTagger tagger) : IAttributionExtractor
{
    /// <summary>The default extractor: rules plus the embedded tagger, or the rules alone when no model is embedded.</summary>
    public static IAttributionExtractor CreateDefault(AttributionOptions? options = null) =>
        AttributionTagger.Default is { } tagger ? new TaggedAttributionExtractor(new AttributionExtractor(options), tagger) : new AttributionExtractor(options);

    /// <inheritdoc />
    public IReadOnlyList<Attribution> Extract(string text, TextAnalysis analysis, IReadOnlyList<NamedEntity> entities, CancellationToken cancellationToken)
    {
        var found = rules.Extract(text, analysis, entities, cancellationToken);
        var taken = new List<TextSpan>();
        foreach (var a in found) taken.AddRange(SpansOf(a));
        taken.Sort((x, y) => x.Start.CompareTo(y.Start));
        var added = new List<Attribution>();
        foreach (var candidate in tagger.Extract(text, analysis, entities, cancellationToken))
        {
            if (SpansOf(candidate).Any(s => Touches(taken, s))) continue;
            added.Add(candidate);
        }
        if (added.Count == 0) return found;
        return Merge(found, added);
    }

    private static IEnumerable<TextSpan> SpansOf(Attribution a)
    {
        foreach (var part in a.Content.Parts) yield return part;
        if (a.Cue is { } cue) yield return cue;
        if (a.Source is { } source) yield return source;
    }

    private static bool Touches(List<TextSpan> sorted, TextSpan span)
    {
        foreach (var s in sorted)
        {
            if (s.Start >= span.End) break;
            if (s.Overlaps(span)) return true;
        }
        return false;
    }

    // Keeps the result in order of content start and re-points Parent indices at the merged list.
    private static List<Attribution> Merge(IReadOnlyList<Attribution> found, List<Attribution> added)
    {
        var all = found.Select((a, i) => (Attribution: a, Old: i)).Concat(added.Select(a => (Attribution: a, Old: -1)))
            .OrderBy(x => x.Attribution.Content.Span.Start).ThenBy(x => x.Old < 0 ? 1 : 0).ThenBy(x => x.Old).ToList();
        var newIndex = new int[found.Count];
        for (int i = 0; i < all.Count; i++) if (all[i].Old >= 0) newIndex[all[i].Old] = i;
        return [.. all.Select(x => x.Attribution.Parent is { } p ? x.Attribution with { Parent = newIndex[p] } : x.Attribution)];
    }
}
