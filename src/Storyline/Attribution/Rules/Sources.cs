using Storyline.Documents;
using Storyline.Text;

namespace Storyline.Attribution.Rules;

/// <summary>Finds the source of a cue: the noun phrase before it (or after it in inverted order), or the subject of the clause.</summary>
internal static class Sources
{
    // Source phrase ending at token <paramref name="end"/>, walking left: a pronoun, or a run of words with an appositive.
    internal static int SourceLeft(AttributionWork doc, int end, int lo)
    {
        if (end < lo) return -1;
        if (doc.Lower[end] == ")")
        {
            int open = end - 1;
            while (open >= lo && doc.Lower[open] != "(" && end - open < 8) open--;
            if (open < lo || doc.Lower[open] != "(") return -1;
            int before = SourceLeft(doc, open - 1, lo);
            return before;
        }
        if (doc.IsComma(end))
        {
            // Appositive: "Shi Yinhong, an international relations professor at Renmin University, said".
            int k = end - 1;
            while (k >= lo && !doc.IsComma(k) && !doc.IsOpenQuote(k) && !doc.IsCloseQuote(k) && !doc.IsTerminal(k) && end - k < 20) k--;
            if (k < lo || !doc.IsComma(k) || k == end - 1) return -1;
            int head = SourceLeft(doc, k - 1, lo);
            // A party tag in parentheses ("Rep. Lee (D-Md.)") does not make the head long.
            int extra = 0;
            if (head >= 0 && doc.Lower[k - 1] == ")")
                for (int m = k - 1; m > head && doc.Lower[m] != "("; m--) extra++;
            if (head < 0 || k - head - extra > 7) return -1;
            if (!char.IsUpper(doc.Text[doc.Tokens[head].Span.Start]) && !doc.IsDeterminer(head)) return -1;
            return head;
        }
        if (doc.Tokens[end].Kind == TokenKind.Dash)
        {
            // Dash appositive: "Ortega — the mayor since 2019 — said".
            int k = end - 1;
            while (k >= lo && doc.Tokens[k].Kind != TokenKind.Dash && !doc.IsOpenQuote(k) && !doc.IsCloseQuote(k) && !doc.IsTerminal(k) && end - k < 20) k--;
            if (k < lo || doc.Tokens[k].Kind != TokenKind.Dash || k == end - 1) return -1;
            int head = SourceLeft(doc, k - 1, lo);
            if (head < 0 || k - head > 6 || !char.IsUpper(doc.Text[doc.Tokens[head].Span.Start])) return -1;
            return head;
        }
        if (!doc.IsWord(end)) return -1;
        if (CueLexicon.Pronouns.Contains(doc.Lower[end])) return end;
        if (CueLexicon.SourceStops.Contains(doc.Lower[end]) || doc.Verbs.Contains(doc.Lower[end])) return -1;
        int start = end;
        int k2 = end - 1;
        while (k2 >= lo && end - k2 < doc.Options.MaxSourceTokens)
        {
            if (doc.Lower[k2] == ")")
            {
                int open = k2 - 1;
                while (open >= lo && doc.Lower[open] != "(" && k2 - open < 8) open--;
                if (open < lo) break;
                k2 = open - 1;
                continue;
            }
            if (!doc.IsWord(k2) && doc.Lower[k2] is not "&" and not "-") break;
            var w = doc.Lower[k2];
            if (CueLexicon.SourceStops.Contains(w) || CueLexicon.Pronouns.Contains(w)) break;
            if (w == "and" && !(k2 - 1 >= lo && doc.IsCapitalised(k2 - 1) && doc.IsCapitalised(k2 + 1))) break;
            start = k2;
            k2--;
        }
        while (start < end && (doc.Lower[start] is "and" or "&" or "-")) start++;
        return start;
    }

    internal static TextSpan SourceRange(AttributionWork doc, int first, int last)
    {
        while (last > first && (doc.IsComma(last) || doc.Tokens[last].Kind == TokenKind.Dash)) last--;
        return doc.Range(first, last);
    }

    // The subject of the clause before a participle cue: the source of an attribution earlier in the sentence, else the
    // sentence's opening noun phrase (a pronoun, a run of capitalised words, or a determiner and a few words).
    internal static TextSpan? ClauseSubject(AttributionWork doc, int lo, int comma)
    {
        if (doc.LastInSentence is { Source: { } shared } && doc.LastSentence == doc.SentenceOf[comma] && shared.End <= doc.Tokens[comma].Span.Start) return shared;
        int s = lo;
        while (s < comma && !doc.IsWord(s)) s++;
        // Skip an opening adverbial: "On Tuesday, …" / "In a statement, …".
        if (s < comma && CueLexicon.AdverbialOpeners.Contains(doc.Lower[s]))
        {
            int k = s;
            while (k < comma && !doc.IsComma(k) && k - s < 10) k++;
            if (k >= comma || !doc.IsComma(k)) return null;
            s = k + 1;
        }
        if (s >= comma || !doc.IsWord(s)) return null;
        if (CueLexicon.Pronouns.Contains(doc.Lower[s]) && doc.Lower[s] is not "it" and not "you") return doc.Tokens[s].Span;
        int e = s;
        if (doc.IsCapitalised(s) && !doc.IsDeterminer(s))
        {
            while (e + 1 < comma && (doc.IsCapitalised(e + 1) || (doc.Lower[e + 1] is "." or "-" && doc.IsCapitalised(e + 2)) || (doc.Lower[e + 1] is "of" && doc.IsCapitalised(e + 2)))) e++;
        }
        else if (doc.IsDeterminer(s) || doc.Lower[s] is "the")
        {
            while (e + 1 < comma && e - s < 4 && doc.IsWord(e + 1) && !CueLexicon.Between.Contains(doc.Lower[e + 1]) && !CueLexicon.SourceStops.Contains(doc.Lower[e + 1])
                && !doc.Verbs.Contains(doc.Lower[e + 1]) && !doc.Lower[e + 1].EndsWith("ed", StringComparison.Ordinal)) e++;
            if (e == s) return null;
        }
        else return null;
        // The subject must be followed by the main verb, not end the clause.
        if (e + 1 >= comma) return null;
        return doc.Range(s, e);
    }

    internal static bool IsBadSourceEnd(string w) => CueLexicon.NotSourceEnds.Contains(w);

    // A reporting clause inside a leading subordinate clause ("While X said that …, he …") ends where the main clause starts.
    internal static int CutAtMainClause(AttributionWork doc, int srcStart, int lo, int first, int last)
    {
        int k = srcStart - 1;
        if (k < lo || !CueLexicon.Subordinators.Contains(doc.Lower[k])) return last;
        for (int m = first + 1; m < last - 1; m++)
            if (doc.IsComma(m) && doc.QuoteDepth[m] == 0 && doc.IsWord(m + 1) && (CueLexicon.Pronouns.Contains(doc.Lower[m + 1]) || doc.IsCapitalised(m + 1) || doc.IsDeterminer(m + 1)))
                return m - 1;
        return last;
    }
}
