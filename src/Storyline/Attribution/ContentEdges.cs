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
            var cue = a.Cue;
            var source = a.Source;
            bool changed = MergeCommaGaps(doc, parts);
            changed |= DropStrayParts(doc, parts);
            changed |= DropSecondPartAfterCue(cue, parts);
            changed |= SubjectOfPassive(doc, a, cue, ref source, parts, claimed);
            changed |= SplitAccordingSource(doc, cue, ref source, parts);
            changed |= DropFunctionWordSource(doc, ref source);
            changed |= TrimSource(doc, ref source);
            changed |= ExtendSource(doc, ref source, claimed);
            changed |= AddFrontedPart(doc, a, parts, claimed);
            changed |= AddRelativePronoun(doc, a, parts, claimed);
            changed |= MovePrepositionToCue(doc, ref cue, parts);
            changed |= DropTrailingClause(doc, cue, parts);
            changed |= DropSceneAfterQuote(doc, cue, parts);
            any |= changed;
            result.Add(changed && parts.Count > 0 ? a with { Content = AttributionContent.Of(parts), Cue = cue, Source = source, Kind = KindOf(doc, parts) } : a);
        }
        // Unchanged input comes back as it was (callers may compare by reference).
        return any ? result : found;
    }

    // "But said …", "Having announced …": a source of one function word or mark is a tagging slip, no one who speaks (PolNeAR train:
    // 56 such sources wrong for 1 right).
    private static bool DropFunctionWordSource(AttributionTokens doc, ref TextSpan? source)
    {
        if (source is not { } s) return false;
        var t = doc.Analysis.Tokens;
        int lo = doc.FirstAtOrAfter(s.Start), hi = doc.FirstAtOrAfter(s.End - 1);
        if (lo >= t.Count || hi != lo) return false;
        if (t[lo].Kind is TokenKind.Word or TokenKind.Number or TokenKind.Abbreviation && !FunctionWordSources.Contains(doc.Lower[lo]) && !IsAdverb(doc, lo)) return false;
        source = null;
        return true;
    }

    // "… while simultaneously pushing for …": a lone manner adverb the tagger read as the subject.
    private static bool IsAdverb(AttributionTokens doc, int k) =>
        CueLexicon.IsMannerAdverb(doc.Lower[k], char.IsLower(doc.Text[doc.Analysis.Tokens[k].Span.Start]));

    private static readonly HashSet<string> DiscourseWords = new(StringComparer.Ordinal)
    {
        "however", "meanwhile", "too", "though", "instead", "also", "then", "moreover", "nonetheless", "nevertheless", "therefore", "thus",
        "likewise", "similarly", "indeed",
    };

    private static readonly HashSet<string> FunctionWordSources = new(StringComparer.Ordinal)
    {
        "and", "but", "or", "in", "on", "at", "for", "of", "if", "then", "an", "a", "the", "having", "as", "so", "when", "while", "because",
        "by", "than", "whether", "however", "here", "there", "to", "into", "with",
    };

    // "He’s claiming …" → "He"; "Obama, dedicating the museum, said …", "Clinton, in a later press gaggle, said …" → the name:
    // a pronoun's clitic, a participle clause or a setting after a comma describe the moment, not who spoke (PolNeAR train: each of
    // these trims makes some 15 to 30 sources exact for one or two it breaks).
    private static bool TrimSource(AttributionTokens doc, ref TextSpan? source)
    {
        if (source is not { } s) return false;
        var t = doc.Analysis.Tokens;
        int lo = doc.FirstAtOrAfter(s.Start), hi = doc.FirstAtOrAfter(s.End - 1);
        if (lo >= t.Count) return false;
        if (lo == hi && t[lo].Kind == TokenKind.Word)
        {
            var w = doc.Lower[lo];
            int apostrophe = w.IndexOf('\'', StringComparison.Ordinal);
            if (apostrophe <= 0 || !CliticPronouns.Contains(w[..apostrophe]) || w[(apostrophe + 1)..] is not ("s" or "re" or "ve" or "d" or "ll" or "m")) return false;
            source = new TextSpan(t[lo].Span.Start, apostrophe);
            return true;
        }
        // "Beijing, however, denies …": a discourse word after the subject is no part of who speaks.
        if (hi > lo + 1 && doc.Lower[hi - 1] == "," && DiscourseWords.Contains(doc.Lower[hi]))
        {
            source = TextSpan.FromBounds(s.Start, t[hi - 2].Span.End);
            return true;
        }
        for (int k = lo + 1; k < hi; k++)
        {
            if (doc.Lower[k] != ",") continue;
            var w = doc.Lower[k + 1];
            bool participle = w.Length > 5 && w.EndsWith("ing", StringComparison.Ordinal) && char.IsLower(doc.Text[t[k + 1].Span.Start]) && !NounLikeIng.Contains(w);
            if (!participle && !SettingAfterComma.Contains(w)) continue;
            source = TextSpan.FromBounds(s.Start, t[k - 1].Span.End);
            return true;
        }
        return false;
    }

    // "According to exit polls, Mitt Romney had a lead": a source after "according to" ends at its comma when what follows is the
    // clause's subject, not an apposition ("According to Bill McInturff, a Republican pollster, …"); the subject joins the content.
    private static bool SplitAccordingSource(AttributionTokens doc, TextSpan? cue, ref TextSpan? source, List<TextSpan> parts)
    {
        if (cue is not { } c || source is not { } s || parts.Count == 0 || s.Start < c.End || parts[0].Start < s.End) return false;
        var t = doc.Analysis.Tokens;
        if (doc.Lower[doc.FirstAtOrAfter(c.Start)] != "according") return false;
        int lo = doc.FirstAtOrAfter(s.Start), hi = doc.FirstAtOrAfter(s.End - 1);
        if (doc.FirstAtOrAfter(parts[0].Start) > hi + 2) return false;
        for (int k = lo + 1; k < hi; k++)
        {
            if (doc.Lower[k] != ",") continue;
            var w = doc.Lower[k + 1];
            if (w is "a" or "an" or "the" or "one" or "who" or "which" or "whose" or "where" || Entities.RoleLexicon.Heads.Contains(w)
                || Entities.RoleLexicon.Modifiers.Contains(w) || t[k + 1].Kind is not (TokenKind.Word or TokenKind.Number or TokenKind.Abbreviation)) return false;
            source = TextSpan.FromBounds(s.Start, t[k - 1].Span.End);
            parts[0] = TextSpan.FromBounds(t[k + 1].Span.Start, parts[0].End);
            return true;
        }
        return false;
    }

    // "one of his warm-up speakers", "Attorneys for Clinton", "Rubio and Cruz": the source the tagger found is the tail of a noun
    // phrase whose head or first conjunct stands before it (PolNeAR train: some 10 sources made exact for one broken).
    private static bool ExtendSource(AttributionTokens doc, ref TextSpan? source, List<TextSpan> claimed)
    {
        if (source is not { } s) return false;
        var t = doc.Analysis.Tokens;
        int first = doc.FirstAtOrAfter(s.Start), k = first - 1, start = first;
        if (k < 1 || doc.QuoteDepth[k] > 0) return false;
        if (doc.Lower[k] == "of" && Quantifiers.Contains(doc.Lower[k - 1])) start = k - 1;
        else if (doc.Lower[k] is "to" or "for" && RepresentativeHeads.Contains(doc.Lower[k - 1]))
        {
            start = k - 1;
            // Its determiner and modifiers: "a national security adviser to his campaign".
            for (int j = start - 1; j >= 0 && start - j <= 3 && t[j].Kind == TokenKind.Word && char.IsLower(doc.Text[t[j].Span.Start])
                && !SubjectStops.Contains(doc.Lower[j]) && !Prepositions.Contains(doc.Lower[j]) && doc.Lower[j] != "including" && !RelativeSubjects.Contains(doc.Lower[j]) && !doc.Cue[j]; j--) start = j;
        }
        else if (doc.Lower[k] == "and" && char.IsUpper(doc.Text[t[first].Span.Start]))
        {
            for (int j = k - 1; j >= 0 && k - j <= 4 && t[j].Kind is TokenKind.Word or TokenKind.Abbreviation && char.IsUpper(doc.Text[t[j].Span.Start])
                && !doc.Cue[j]; j--) start = j;
            // A sentence's first word may be capitalised without being a name.
            if (start < k && doc.Analysis.SentenceAt(t[start].Span.Start) is var sentence && sentence >= 0
                && doc.Analysis.Sentences[sentence].FirstToken == start && SubjectStops.Contains(doc.Lower[start])) return false;
        }
        if (start == first) return false;
        var extension = TextSpan.FromBounds(t[start].Span.Start, s.Start);
        if (claimed.Any(x => x.Overlaps(extension))) return false;
        source = TextSpan.FromBounds(t[start].Span.Start, s.End);
        return true;
    }

    private static readonly HashSet<string> Quantifiers = new(StringComparer.Ordinal)
    {
        "one", "some", "many", "most", "all", "several", "none", "each", "both", "two", "three", "four", "five", "dozens", "hundreds",
        "thousands", "any", "few", "either", "neither",
    };

    // Nouns for people who speak for someone: "advisers to Mr. Obama", "an attorney for Pagliano".
    private static readonly HashSet<string> RepresentativeHeads = new(StringComparer.Ordinal)
    {
        "spokesman", "spokeswoman", "spokesperson", "spokesmen", "adviser", "advisers", "advisor", "advisors", "aide", "aides", "attorney",
        "attorneys", "lawyer", "lawyers", "representative", "representatives", "counsel",
    };

    private static readonly HashSet<string> CliticPronouns = new(StringComparer.Ordinal) { "he", "she", "it", "i", "you", "we", "they", "who", "that" };

    // "…, including the Asbury Park Press," and "…, managing director of …" belong to the source; so does how it spoke.
    private static readonly HashSet<string> NounLikeIng = new(StringComparer.Ordinal)
    {
        "including", "managing", "leading", "founding", "ranking", "acting", "speaking", "writing", "representing", "reporting",
    };

    private static readonly HashSet<string> SettingAfterComma = new(StringComparer.Ordinal) { "on", "in", "during", "after", "before", "with", "from" };

    // "Trump is expected to win", "Melania seems to have vanished", "which is seen as aligned with Clinton": the subject of a passive
    // or raising cue says nothing; it is what the content is about and its first part (PolNeAR train: ~500 contents open on the
    // subject before such a cue). A source right before the cue becomes that part; with no source, the noun phrase before the cue.
    private static bool SubjectOfPassive(AttributionTokens doc, Attribution a, TextSpan? cue, ref TextSpan? source, List<TextSpan> parts, List<TextSpan> claimed)
    {
        if (cue is not { } c || parts.Count == 0 || parts[0].Start < c.End) return false;
        var t = doc.Analysis.Tokens;
        int first = doc.FirstAtOrAfter(c.Start), end = doc.FirstAtOrAfter(c.End - 1) + 1;
        // A raising cue is only the raising word with auxiliaries and adverbs: in "appeared to suggest" the subject suggests.
        bool raising = false;
        for (int k = first; k < end; k++)
        {
            var w = doc.Lower[k];
            if (RaisingWords.Contains(w)) raising = true;
            else if (!CueLexicon.IsBe(w) && !w.EndsWith("ly", StringComparison.Ordinal) && w is not ("has" or "have" or "had" or "does" or "do" or "did" or "not" or "also" or "still" or "would" or "could" or "may" or "might")) { raising = false; break; }
        }
        if (!raising && !AttributionTagger.HasPassive(doc.Lower, first, end)) return false;
        // The content goes on right after the cue ("is expected to …"); words between make it something else ("which were released
        // on Wednesday, the last day of …"). "It seems that …" has an empty subject before a clause.
        int contentStart = doc.FirstAtOrAfter(parts[0].Start);
        if (contentStart != end || doc.Lower[contentStart] == "that") return false;
        // Adverbs between the subject and the cue ("Trump also seems …") stay out of both.
        int before = first - 1;
        while (before >= 0 && (doc.Lower[before].EndsWith("ly", StringComparison.Ordinal) || doc.Lower[before] is "also" or "not" or "still")) before--;
        if (before < 0) return false;
        if (source is { } s)
        {
            if (doc.FirstAtOrAfter(s.End - 1) != before || doc.Lower[before] == "it" && doc.FirstAtOrAfter(s.Start) == before) return false;
            parts.Insert(0, s);
            source = null;
            return true;
        }
        int sentence = doc.Analysis.SentenceAt(t[first].Span.Start);
        int lo = before;
        // "which is expected to …": the relative pronoun is the subject.
        if (!RelativeSubjects.Contains(doc.Lower[before]))
        {
            while (lo - 1 >= 0 && doc.Analysis.SentenceAt(t[lo - 1].Span.Start) == sentence && before - lo < 10
                && t[lo - 1].Kind is TokenKind.Word or TokenKind.Number or TokenKind.Abbreviation && !SubjectStops.Contains(doc.Lower[lo - 1])
                && !doc.Cue[lo - 1] && !RelativeSubjects.Contains(doc.Lower[lo - 1])) lo--;
            if (SubjectStops.Contains(doc.Lower[before]) || t[before].Kind is not (TokenKind.Word or TokenKind.Number or TokenKind.Abbreviation)) return false;
            // A noun phrase cut short by the length limit, or a phrase opening on a preposition, is not the whole subject.
            if (before - lo >= 10 || Prepositions.Contains(doc.Lower[lo]) || lo == before && doc.Lower[lo] == "it") return false;
        }
        var span = TextSpan.FromBounds(t[lo].Span.Start, t[before].Span.End);
        // Its own parts do not count: a short subject the tagger gave the content was dropped as stray just before.
        if (claimed.Any(x => x.Overlaps(span) && !a.Content.Parts.Contains(x))) return false;
        parts.Insert(0, span);
        return true;
    }

    private static readonly HashSet<string> RaisingWords = new(StringComparer.Ordinal)
    {
        "seem", "seems", "seemed", "seeming", "appear", "appears", "appeared", "reportedly", "seemingly", "apparently", "allegedly",
    };

    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal)
    {
        "with", "in", "on", "at", "for", "of", "by", "from", "to", "into", "over", "under", "about", "after", "before", "during", "among",
    };

    private static readonly HashSet<string> RelativeSubjects = new(StringComparer.Ordinal) { "which", "who", "that" };

    // Words that open a clause or stand before its subject: the subject starts after them.
    private static readonly HashSet<string> SubjectStops = new(StringComparer.Ordinal)
    {
        "and", "but", "or", "nor", "so", "yet", "because", "if", "when", "while", "as", "since", "although", "though", "whether",
        "now", "then", "still", "however", "where", "after", "before", "until", "unless", "also", "even", "meanwhile", "instead",
        "thus", "today", "yesterday", "here", "there", "what", "whom", "whose", "why", "how", "than", "once", "is", "are", "was", "were",
        "be", "been", "has", "have", "had", "will", "would", "could", "should", "may", "might", "must", "can", "do", "does", "did",
    };

    // "Climate change, Obama said, is the greatest threat …": the source and cue interrupt the statement, whose first half (from the
    // sentence start to the comma before the source) is part of what was said. Only when that half is free (no other attribution took
    // it) and the second half starts right after the comma that closes the interruption.
    // "the wall, which he said Mexico would pay for", "what he calls corruption": the relative word right before the source is the
    // subject or object of what was said, its first part (PolNeAR train: the content's two parts "which" and "Mexico would pay for").
    private static bool AddRelativePronoun(AttributionTokens doc, Attribution a, List<TextSpan> parts, List<TextSpan> claimed)
    {
        if (a.Source is not { } source || a.Cue is not { } cue || parts.Count == 0) return false;
        if (source.End > cue.Start || parts[0].Start < cue.End) return false;
        int r = doc.FirstAtOrAfter(source.Start) - 1;
        if (r < 0 || !RelativeWords.Contains(doc.Lower[r]) || doc.QuoteDepth[r] != doc.QuoteDepth[doc.FirstAtOrAfter(source.Start)]) return false;
        // "the speech in which he said …": after a preposition the relative word is where it was said, not what ("in what he called"
        // still is).
        if (doc.Lower[r] != "what" && r > 0 && (Prepositions.Contains(doc.Lower[r - 1]) || doc.Lower[r - 1] is "during" or "through" or "upon")) return false;
        var span = doc.Analysis.Tokens[r].Span;
        if (claimed.Any(c => c.Overlaps(span))) return false;
        parts.Insert(0, span);
        return true;
    }

    private static readonly HashSet<string> RelativeWords = new(StringComparer.Ordinal) { "which", "what", "who", "whom" };

    private static bool AddFrontedPart(AttributionTokens doc, Attribution a, List<TextSpan> parts, List<TextSpan> claimed)
    {
        if (a.Source is not { } source || a.Cue is not { } cue || parts.Count == 0) return false;
        var t = doc.Analysis.Tokens;
        var first = parts[0];
        if (source.Start >= first.Start || cue.Start >= first.Start) return false;
        int left = doc.FirstAtOrAfter(Math.Min(source.Start, cue.Start));
        int right = doc.FirstAtOrAfter(Math.Max(source.End, cue.End) - 1);
        int contentStart = doc.FirstAtOrAfter(first.Start);
        // "Hawaii, as one of his advisers pointed out, does not …": "as" opens the interruption.
        bool extended = left >= 3 && doc.Lower[left - 1] == "as";
        if (extended) left--;
        // "The difference now, he told me on Friday, is …": a listener or time after the cue (a few words, no verb or quote) is still
        // part of the interruption.
        int close = contentStart - 1;
        if (close - right > 5 || close <= right) return false;
        extended |= close > right + 1;
        for (int k = right + 1; k < close; k++)
            if (doc.Cue[k] || doc.QuoteDepth[k] > 0 || doc.Lower[k] is "," or "that" || t[k].Kind is not (TokenKind.Word or TokenKind.Number or TokenKind.Abbreviation)) return false;
        if (left < 2 || doc.Lower[left - 1] != "," || doc.Lower[close] != ",") return false;
        int sentence = doc.Analysis.SentenceAt(t[left].Span.Start);
        if (sentence < 0 || doc.Analysis.SentenceAt(first.Start) != sentence) return false;
        int lo = doc.Analysis.Sentences[sentence].FirstToken;
        int last = left - 2;
        // The first half starts the sentence (after an opening quote's mark, which the trimmed span leaves out anyway).
        while (lo <= last && t[lo].Kind is TokenKind.OpenQuote or TokenKind.Punctuation or TokenKind.Dash) lo++;
        if (lo > last || last - lo > 25) return false;
        // "Holding open a book, Beck said, “I just want …”": an unquoted first half before a quoted sentence sets the scene (one going on
        // into the quote, "That, the commission said, “would help …”", is part of it).
        int opening = t[contentStart].Kind == TokenKind.OpenQuote ? contentStart + 1 : contentStart;
        if ((opening > contentStart || doc.QuoteDepth[contentStart] > 0) && doc.QuoteDepth[lo] == 0 && opening < t.Count
            && char.IsUpper(doc.Text[t[opening].Span.Start])) return false;
        // A reporting verb in the first half makes it a statement of its own ("Trump said this, and Pence, he added, agreed").
        for (int k = lo; k <= last; k++)
            if (doc.Cue[k] || doc.Lower[k] is ";" or ":") return false;
        var span = TextSpan.FromBounds(t[lo].Span.Start, t[last].Span.End);
        // Its own parts do not count when the half opens on a noun phrase ("The museum, Mr. Bush said, celebrated …"): the tagger gave
        // it the content and it was dropped as stray just before. A fronted adverbial ("But", "Of course", "At the time") stays out.
        bool nounPhrase = !SubjectStops.Contains(doc.Lower[lo]) && !Prepositions.Contains(doc.Lower[lo]) && doc.Lower[lo] is not ("if" or "of" or "however" or "instead");
        if (claimed.Any(c => c.Overlaps(span) && !(nounPhrase && a.Content.Parts.Contains(c)))) return false;
        // Only a noun phrase is taken across "as" or a listener or time after the cue ("And, Kasich tells the crowd, he’s …", "Of
        // course, as Pollak observed, …" are not).
        if (extended && !nounPhrase) return false;
        parts.Insert(0, span);
        return true;
    }

    // "called for an inquiry", "warned against the deal", "spoke about her faith": the preposition right after the cue word is part of
    // the cue (a phrasal verb), not of what was said. Not after verbs of saying ("said in 2015 the economy …", "asked about it, …").
    private static bool MovePrepositionToCue(AttributionTokens doc, ref TextSpan? cue, List<TextSpan> parts)
    {
        if (cue is not { } c || parts.Count == 0 || parts[0].Start < c.End) return false;
        var t = doc.Analysis.Tokens;
        int last = doc.FirstAtOrAfter(c.End - 1), k = doc.FirstAtOrAfter(parts[0].Start);
        if (k != last + 1 || k + 2 >= t.Count || t[k].Span.Start != parts[0].Start || doc.QuoteDepth[k] > 0) return false;
        bool preposition = CuePrepositions.Contains(doc.Lower[k]) || doc.Lower[k] == "to" && ToVerbs.Contains(doc.Lower[last]);
        // "spoke for about five minutes": "about" before a number is an amount.
        if (!preposition || SayingVerbs.Contains(doc.Lower[last]) || doc.Lower[k] == "about" && t[k + 1].Kind == TokenKind.Number) return false;
        // What is left must still be a statement of two words or more, inside the part.
        if (t[k + 2].Span.End > parts[0].End || t[k + 1].Kind is not (TokenKind.Word or TokenKind.Number) && t[k + 1].Kind != TokenKind.OpenQuote) return false;
        parts[0] = TextSpan.FromBounds(t[k + 1].Span.Start, parts[0].End);
        cue = TextSpan.FromBounds(c.Start, t[k].Span.End);
        return true;
    }

    // "… to stage a protest, though she acknowledged it was unlikely", "… as a strong leader, comparing him to Obama", "…, the source
    // added": after a comma, a concessive clause, a reporting participle or a source with its reporting verb is the writer's addition
    // or another statement, not the rest of what was said. Only the unquoted tail of a content after its cue.
    private static bool DropTrailingClause(AttributionTokens doc, TextSpan? cue, List<TextSpan> parts)
    {
        if (cue is not { } c || parts.Count == 0 || parts[^1].Start < c.End) return false;
        var t = doc.Analysis.Tokens;
        var last = parts[^1];
        int lo = doc.FirstAtOrAfter(last.Start), hi = lo;
        while (hi < t.Count && t[hi].Span.End <= last.End) hi++;
        for (int j = lo + 3; j < hi - 1; j++)
        {
            if (doc.Lower[j] != ",") continue;
            int k = j + 1;
            if (k < hi && t[k].Kind == TokenKind.CloseQuote) k++;
            if (k >= hi || doc.QuoteDepth[k] > 0) continue;
            var w = doc.Lower[k];
            // ("but" joins as often a second half of the same statement: "…, but would eventually add $84 billion".)
            bool concessive = w is "though" or "although";
            // A reporting participle is the source's next statement ("…, adding that …", "…, warning of …"); other participles may
            // belong to the statement ("sanctions hurt the economy, contributing to unemployment"). It must take an object pronoun,
            // a preposition or "that" to be a verb, not a listed noun ("…, housing and …").
            bool participle = w.Length > 5 && w.EndsWith("ing", StringComparison.Ordinal) && doc.Cue[k] && char.IsLower(t[k].Text(doc.Text)[0])
                && k + 1 < hi && (ObjectPronouns.Contains(doc.Lower[k + 1]) || CuePrepositions.Contains(doc.Lower[k + 1]) || doc.Lower[k + 1] is "to" or "that");
            // A closing source and verb: at most six words, then the part ends.
            bool signed = hi - k <= 7 && SayingVerbs.Contains(doc.Lower[hi - 1]) && hi - 1 > k;
            if (!concessive && !participle && !signed) continue;
            int end = j - 1;
            while (end > lo && t[end].Kind is TokenKind.Punctuation or TokenKind.Dash) end--;
            if (WordsIn(doc, TextSpan.FromBounds(last.Start, t[end].Span.End)).Words < 3) return false;
            parts[^1] = TextSpan.FromBounds(last.Start, t[end].Span.End);
            return true;
        }
        return false;
    }

    // "“We will get there together,” she said at a news conference announcing …", "“…,” he said, cutting off a reporter": after a
    // quotation closed before its source and cue, unquoted words after the cue are the scene, not more of what was said (PolNeAR train:
    // 24 gold contents go on unquoted after the cue, most of them the topic of "said of …", which stays). The quotation must be the
    // whole part before the cue; a later part with quoted words is kept ("“…,” he said, but “…”").
    private static bool DropSceneAfterQuote(AttributionTokens doc, TextSpan? cue, List<TextSpan> parts)
    {
        if (cue is not { } c || parts.Count < 2 || parts[^1].Start < c.End) return false;
        int before = parts.FindLastIndex(p => p.End <= c.Start);
        if (before < 0) return false;
        var quote = WordsIn(doc, parts[before]);
        var tail = WordsIn(doc, parts[^1]);
        // A short tail opening unquoted may name a programme in quotation marks ("said on CBS’s “Face the Nation”").
        int tailStart = doc.FirstAtOrAfter(parts[^1].Start);
        bool titled = tail.Words <= 8 && doc.QuoteDepth[tailStart] == 0 && doc.Analysis.Tokens[tailStart].Kind != TokenKind.OpenQuote;
        if (quote.Words < 3 || quote.Quoted < quote.Words || tail.Quoted > 0 && !titled) return false;
        int k = doc.FirstAtOrAfter(parts[^1].Start) - 1;
        if (k >= 0 && doc.Lower[k] is "of" or "about") return false;
        parts.RemoveAt(parts.Count - 1);
        return true;
    }

    private static readonly HashSet<string> ObjectPronouns = new(StringComparer.Ordinal) { "him", "her", "them", "it", "us", "me", "himself", "herself", "themselves" };

    private static readonly HashSet<string> CuePrepositions = new(StringComparer.Ordinal)
    {
        "about", "of", "for", "on", "against", "with", "at", "over", "in", "from", "into", "upon",
    };

    // Verbs whose "to" is a preposition ("referred to her remarks"), where after others it opens the content ("urged to act").
    private static readonly HashSet<string> ToVerbs = new(StringComparer.Ordinal)
    {
        "referred", "refer", "refers", "referring", "responded", "respond", "responds", "responding", "reacted", "react", "reacts",
        "reacting", "objected", "object", "objects", "objecting", "pointed", "point", "points", "pointing", "alluded", "allude",
        "alludes", "alluding", "appealed", "appeal", "appeals", "appealing", "spoke", "speak", "speaks", "speaking", "talked", "talk",
        "talks", "talking", "replied", "reply", "replies", "replying", "testified", "testify", "testifies", "apologized", "apologised",
        "apologize", "apologizes", "admitted", "confessed",
    };

    private static readonly HashSet<string> SayingVerbs = new(StringComparer.Ordinal)
    {
        "said", "say", "says", "saying", "asked", "ask", "asks", "asking", "told", "tell", "tells", "telling", "added", "adds", "wrote",
        "writes", "stated", "states", "reported", "reports", "thought", "think", "thinks", "predicted", "predicts", "noted", "notes",
    };

    // "his immigration plan" | "which includes …": parts apart only by a comma (or ", but", ", and") are one stretch of what was said
    // (PolNeAR train: one gold content in 19,832 has such a gap; the tagger leaves some 70).
    private static bool MergeCommaGaps(AttributionTokens doc, List<TextSpan> parts)
    {
        bool merged = false;
        for (int i = parts.Count - 2; i >= 0; i--)
        {
            int k = doc.FirstAtOrAfter(parts[i].End), end = doc.FirstAtOrAfter(parts[i + 1].Start);
            if (k >= end || doc.Lower[k] != "," || end - k > 2 || end - k == 2 && doc.Lower[k + 1] is not ("but" or "and")) continue;
            parts[i] = TextSpan.FromBounds(parts[i].Start, parts[i + 1].End);
            parts.RemoveAt(i + 1);
            merged = true;
        }
        return merged;
    }

    // "told voters that …" → "voters" | "that …": a part of one or two unquoted words beside a long part is the listener or a stray
    // word the tagger gave the content, not a piece of the statement.
    private static bool DropStrayParts(AttributionTokens doc, List<TextSpan> parts)
    {
        if (parts.Count < 2) return false;
        var words = parts.Select(p => WordsIn(doc, p)).ToList();
        if (words.Max(w => w.Words) < 4) return false;
        // Beside a quotation, a short unquoted part is the scene or the listener ("As a phone rang, the announcer said, “…”", "in a
        // statement to my colleague Michael: …") rather than words of the statement.
        int stray = words.Any(w => w.Words >= 4 && 2 * w.Quoted >= w.Words) ? 5 : 2;
        int removed = 0;
        for (int i = parts.Count - 1; i >= 0; i--)
            if (words[i].Words <= stray && words[i].Quoted == 0) { parts.RemoveAt(i); removed++; }
        return removed > 0;
    }

    // "The mayor praised the plan on Monday, while critics said the harbour …": two parts both after the cue, with no source or cue
    // between them, are what the cue reports and then words of another clause the tagger also gave the content (PolNeAR train: of some
    // 200 such contents 3 were exact, 40 when the second part is left out).
    private static bool DropSecondPartAfterCue(TextSpan? cue, List<TextSpan> parts)
    {
        if (cue is not { } c || parts.Count != 2 || parts[0].Start < c.End || parts[1].Start < parts[0].End) return false;
        parts.RemoveAt(1);
        return true;
    }

    // Direct when every word is quoted, mixed when some are, as the finders decide it.
    private static AttributionKind KindOf(AttributionTokens doc, List<TextSpan> parts)
    {
        int words = 0, quoted = 0;
        foreach (var p in parts)
        {
            var (w, q) = WordsIn(doc, p);
            words += w;
            quoted += q;
        }
        return quoted == words && words > 0 ? AttributionKind.Direct : quoted > 0 ? AttributionKind.Mixed : AttributionKind.Indirect;
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
