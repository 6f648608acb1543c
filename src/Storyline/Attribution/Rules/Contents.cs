using Storyline.Documents;
using Storyline.Text;
using static Storyline.Attribution.Rules.Cues;

namespace Storyline.Attribution.Rules;

/// <summary>Finds the content of a cue: where it starts, where the next clause cuts it, and quotes that continue it.</summary>
internal static class Contents
{
    // Where the content starts after a preposed cue: at "that", a colon's quote, or after the listener or an adverbial.
    internal static int ContentStart(AttributionWork doc, int c, int end)
    {
        int k = c + 1;
        if (doc.Lower[c] == "according") k++;
        // "pointed out that …": the particle belongs to the cue.
        if (doc.Lower[c] is "pointed" or "points" or "pointing" && doc.Is(k, "out")) k++;
        if (k > end || k >= doc.Tokens.Count) return k;
        int window = Math.Min(end, c + (CueLexicon.TakesListener.Contains(doc.Lower[c]) ? 9 : 7));
        for (int m = k; m <= window; m++)
        {
            if (doc.Lower[m] == "that") return m;
            if (doc.IsOpenQuote(m) && m > k && doc.Lower[m - 1] is ":" or ",") return m;
            if (doc.Lower[m] == ":") return m + 1;
            if (doc.IsOpenQuote(m) || doc.IsTerminal(m)) break;
        }
        // "said in a statement on Thursday, …" / "told reporters, …"
        if (CueLexicon.AdverbialOpeners.Contains(doc.Lower[k]) || CueLexicon.TakesListener.Contains(doc.Lower[c]))
        {
            for (int m = k; m <= window; m++)
            {
                if (doc.IsComma(m)) return m + 1;
                if (doc.IsOpenQuote(m) || doc.Lower[m] == "that") break;
            }
        }
        while (k <= end && doc.Tokens[k].Kind == TokenKind.Punctuation && doc.Lower[k] is "," or ":") k++;
        return k;
    }

    // A preposed content stops where the next attribution in the sentence starts: "…, he claimed …" or "… and vowed to …".
    internal static int CutAtNextClause(AttributionWork doc, int first, int last)
    {
        for (int k = first + 2; k <= last; k++)
        {
            if (doc.QuoteDepth[k] > 0 || !IsCue(doc, k)) continue;
            // ", saying …" starts the participle's own attribution.
            if (doc.IsComma(k - 1) && k - 1 > first && doc.Lower[k].EndsWith("ing", StringComparison.Ordinal)) return k - 2;
            // "“…,” adding that …", "… — asserting that …": after a quote closed with a comma, or a dash, too.
            if (k - 1 > first && IsParticipleBreak(doc, k - 1) && doc.Lower[k].EndsWith("ing", StringComparison.Ordinal))
                return doc.IsCloseQuote(k - 1) ? k - 1 : k - 2;
            int j = k - 1;
            while (j > first && CueLexicon.Between.Contains(doc.Lower[j])) j--;
            if (doc.Lower[j] is "and" or "but" && j > first) return j - 1;
            if (j > first && CueLexicon.Pronouns.Contains(doc.Lower[j]) && doc.IsComma(j - 1) && j - 1 > first) return j - 2;
            // "…, and he railed against …": a new subject after a connective starts another statement.
            if (j - 1 > first && CueLexicon.Pronouns.Contains(doc.Lower[j]) && doc.Lower[j] is not "it" and not "you" && doc.Lower[j - 1] is "and" or "but" or "while" or "as")
                return doc.IsComma(j - 2) ? j - 3 : j - 2;
            // "…, and three-quarters said …", "…, but the report found …": a comma, a connective and a short noun phrase
            // subject start another statement.
            if (NewSubjectAfterConnective(doc, first, j, k) is var cut and >= 0) return cut;
            // "…policies, which he said had hurt the economy": a relative clause with its own speaker is another statement.
            if (j - 1 > first + 1 && CueLexicon.Pronouns.Contains(doc.Lower[j]) && doc.Lower[j] is not "it" and not "you" && doc.Lower[j - 1] is "which" or "that"
                && doc.IsWord(k + 1) && !doc.IsComma(k + 1))
                return doc.IsComma(j - 2) ? j - 3 : j - 2;
        }
        return last;
    }

