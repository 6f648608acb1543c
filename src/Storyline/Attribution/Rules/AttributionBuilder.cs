using Storyline.Text;
using static Storyline.Attribution.Rules.Contents;
using static Storyline.Attribution.Rules.Cues;
using static Storyline.Attribution.Rules.Sources;

namespace Storyline.Attribution.Rules;

/// <summary>Builds one attribution around a cue: its source, its content before and after, and the special frames ("according to", "seems").</summary>
internal static class AttributionBuilder
{
    internal static AttributionDraft? Build(AttributionWork doc, int c, int lo, int hi, int block, bool insideQuote, AttributionDraft? owner = null)
    {
        int end = hi - 1;
        while (end > c && (doc.IsTerminal(end) || (doc.Tokens[end].Kind is TokenKind.Punctuation && doc.Lower[end] is "," or ";" or ":"))) end--;
        if (doc.Lower[c] == "according") return BuildAccording(doc, c, lo, hi, end, block);
        if (IsSeem(doc, c)) return BuildSeem(doc, c, lo, end, block);
        if (PollAfterIn(doc, c, lo, hi) is var poll and >= 0)
        {
            // "Trump is leading in the latest polls": the polls are the source of the clause before.
            var p = new AttributionDraft { Block = block, Cue = doc.Tokens[c].Span, Source = doc.Range(c + 1, poll) };
            int first = c - 1;
            while (first > lo && !doc.Used[first - 1] && doc.Owner[first - 1] is null && doc.QuoteDepth[first - 1] == 0) first--;
            while (first < c && !doc.IsWord(first)) first++;
            if (c - first < 3) return null;
            p.Parts.Add(doc.Range(first, c - 1));
            return p;
        }

        // Left of the cue: auxiliaries and adverbs, then the source phrase.
        int j = c - 1;
        if (MadeClearStart(doc, c) is var made and >= 0) j = made - 1;
        while (j >= lo && CueLexicon.Between.Contains(doc.Lower[j])) j--;
        if (j >= lo && doc.Lower[j] is "and" or "but" && doc.LastInSentence is { } previous && previous.Source is { } shared && doc.SentenceOf[c] == doc.LastSentence)
        {
            // "He announced that … and vowed to …": the second cue shares the first one's source.
            var co = new AttributionDraft { Block = block, Cue = doc.Tokens[c].Span, Source = shared };
            int start = ContentStart(doc, c, end);
            if (start > end) return null;
            end = CutAtNextClause(doc, start, end);
            co.Parts.Add(doc.Range(start, end));
            ExtendQuotes(doc, co, start, end);
            return co;
        }
        int srcStart = -1, srcEnd = -1;
        bool relative = false, dropSource = false;
        if (j >= lo + 1 && doc.Lower[j] is "which" or "who" or "that" && doc.IsComma(j - 1) && j - 2 >= lo)
        {
            // "the report, which said …": the source is the phrase before the relative pronoun.
            srcEnd = j - 2;
            srcStart = SourceLeft(doc, srcEnd, lo);
            relative = srcStart >= 0;
            if (!relative) srcEnd = -1;
            // The antecedent is usually the object of a verb the walk cannot tell from a noun: start at its determiner.
            for (int k = srcEnd; relative && k > srcStart; k--)
                if (doc.Lower[k] is "the" or "a" or "an" or "this" or "its" or "their") { srcStart = k; break; }
        }
        else if (j >= lo && doc.Lower[j] is "who" && !doc.IsComma(j - 1))
        {
            // "voters who said they …": the relative pronoun is the source mention; the resolver maps it.
            srcStart = srcEnd = j;
        }
        else if (j >= lo)
        {
            srcEnd = j;
            srcStart = SourceLeft(doc, j, lo);
            // "271 pledged delegates": a bare number before a verb form is a modifier, not a source.
            if (srcStart >= 0 && doc.Tokens[srcEnd].Kind == TokenKind.Number) srcStart = -1;
            // A source ends in a noun or pronoun: "broken many", "impassioned in", "basically" are the middle of another clause.
            // The content is still reported; only the source is unknown.
            dropSource = srcStart >= 0 && !doc.IsCapitalised(srcEnd) && IsBadSourceEnd(doc.Lower[srcEnd]);
            if (srcStart < 0) srcEnd = -1;
        }

        int afterFirst = c + 1;
        int afterCount = doc.CountContent(afterFirst, end);
        // After a quote closed with a comma ("“…,” Weiner said in May on the podcast “Here’s the Thing.”") the cue is postposed
        // whatever follows, unless the content opens right after it.
        bool afterQuote = srcStart > lo && doc.IsCloseQuote(srcStart - 1) && QuoteEndsWithComma(doc, srcStart - 1)
            && !(doc.Is(afterFirst, "that") || doc.Is(afterFirst, ":") || doc.IsOpenQuote(afterFirst));
        bool shortAfter = afterCount == 0 || afterQuote || IsShortAdverbial(doc, afterFirst, end);
        bool precededByBreak = srcStart > lo && (doc.IsComma(srcStart - 1) || doc.IsCloseQuote(srcStart - 1) || doc.Tokens[srcStart - 1].Kind == TokenKind.Dash);

        var d = new AttributionDraft { Block = block, Cue = doc.Tokens[c].Span };
        if (srcStart >= 0 && precededByBreak && shortAfter && !relative && HasContentBefore(doc, lo, srcStart - 1))
        {
            // Postposed: "…, sources said." / "“…,” he said."
            d.Source = SourceRange(doc, srcStart, srcEnd);
            if (!AddContentBefore(doc, d, lo, srcStart - 1)) return null;
            int parts = d.Parts.Count;
            AddSplitContinuation(doc, d, c, end, hi);
            if (d.Parts.Count == parts && !doc.IsCloseQuote(srcStart - 1)) AddMidSentenceRest(doc, d, c, end);
            return d;
        }
        if (j >= lo && (doc.IsComma(j) || IsParticipleBreak(doc, j)) && j == c - 1 && afterCount > 0 && doc.Lower[c].EndsWith("ing", StringComparison.Ordinal)
            && owner is null && ClauseSubject(doc, lo, j) is { } subject)
        {
            // Participle: "Smith rejected the plan, saying it would fail." — the main clause's subject says it.
            d.Source = subject;
            int ps = ContentStart(doc, c, end);
            if (ps > end) return null;
            end = CutAtNextClause(doc, ps, end);
            d.Parts.Add(doc.Range(ps, end));
            ExtendQuotes(doc, d, ps, end);
            return d;
        }
        if (srcStart < 0 && j >= lo && (doc.IsComma(j) || doc.IsCloseQuote(j)) && j == c - 1 && afterCount > 0 && HasContentBefore(doc, lo, j))
        {
            // Inverted: "…, said Shi Yinhong, a professor at Renmin University."
            int s0 = afterFirst, s1 = s0;
            if (!(doc.IsWord(s0) && (char.IsUpper(doc.Text[doc.Tokens[s0].Span.Start]) || doc.Lower[s0] is "the" or "a" or "an" or "one" or "another"))) return null;
            while (s1 + 1 <= end && !doc.IsOpenQuote(s1 + 1) && !(doc.IsComma(s1 + 1) && doc.IsOpenQuote(s1 + 2)) && s1 - s0 < 25) s1++;
            if (doc.IsComma(s1)) s1--;
            d.Source = doc.Range(s0, s1);
            if (!AddContentBefore(doc, d, lo, j)) return null;
            AddSplitContinuation(doc, d, s1, end, hi);
            return d;
        }
        if (srcStart == lo && shortAfter && !relative && owner is null && PreviousSentenceQuote(doc, lo, block) is { } before)
        {
            // "“…” Trump said." — a sentence of only source and cue takes the quotation that ends the sentence before.
            d.Source = SourceRange(doc, srcStart, srcEnd);
            d.Parts.AddRange(before.Segments.Where(seg => seg.Length > 0));
            return d.Parts.Count > 0 ? d : null;
        }
        if (afterCount == 0) return null;
        if (srcStart < 0)
        {
            // No subject in reach: only a colon or quotation right after the cue still marks reported speech, with no source.
            if (!(doc.Is(afterFirst, ":") || doc.IsOpenQuote(afterFirst)) || insideQuote) return null;
        }
        else if (!dropSource) d.Source = SourceRange(doc, srcStart, srcEnd);

        int cs = ContentStart(doc, c, end);
        if (cs > end) return null;
        end = CutAtNextClause(doc, cs, end);
        if (srcStart > lo) end = CutAtMainClause(doc, srcStart, lo, cs, end);
        d.Parts.Add(doc.Range(cs, end));
        ExtendQuotes(doc, d, cs, end);
        if (owner is null) AddFollowingQuote(doc, d, end, hi);
        return d;
    }

