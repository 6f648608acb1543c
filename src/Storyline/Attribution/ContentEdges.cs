using Storyline.Documents;
using Storyline.Text;

namespace Storyline.Attribution;

/// <summary>
/// Last step of the attribution pipeline: settles where contents begin and end once every finder has spoken. Each rule is one small
/// method, applied to top-level attributions only (nested ones sit inside a content already settled).
/// </summary>
internal static class ContentEdges
{
    /// <summary>The attributions with their content edges refined (same order, same parents).</summary>
    public static IReadOnlyList<Attribution> Refine(AttributionTokens doc, IReadOnlyList<Attribution> found)
    {
        if (found.Count == 0) return found;
        var claimed = new List<TextSpan>();
        foreach (var a in found)
        {
            claimed.AddRange(a.Content.Parts);
            if (a.Cue is { } c) claimed.Add(c);
            if (a.Source is { } s) claimed.Add(s);
        }
        var result = new List<Attribution>(found.Count);
        bool any = false;
        foreach (var a in found)
        {
            if (a.Parent is not null || a.SpeakerLabel is not null || a.IsQuestion) { result.Add(a); continue; }
            var parts = a.Content.Parts.ToList();
            bool changed = DropStrayParts(doc, parts);
            changed |= AddFrontedPart(doc, a, parts, claimed);
            any |= changed;
            result.Add(changed && parts.Count > 0 ? a with { Content = AttributionContent.Of(parts) } : a);
        }
        // Unchanged input comes back as it was (callers may compare by reference).
        return any ? result : found;
    }

    // "Climate change, Obama said, is the greatest threat …": the source and cue interrupt the statement, whose first half (from the
    // sentence start to the comma before the source) is part of what was said. Only when that half is free (no other attribution took
    // it) and the second half starts right after the comma that closes the interruption.
    private static bool AddFrontedPart(AttributionTokens doc, Attribution a, List<TextSpan> parts, List<TextSpan> claimed)
    {
        if (a.Source is not { } source || a.Cue is not { } cue || parts.Count == 0) return false;
        var t = doc.Analysis.Tokens;
        var first = parts[0];
        if (source.Start >= first.Start || cue.Start >= first.Start) return false;
        int left = doc.FirstAtOrAfter(Math.Min(source.Start, cue.Start));
        int right = doc.FirstAtOrAfter(Math.Max(source.End, cue.End) - 1);
        int contentStart = doc.FirstAtOrAfter(first.Start);
        if (left < 2 || right + 2 != contentStart || doc.Lower[left - 1] != "," || doc.Lower[right + 1] != ",") return false;
        int sentence = doc.Analysis.SentenceAt(t[left].Span.Start);
        if (sentence < 0 || doc.Analysis.SentenceAt(first.Start) != sentence) return false;
        int lo = doc.Analysis.Sentences[sentence].FirstToken;
        int last = left - 2;
        // The first half starts the sentence (after an opening quote's mark, which the trimmed span leaves out anyway).
        while (lo <= last && t[lo].Kind is TokenKind.OpenQuote or TokenKind.Punctuation or TokenKind.Dash) lo++;
        if (lo > last || last - lo > 25) return false;
        // A reporting verb in the first half makes it a statement of its own ("Trump said this, and Pence, he added, agreed").
        for (int k = lo; k <= last; k++)
            if (doc.Cue[k] || doc.Lower[k] is ";" or ":") return false;
        var span = TextSpan.FromBounds(t[lo].Span.Start, t[last].Span.End);
        if (claimed.Any(c => c.Overlaps(span))) return false;
        parts.Insert(0, span);
        return true;
    }

    // "told voters that …" → "voters" | "that …": a part of one or two unquoted words beside a long part is the listener or a stray
    // word the tagger gave the content, not a piece of the statement.
    private static bool DropStrayParts(AttributionTokens doc, List<TextSpan> parts)
    {
        if (parts.Count < 2) return false;
        var words = parts.Select(p => WordsIn(doc, p)).ToList();
        if (words.Max(w => w.Words) < 4) return false;
        int removed = 0;
        for (int i = parts.Count - 1; i >= 0; i--)
            if (words[i].Words <= 2 && words[i].Quoted == 0) { parts.RemoveAt(i); removed++; }
        return removed > 0;
    }

    private static (int Words, int Quoted) WordsIn(AttributionTokens doc, TextSpan span)
    {
        var t = doc.Analysis.Tokens;
        int words = 0, quoted = 0;
        for (int k = doc.FirstAtOrAfter(span.Start); k < t.Count && t[k].Span.End <= span.End; k++)
        {
            if (t[k].Kind is not (TokenKind.Word or TokenKind.Number or TokenKind.Abbreviation)) continue;
            words++;
            if (doc.QuoteDepth[k] > 0) quoted++;
        }
        return (words, quoted);
    }
}
