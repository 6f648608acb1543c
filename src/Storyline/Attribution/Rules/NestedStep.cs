using Storyline.Text;
using static Storyline.Attribution.Rules.AttributionBuilder;
using static Storyline.Attribution.Rules.Cues;

namespace Storyline.Attribution.Rules;

/// <summary>Attributions nested inside a content ("He said the minister had warned that …"); runs only with AttributionOptions.IncludeNested.</summary>
internal sealed class NestedStep : IAttributionStep
{
    /// <inheritdoc />
    public string Name => "nested";

    /// <inheritdoc />
    public void Run(AttributionWork doc, CancellationToken cancellationToken)
    {
        if (doc.Options.IncludeNested) Nested(doc, cancellationToken);
    }

    private static void Nested(AttributionWork doc, CancellationToken ct)
    {
        foreach (var outer in doc.Drafts.ToList())
        {
            ct.ThrowIfCancellationRequested();
            if (outer.Parent is not null || outer.IsQuestion) continue;
            foreach (var part in outer.Parts)
            {
                int from = doc.FirstAtOrAfter(part.Start);
                for (int i = from; i < doc.Tokens.Count && doc.Tokens[i].Span.End <= part.End; i++)
                {
                    if (doc.Used[i] || doc.Owner[i] != outer || !IsCue(doc, i)) continue;
                    int s = doc.SentenceOf[i];
                    if (s < 0) continue;
                    var sentence = doc.Analysis.Sentences[s];
                    int lo = Math.Max(sentence.FirstToken, from), hi = Math.Min(sentence.FirstToken + sentence.TokenCount, doc.FirstAtOrAfter(part.End));
                    // Inside a quote, the inner attribution stays inside that quotation.
                    if (doc.QuoteDepth[i] > 0 && InnermostQuote(doc, i) is { } q)
                    {
                        lo = Math.Max(lo, q.OpenToken + 1);
                        if (q.CloseToken >= 0) hi = Math.Min(hi, q.CloseToken);
                    }
                    if (lo >= hi) continue;
                    var draft = Build(doc, i, lo, hi, doc.BlockOfSentence[s], insideQuote: doc.QuoteDepth[i] > 0, owner: outer);
                    if (draft is null) continue;
                    draft.Parent = outer;
                    doc.Commit(draft, outer);
                    while (i + 1 < hi && doc.Owner[i + 1] == draft) i++;
                }
            }
        }
    }

    private static Quotation? InnermostQuote(AttributionWork doc, int i)
    {
        Quotation? best = null;
        foreach (var q in doc.Analysis.Quotations)
        {
            if (q.OpenToken >= i) break;
            if (q.Segments.Any(seg => seg.Start <= doc.Tokens[i].Span.Start && doc.Tokens[i].Span.End <= seg.End) && (best is null || q.Depth > best.Depth)) best = q;
        }
        return best;
    }
}