    internal static AttributionDraft? BuildSeem(AttributionWork doc, int c, int lo, int end, int block)
    {
        int after = c + 1;
        if (after > end) return null;
        // "appeared to say", "seemed to suggest": the reporting verb after "to" is the cue of its own attribution.
        if (doc.Is(after, "to") && after + 1 <= end && doc.Verbs.Contains(doc.Lower[after + 1])) return null;
        int s = c - 1;
        while (s >= lo && CueLexicon.Between.Contains(doc.Lower[s]) && c - s <= 3) s--;
        int subjectEnd = s;
        while (s >= lo && c - s < 14 && (doc.IsWord(s) || doc.Lower[s] is "'s" or "’s" or "-") && !CueLexicon.Subordinators.Contains(doc.Lower[s])
               && doc.Lower[s] is not "that" and not "and" and not "but" and not "which" and not "who") s--;
        int subjectStart = s + 1;
        if (subjectEnd < subjectStart || c - s >= 14) return null;
        var d = new AttributionDraft { Block = block, Cue = doc.Tokens[c].Span };
        d.Parts.Add(doc.Range(subjectStart, subjectEnd));
        int last = CutAtNextClause(doc, after, end);
        d.Parts.Add(doc.Range(after, last));
        return d;
    }

    internal static AttributionDraft? BuildAccording(AttributionWork doc, int c, int lo, int hi, int end, int block)
    {
        int s0 = c + 2, s1 = s0;
        if (s0 > end || !doc.IsWord(s0)) return null;
        while (s1 + 1 <= end && !doc.IsComma(s1 + 1) && !doc.IsOpenQuote(s1 + 1) && s1 - s0 < 15) s1++;
        var d = new AttributionDraft { Block = block, Cue = doc.Range(c, c + 1), Source = doc.Range(s0, s1) };
        if (doc.IsComma(s1 + 1) && s1 + 2 <= end && !HasContentBefore(doc, lo, c - 1))
        {
            // "According to X, Y."
            d.Parts.Add(doc.Range(s1 + 2, end));
            ExtendQuotes(doc, d, s1 + 2, end);
            return d;
        }
        int last = c - 1;
        while (last >= lo && (doc.IsComma(last) || doc.Tokens[last].Kind == TokenKind.Dash)) last--;
        if (last < lo) return null;
        return AddContentBefore(doc, d, lo, last + 1) ? d : null;
    }

