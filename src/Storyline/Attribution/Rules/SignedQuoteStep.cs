using Storyline.Text;

namespace Storyline.Attribution.Rules;

/// <summary>Quotes signed after a dash ("“…” — Wang Yi").</summary>
internal sealed class SignedQuoteStep : IAttributionStep
{
    /// <inheritdoc />
    public string Name => "signed-quote";

    /// <inheritdoc />
    public void Run(AttributionWork doc, CancellationToken cancellationToken) => QuotesSignedAfterDash(doc, cancellationToken);

    // "“He is ignorant of our culture.” ― Pamela Padilla": a quotation signed with a dash and a short name at the end of its line
    // (reader comments, epigraphs, pull quotes) is that person's statement.
    private static void QuotesSignedAfterDash(AttributionWork doc, CancellationToken ct)
    {
        foreach (var q in doc.Analysis.Quotations)
        {
            ct.ThrowIfCancellationRequested();
            if (q.Depth != 1 || q.CloseToken < 0 || q.OpenToken < 0 || q.CloseToken + 2 >= doc.Tokens.Count) continue;
            int dash = q.CloseToken + 1;
            if (doc.Tokens[dash].Kind != TokenKind.Dash || doc.Used[dash] || doc.Owner[q.OpenToken] is not null) continue;
            int first = dash + 1, last = first;
            if (!doc.IsCapitalised(first) || LineBreakBetween(doc, q.CloseToken, dash)) continue;
            while (last + 1 < doc.Tokens.Count && last + 1 - first < 5 && doc.IsCapitalised(last + 1) && !LineBreakBetween(doc, last, last + 1)) last++;
            // The name ends its line (or the text), perhaps with a full stop.
            int after = last + 1;
            if (after < doc.Tokens.Count && doc.IsTerminal(after)) after++;
            if (after < doc.Tokens.Count && !LineBreakBetween(doc, after - 1, after)) continue;
            var d = new AttributionDraft { Block = doc.SentenceOf[q.OpenToken] is var s and >= 0 ? doc.BlockOfSentence[s] : 0, Cue = doc.Tokens[dash].Span, Source = doc.Range(first, last) };
            d.Parts.AddRange(q.Segments.Where(seg => seg.Length > 0));
            if (d.Parts.Count > 0) doc.Commit(d);
        }
    }

    private static bool LineBreakBetween(AttributionWork doc, int a, int b) => doc.Text.AsSpan(doc.Tokens[a].Span.End, doc.Tokens[b].Span.Start - doc.Tokens[a].Span.End).Contains('\n');
}
