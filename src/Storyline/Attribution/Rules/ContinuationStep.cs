using static Storyline.Attribution.Rules.Contents;

namespace Storyline.Attribution.Rules;

/// <summary>Quoted paragraphs with no cue of their own, which continue the speaker of the quote before them.</summary>
internal sealed class ContinuationStep : IAttributionStep
{
    /// <inheritdoc />
    public string Name => "continuation";

    /// <inheritdoc />
    public void Run(AttributionWork doc, CancellationToken cancellationToken) => Continuations(doc, cancellationToken);

    private static void Continuations(AttributionWork doc, CancellationToken ct)
    {
        foreach (var q in doc.Analysis.Quotations)
        {
            ct.ThrowIfCancellationRequested();
            if (q.Depth != 1 || q.OpenToken < 0 || q.OpenToken >= doc.Tokens.Count) continue;
            if (doc.Used[q.OpenToken] || doc.Owner[q.OpenToken] is not null) continue;
            int s = doc.SentenceOf[q.OpenToken];
            if (s < 0 || doc.Analysis.Sentences[s].FirstToken != q.OpenToken || !doc.QuoteIsWholeSentence(q)) continue;
            int block = doc.BlockOfSentence[s];
            var previous = doc.Drafts.Where(x => x.Parent is null && !x.IsQuestion && x.Parts[^1].End <= q.Span.Start)
                .OrderBy(x => x.Parts[^1].End).LastOrDefault();
            if (previous is null || previous.Source is null || block - previous.Block > doc.Options.ContinuationBlocks || block < previous.Block) continue;
            var parts = q.Segments.Where(seg => seg.Length > 0).ToList();
            if (parts.Count == 0) continue;
            if (block == previous.Block && previous.Parts.Any(part => QuoteIn(doc, part)))
            {
                // The quote goes on in the same paragraph: it is the same statement.
                previous.Parts.AddRange(parts);
                foreach (var part in parts)
                    for (int k = doc.FirstAtOrAfter(part.Start); k < doc.Tokens.Count && doc.Tokens[k].Span.End <= part.End; k++) doc.Owner[k] ??= previous;
                continue;
            }
            var d = new AttributionDraft { Source = previous.Source, Label = previous.Label, Handover = previous.Handover, Block = block };
            d.Parts.AddRange(parts);
            doc.Commit(d);
        }
    }
}