    // "The plan, Ortega said, would raise bills.": a cue set off by commas inside a clause; the clause goes on after it.
    internal static void AddMidSentenceRest(AttributionWork doc, AttributionDraft d, int c, int end)
    {
        int k = c + 1;
        while (k <= end && k - c <= 4 && !doc.IsComma(k) && !doc.IsOpenQuote(k) && doc.IsWord(k)) k++;
        if (k + 2 > end || !doc.IsComma(k) || !doc.IsWord(k + 1) || doc.QuoteDepth[k + 1] > 0) return;
        var w = doc.Lower[k + 1];
        if (doc.Verbs.Contains(w) || w is "and" or "but" or "while" or "although" or "though" or "according" or "as" or "because" or "who" or "which" or "where" or "when") return;
        // The clause before the cue must be unfinished: a subject with no verb yet is short ("The plan, …").
        int before = 0;
        foreach (var part in d.Parts) before += doc.CountContent(doc.FirstAtOrAfter(part.Start), doc.FirstAtOrAfter(part.End) - 1);
        if (before > 6) return;
        d.Parts.Add(doc.Range(k + 1, end));
    }

    // The quotation that makes up the end of the sentence before <paramref name="lo"/> in the same paragraph, if nobody owns it.
    internal static Quotation? PreviousSentenceQuote(AttributionWork doc, int lo, int block)
    {
        int k = lo - 1;
        while (k >= 0 && doc.IsTerminal(k)) k--;
        if (k < 0 || !doc.IsCloseQuote(k) || doc.SentenceOf[k] < 0 || doc.BlockOfSentence[doc.SentenceOf[k]] != block) return null;
        var q = doc.ByClose[k];
        if (q.Depth != 1 || q.OpenToken < 0 || doc.Used[q.OpenToken] || doc.Owner[q.OpenToken] is not null || doc.Owner[k] is not null) return null;
        return q;
    }

    // After a postposed cue only a short adverbial may follow ("said on Thursday", "told reporters", "said in a statement"),
    // or a comma that continues a split quote or adds a participle.
    internal static bool IsShortAdverbial(AttributionWork doc, int first, int last)
    {
        if (doc.IsComma(first)) return true;
        // "said Tuesday in Paris, noting …": a participle after the adverbial does not make the cue preposed.
        for (int k = first + 1; k <= last; k++)
            if (doc.IsComma(k) && doc.QuoteDepth[k] == 0 && k + 1 <= last && doc.Lower[k + 1].EndsWith("ing", StringComparison.Ordinal) && doc.Verbs.Contains(doc.Lower[k + 1])) { last = k - 1; break; }
        for (int k = first; k <= last; k++)
            if (doc.Lower[k] == "that" || doc.IsOpenQuote(k) || doc.Lower[k] == ":") return false;
        // A long tail is still an adverbial when it opens with a preposition or time word ("said at a news conference in …").
        return last - first + 1 <= 2 || CueLexicon.AdverbialOpeners.Contains(doc.Lower[first]) || (last - first + 1 <= 4 && CueLexicon.TakesListener.Contains(doc.Lower[first - 1]));
    }
}
