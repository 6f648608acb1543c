using Storyline.Text;

namespace Storyline.Attribution.Rules;

/// <summary>Whether a token is a reporting cue: a verb of saying in a reporting frame, "seems", "according to", a poll's "in".</summary>
internal static class Cues
{
    internal static bool IsCue(AttributionWork doc, int i)
    {
        if (doc.Tokens[i].Kind != TokenKind.Word) return false;
        var w = doc.Lower[i];
        if (w == "according") return doc.Is(i + 1, "to");
        if (w == "clear") return MadeClearStart(doc, i) >= 0 && (doc.Is(i + 1, "that") || doc.Is(i + 1, ":") || doc.IsOpenQuote(i + 1));
        if (!doc.Verbs.Contains(w)) return false;
        if (doc.QuoteDepth[i] > 0 && CueLexicon.NotInQuotes.Contains(w)) return false;
        // "The sanctions announced by the US …" is a passive participle naming who acted, not someone reporting.
        if (doc.Is(i + 1, "by") && w.EndsWith("ed", StringComparison.Ordinal)) return false;
        // "a former police chief alleged to have been responsible": a participle raising its subject ("is said to be", "is alleged
        // to have") tells what others say about that person, who says nothing.
        if (CueLexicon.IsRaisingPassive(doc.Lower, i) || CueLexicon.IsPassiveTo(doc.Lower, i)) return false;
        // "the report says" is a cue, "a say", "the claims" are nouns.
        if (doc.Is(i - 1, "the") || doc.Is(i - 1, "a") || doc.Is(i - 1, "an") || doc.Is(i - 1, "his") || doc.Is(i - 1, "her") || doc.Is(i - 1, "their") || doc.Is(i - 1, "its")) return false;
        // "Editor's note", "Trump's claim": a word right after a possessive is a noun ("He's claiming", "who's called" are "is" and "has").
        if (i > 0 && doc.Tokens[i - 1].Kind == TokenKind.Word && doc.Lower[i - 1].EndsWith("'s", StringComparison.Ordinal)
            && doc.Lower[i - 1][..^2] is var owner && !CueLexicon.Pronouns.Contains(owner) && owner is not ("who" or "that" or "there" or "what" or "here" or "where" or "it" or "let")) return false;
        if (CueLexicon.NeedsComplement.Contains(w)) return HasComplement(doc, i) || HasClauseAfterSubject(doc, i);
        return true;
    }

    // "He thinks the plan will fail", "The poll shows Clinton ahead": a belief or finding verb with a subject right before it
    // and a clause or noun phrase right after it reports a stance even without "that".
    internal static bool HasClauseAfterSubject(AttributionWork doc, int i)
    {
        if (!CueLexicon.BareComplement.Contains(doc.Lower[i]) || doc.QuoteDepth[i] > 0) return false;
        int j = i - 1;
        while (j >= 0 && CueLexicon.Between.Contains(doc.Lower[j]) && doc.SentenceOf[j] == doc.SentenceOf[i])
        {
            // "X is believed to …" is passive: X holds no belief.
            if (doc.Lower[j] is "is" or "was" or "are" or "were" or "be" or "been" or "being") return false;
            j--;
        }
        if (j < 0 || doc.SentenceOf[j] != doc.SentenceOf[i] || !doc.IsWord(j)) return false;
        bool subject = CueLexicon.Pronouns.Contains(doc.Lower[j]) || doc.IsCapitalised(j) || CueLexicon.DocumentSources.Contains(doc.Lower[j])
            || (!CueLexicon.SourceStops.Contains(doc.Lower[j]) && !doc.Verbs.Contains(doc.Lower[j]) && !doc.Lower[j].EndsWith("ly", StringComparison.Ordinal) && doc.Tokens[j].Kind == TokenKind.Word);
        if (!subject || doc.Lower[j] is "it" || CueLexicon.SourceStops.Contains(doc.Lower[j])) return false;
        int k = i + 1;
        if (k >= doc.Tokens.Count || doc.SentenceOf[k] != doc.SentenceOf[i]) return false;
        // What follows must open a clause or a named or determined noun phrase ("found jobs" is an action, "found the plan …" a finding).
        if (!doc.IsWord(k) || CueLexicon.NotAfterBareCue.Contains(doc.Lower[k])) return false;
        return CueLexicon.Pronouns.Contains(doc.Lower[k]) || doc.IsDeterminer(k) || doc.IsCapitalised(k) || doc.Tokens[k].Kind == TokenKind.Number
            || doc.Lower[k] is "there" or "this" or "these" or "those" or "his" or "her" or "their" or "its" or "our" or "my" or "your"
                or "no" or "most" or "more" or "to" or "nothing" or "everyone" or "nobody" or "everything";
    }