    // Walks left from the last word of a subject over at most six plain words to ", and|but|while|whereas"; returns the last
    // content token before the comma, or -1.
    internal static int NewSubjectAfterConnective(AttributionWork doc, int first, int subjectEnd, int cue)
    {
        if (!doc.IsWord(subjectEnd) || CueLexicon.SourceStops.Contains(doc.Lower[subjectEnd]) || doc.Lower[subjectEnd] is "it" or "you") return -1;
        for (int k = subjectEnd; k > first + 1 && subjectEnd - k < 6; k--)
        {
            if (!doc.IsWord(k) || doc.QuoteDepth[k] > 0) return -1;
            bool connective = doc.Lower[k - 1] is "and" or "but" or "while" or "whereas" && k - 2 > first
                && (doc.IsComma(k - 2) || (doc.IsCloseQuote(k - 2) && QuoteEndsWithComma(doc, k - 2)));
            // "…, his son said the race is far from over": a comma and a new subject, with the cue opening a clause (not
            // set off by commas inside the content: "the plan, officials said, would …").
            bool bare = doc.IsComma(k - 1) && k - 1 > first && doc.IsWord(cue + 1) && !doc.IsComma(cue + 1)
                && (doc.IsDeterminer(k) || doc.Lower[k] is "his" or "her" or "their" or "its" or "our" or "others" or "another" or "critics" or "officials");
            if (connective || bare)
            {
                // The subject opens like a noun phrase: a name, a determiner, a number or a quantity word.
                if (!(doc.IsCapitalised(k) || doc.IsDeterminer(k) || doc.Tokens[k].Kind == TokenKind.Number || CueLexicon.Pronouns.Contains(doc.Lower[k])
                    || doc.Lower[k] is "many" or "most" or "some" or "more" or "few" or "several" or "half" or "nearly" or "about" or "only"
                        or "his" or "her" or "their" or "its" or "our" or "other" or "others" or "both" or "all"))
                    return -1;
                if (bare) return k - 2;
                return doc.IsCloseQuote(k - 2) ? k - 2 : k - 3;
            }
            if (CueLexicon.SourceStops.Contains(doc.Lower[k]) || doc.Verbs.Contains(doc.Lower[k]) || doc.Lower[k] is "and" or "but") return -1;
        }
        return -1;
    }

    // A break before a participle cue other than a plain comma: a quote closed with a comma, or a dash.
    internal static bool IsParticipleBreak(AttributionWork doc, int k) => k >= 0 && k < doc.Tokens.Count
        && ((doc.IsCloseQuote(k) && QuoteEndsWithComma(doc, k)) || (doc.Tokens[k].Kind == TokenKind.Dash && doc.QuoteDepth[k] == 0));

    internal static bool QuoteEndsWithComma(AttributionWork doc, int close)
    {
        int k = close - 1;
        return k >= 0 && doc.Lower[k] is "," or "?" or "!" or "...";
    }

    internal static bool HasContentBefore(AttributionWork doc, int lo, int breakToken)
    {
        int count = 0;
        for (int k = lo; k < breakToken; k++)
        {
            if (doc.IsWord(k)) count++;
            if (doc.IsCloseQuote(k) && doc.ByClose[k].OpenToken < lo) return true;
        }
        return count >= 2;
    }

