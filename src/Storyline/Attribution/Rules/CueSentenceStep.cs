using static Storyline.Attribution.Rules.AttributionBuilder;
using static Storyline.Attribution.Rules.Contents;
using static Storyline.Attribution.Rules.Cues;

namespace Storyline.Attribution.Rules;

/// <summary>Cue-anchored attributions, sentence by sentence: a reporting verb ("said", "according to") and its source and content.</summary>
internal sealed class CueSentenceStep : IAttributionStep
{
    /// <inheritdoc />
    public string Name => "cue-sentence";

    /// <inheritdoc />
    public void Run(AttributionWork doc, CancellationToken cancellationToken) => Sentences(doc, cancellationToken);

    private static void Sentences(AttributionWork doc, CancellationToken ct)
    {
        for (int s = 0; s < doc.Analysis.Sentences.Count; s++)
        {
            ct.ThrowIfCancellationRequested();
            var sentence = doc.Analysis.Sentences[s];
            int lo = sentence.FirstToken, hi = Math.Min(doc.Tokens.Count, sentence.FirstToken + sentence.TokenCount);
            if (hi - lo >= 4 && !doc.Used[lo] && doc.Owner[lo] is null && doc.QuoteDepth[lo] == 0 && SentenceOpening(doc, lo, hi, doc.BlockOfSentence[s]) is { } opening)
                doc.Commit(opening);
            for (int i = lo; i < hi; i++)
            {
                if (doc.Used[i] || doc.Owner[i] is not null || doc.QuoteDepth[i] > 0 || !(IsCue(doc, i) || IsSeem(doc, i) || PollAfterIn(doc, i, lo, hi) >= 0)) continue;
                var draft = Build(doc, i, lo, hi, doc.BlockOfSentence[s], insideQuote: false);
                if (draft is null) continue;
                if (MadeClearStart(doc, i) is var made and >= 0 && draft.Cue is { } one && one == doc.Tokens[i].Span) draft.Cue = doc.Range(made, i);
                doc.Commit(draft);
                doc.LastInSentence = draft;
                doc.LastSentence = s;
                // Skip past what this attribution took.
                while (i + 1 < hi && (doc.Used[i + 1] || doc.Owner[i + 1] is not null)) i++;
            }
        }
    }

    // Attributions marked by how a sentence opens rather than by a verb: "In a new poll, …" (the study is the source),
    // "Asked whether …, …" (a question put to the speaker, whose answer follows).
    private static AttributionDraft? SentenceOpening(AttributionWork doc, int lo, int hi, int block)
    {
        int end = hi - 1;
        while (end > lo && (doc.IsTerminal(end) || doc.IsComma(end))) end--;
        if (doc.Lower[lo] is "in" or "according")
        {
            int comma = lo + 1;
            while (comma < end && !doc.IsComma(comma) && comma - lo <= 14) comma++;
            if (!doc.IsComma(comma) || end - comma < 3) return null;
            bool document = false;
            for (int k = lo + 1; k < comma; k++) document |= CueLexicon.DocumentSources.Contains(doc.Lower[k]) && !CueLexicon.NotDocumentInPhrase.Contains(doc.Lower[k]);
            if (!document || doc.Lower[lo] == "according") return null;
            // "In a statement, Liu said …": a reporting verb in the main clause is the cue, the phrase only says where.
            for (int k = comma + 1; k <= end; k++)
                if (IsCue(doc, k) && !CueLexicon.NotInQuotes.Contains(doc.Lower[k])) return null;
            var d = new AttributionDraft { Block = block, Cue = doc.Tokens[lo].Span, Source = doc.Range(lo + 1, comma - 1) };
            d.Parts.Add(doc.Range(comma + 1, end));
            ExtendQuotes(doc, d, comma + 1, end);
            return d;
        }
        if (doc.Lower[lo] == "asked" || (doc.Lower[lo] == "when" && doc.Is(lo + 1, "asked")))
        {
            int c = doc.Lower[lo] == "asked" ? lo : lo + 1;
            int first = c + 1;
            if (doc.Is(first, "about")) first++;
            if (first > end || !doc.IsWord(first)) return null;
            int last = first;
            while (last + 1 <= end && !(doc.IsComma(last + 1) && doc.QuoteDepth[last + 1] == 0)) last++;
            if (last >= end) return null;
            var d = new AttributionDraft { Block = block, Cue = doc.Range(lo, c) };
            d.Parts.Add(doc.Range(first, last));
            return d;
        }
        return null;
    }
}