    // A verb that is only a cue with a complement clause: "that", a colon or a quotation within a few tokens.
    internal static bool HasComplement(AttributionWork doc, int i)
    {
        for (int k = i + 1; k < Math.Min(doc.Tokens.Count, i + 5); k++)
        {
            if (doc.Lower[k] is "that" or ":" || doc.IsOpenQuote(k)) return true;
            if (doc.IsTerminal(k)) return IsPostposedEnd(doc, i);
        }
        return IsPostposedEnd(doc, i);
    }

    // "…, the source added." — the cue closes the sentence after a comma or quote and a short subject.
    internal static bool IsPostposedEnd(AttributionWork doc, int i)
    {
        int j = i + 1;
        while (j < doc.Tokens.Count && (doc.IsTerminal(j) || doc.Tokens[j].Kind == TokenKind.CloseQuote)) j++;
        bool endsHere = j >= doc.Tokens.Count || doc.SentenceOf[j] != doc.SentenceOf[i] || doc.IsComma(i + 1);
        if (!endsHere) return false;
        int k = i - 1;
        for (int steps = 0; k >= 0 && steps < 8 && doc.SentenceOf[k] == doc.SentenceOf[i]; k--, steps++)
            if (doc.IsComma(k) || doc.IsCloseQuote(k)) return steps > 0;
        return false;
    }

    // "The plan seems to have failed", "It appeared likely that …": the writer's evidential stance on a proposition. The content
    // is the clause's subject and what follows the verb; there is no source.
    internal static bool IsSeem(AttributionWork doc, int i) => doc.Tokens[i].Kind == TokenKind.Word && doc.Lower[i] is "seems" or "seemed" or "seem" or "appears" or "appeared" or "appear"
        && (doc.Is(i + 1, "to") || doc.Is(i + 1, "like") || (doc.Is(i + 1, "as") && (doc.Is(i + 2, "if") || doc.Is(i + 2, "though"))));

    // "… in the polls", "… in a new Fox News poll released Thursday": the token index of the poll word, or -1.
    internal static int PollAfterIn(AttributionWork doc, int i, int lo, int hi)
    {
        if (doc.Lower[i] != "in" || i - lo < 3 || doc.QuoteDepth[i] > 0) return -1;

        for (int k = i + 1; k < hi && k - i <= 10; k++)
        {
            if (!doc.IsWord(k) && doc.Lower[k] is not "'s" and not "’s" and not "/" and not "-") return -1;
            if (doc.Lower[k] is "poll" or "polls" or "survey" or "surveys" or "polling")
            {
                if (k + 1 >= hi || doc.IsTerminal(k + 1) || doc.IsComma(k + 1) || doc.Tokens[k + 1].Kind == TokenKind.Dash
                    || doc.Lower[k + 1] is "released" or "conducted" or "published" or "taken" or "by" or "of" or "this" or "last" or "on" or "average")
                    return k;
                return -1;
            }
            // "in six states going to the polls" is voting, not a finding.
            if (doc.Lower[k] is "which" or "that" or "and" or "or" or "but" or "to" or "head" or "heading" or "going" or "went") return -1;
        }
        return -1;
    }

    // "made clear that …", "has made it clear that …": the index of "made", or -1.
    internal static int MadeClearStart(AttributionWork doc, int i)
    {
        if (doc.Lower[i] != "clear") return -1;
        int k = i - 1;
        if (doc.Is(k, "it")) k--;
        return k >= 0 && doc.Lower[k] is "made" or "make" or "makes" or "making" ? k : -1;
    }
}