    // The content of a postposed cue: everything before the break, or the whole quotation that closes there.
    internal static bool AddContentBefore(AttributionWork doc, AttributionDraft d, int lo, int breakToken)
    {
        int last = doc.IsCloseQuote(breakToken) ? breakToken : breakToken - 1;
        while (last >= lo && doc.IsComma(last)) last--;
        if (last < lo) return false;
        int first = lo;
        // Start after any earlier attribution in this sentence.
        for (int k = last; k >= lo; k--)
            if (doc.Used[k] || doc.Owner[k] is not null) { first = k + 1; break; }
        if (first > last) return false;
        if (doc.IsCloseQuote(last) && doc.ByClose[last] is var q && q.OpenToken < first)
        {
            d.Parts.AddRange(q.Segments.Where(seg => seg.End > seg.Start && !TokenTaken(doc, seg.Start)));
            if (d.Parts.Count == 0) return false;
            if (first <= last) AddIfFree(doc, d, doc.Range(first, last));
            return true;
        }
        // A sentence that starts inside a quote opened earlier takes the quote from its opening.
        var startQuote = doc.Analysis.Quotations.FirstOrDefault(x => x.Depth == 1 && x.OpenToken < first && x.CloseToken >= first && x.CloseToken <= last);
        if (startQuote is not null && !TokenTaken(doc, startQuote.Span.Start))
        {
            foreach (var seg in startQuote.Segments)
                if (seg.Start < doc.Tokens[first].Span.Start) d.Parts.Add(TextSpan.FromBounds(seg.Start, Math.Min(seg.End, doc.Tokens[first].Span.Start)));
        }
        d.Parts.Add(doc.Range(first, last));
        return true;
    }

    internal static void AddIfFree(AttributionWork doc, AttributionDraft d, TextSpan span)
    {
        if (!d.Parts.Any(p => p.Overlaps(span))) d.Parts.Add(span);
    }

    internal static bool TokenTaken(AttributionWork doc, int position)
    {
        int k = doc.FirstAtOrAfter(position);
        return k < doc.Tokens.Count && (doc.Used[k] || doc.Owner[k] is not null);
    }

    // "“…,” he said, “…”" or "“…,” he said. “…”": the second half of a split quote joins the content.
    internal static void AddSplitContinuation(AttributionWork doc, AttributionDraft d, int afterSource, int end, int hi)
    {
        for (int k = afterSource + 1; k <= Math.Min(end, afterSource + 3); k++)
        {
            if (doc.IsOpenQuote(k))
            {
                var q = doc.ByOpen[k];
                d.Parts.AddRange(q.Segments);
                return;
            }
        }
        AddFollowingQuote(doc, d, hi - 1, hi);
    }

    // A quotation that opens the next sentence of the same paragraph and makes up that sentence continues the quote.
    internal static void AddFollowingQuote(AttributionWork doc, AttributionDraft d, int end, int hi)
    {
        if (!d.Parts.Any(p => QuoteIn(doc, p))) return;
        int next = Math.Max(end, hi - 1) + 1;
        if (next >= doc.Tokens.Count || doc.SentenceOf[next] < 0) return;
        int s = doc.SentenceOf[next];
        var sentence = doc.Analysis.Sentences[s];
        if (sentence.FirstToken != next || doc.BlockOfSentence[s] != d.Block || !doc.IsOpenQuote(next)) return;
        if (doc.Used[next] || doc.Owner[next] is not null) return;
        var q = doc.ByOpen[next];
        if (!doc.QuoteIsWholeSentence(q)) return;
        d.Parts.AddRange(q.Segments);
    }

    internal static bool QuoteIn(AttributionWork doc, TextSpan span)
    {
        int k = doc.FirstAtOrAfter(span.Start);
        for (; k < doc.Tokens.Count && doc.Tokens[k].Span.End <= span.End; k++) if (doc.IsOpenQuote(k) || doc.IsCloseQuote(k)) return true;
        return false;
    }

    // A quote opened in the content that runs past the sentence takes its later segments with it.
    internal static void ExtendQuotes(AttributionWork doc, AttributionDraft d, int first, int last)
    {
        for (int k = first; k <= last; k++)
        {
            if (!doc.ByOpen.TryGetValue(k, out var q) || q.Depth != 1) continue;
            if (q.Span.End <= doc.Tokens[last].Span.End) continue;
            var firstSeg = q.Segments[0];
            int i = d.Parts.Count - 1;
            d.Parts[i] = TextSpan.FromBounds(d.Parts[i].Start, Math.Max(d.Parts[i].End, firstSeg.End));
            d.Parts.AddRange(q.Segments.Skip(1));
        }
    }
}
