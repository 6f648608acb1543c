using System.Text.RegularExpressions;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Text;

namespace Storyline.Attribution;

/// <summary>Rule-based attribution finder: direct, indirect and mixed reported speech around reporting cues, quotes continued over
/// paragraphs, and transcripts (questions, moderator hand-overs, answers), with nested attributions inside contents.</summary>
public sealed partial class AttributionExtractor(AttributionOptions? options = null) : IAttributionExtractor
{
    private readonly AttributionOptions _options = options ?? AttributionOptions.Default;
    private readonly HashSet<string> _verbs = options?.ExtraCues is { Count: > 0 } extra
        ? new HashSet<string>(CueLexicon.AllVerbs.Concat(extra), StringComparer.OrdinalIgnoreCase)
        : CueLexicon.AllVerbs;

    /// <inheritdoc />
    public IReadOnlyList<Attribution> Extract(string text, TextAnalysis analysis, IReadOnlyList<NamedEntity> entities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(analysis);
        return Extract(new AttributionTokens(text, analysis, entities ?? []), entities ?? [], cancellationToken);
    }

    /// <summary>As <see cref="Extract(string, TextAnalysis, IReadOnlyList{NamedEntity}, CancellationToken)"/>, over token facts already
    /// built (the tagger reads the same ones).</summary>
    internal IReadOnlyList<Attribution> Extract(AttributionTokens tokens, IReadOnlyList<NamedEntity> entities, CancellationToken cancellationToken)
    {
        var doc = new Doc(tokens, entities, _options, _verbs);
        doc.Transcripts(cancellationToken);
        doc.Headline();
        doc.QuotesSignedAfterDash(cancellationToken);
        doc.Sentences(cancellationToken);
        doc.Continuations(cancellationToken);
        if (_options.IncludeNested) doc.Nested(cancellationToken);
        return doc.Results();
    }

    [GeneratedRegex(@"^(Q|Q\d{1,3}|Question|Reporter|Journalist)$", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionLabel();

    [GeneratedRegex(@"^(A|A\d{1,3}|Answer)$", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerLabel();

    // "This question goes to Mehmut Usman." / "I'll give the floor to …" / "… will be answered by …"
    [GeneratedRegex(@"\b(?:goes|go|is\s+directed|is\s+addressed|floor|over|answered\s+by|turn)\s+(?:to\s+)?(?:Mr\.?\s+|Ms\.?\s+|Mrs\.?\s+|Director\s+|Spokesperson\s+)?(?<name>\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){0,4})")]
    private static partial Regex Handover();

    private sealed class Draft
    {
        public List<TextSpan> Parts { get; } = [];
        public TextSpan? Cue;
        public TextSpan? Source;
        public bool IsQuestion;
        public Draft? Parent;
        public TextSpan? Label;
        public bool Handover;
        public int Block;
        public bool Transcript;
    }

    /// <summary>Per-text working state: token facts, who owns which token, and the drafts found so far.</summary>
    private sealed class Doc
    {
        private readonly string _text;
        private readonly TextAnalysis _a;
        private readonly IReadOnlyList<NamedEntity> _entities;
        private readonly AttributionOptions _options;
        private readonly HashSet<string> _verbs;
        private readonly IReadOnlyList<Token> _t;
        private readonly string[] _lw;
        private readonly int[] _quoteDepth;
        private readonly int[] _sentenceOf;
        private readonly int[] _blockOfSentence;
        private readonly bool[] _used;
        private readonly Draft?[] _owner;
        private readonly Dictionary<int, Quotation> _byOpen = [];
        private readonly Dictionary<int, Quotation> _byClose = [];
        private readonly List<Draft> _drafts = [];
        private Draft? _lastInSentence;
        private int _lastSentence = -1;

        public Doc(AttributionTokens tokens, IReadOnlyList<NamedEntity> entities, AttributionOptions options, HashSet<string> verbs)
        {
            var analysis = tokens.Analysis;
            _text = tokens.Text;
            _a = analysis;
            _entities = entities;
            _options = options;
            _verbs = verbs;
            _t = analysis.Tokens;
            int n = _t.Count;
            _lw = tokens.Lower;
            _quoteDepth = tokens.QuoteDepth;
            foreach (var q in analysis.Quotations)
            {
                if (q.OpenToken >= 0 && q.OpenToken < n) _byOpen.TryAdd(q.OpenToken, q);
                if (q.CloseToken >= 0 && q.CloseToken < n) _byClose.TryAdd(q.CloseToken, q);
            }
            _sentenceOf = new int[n];
            Array.Fill(_sentenceOf, -1);
            for (int s = 0; s < analysis.Sentences.Count; s++)
            {
                var sentence = analysis.Sentences[s];
                for (int i = sentence.FirstToken; i < sentence.FirstToken + sentence.TokenCount && i < n; i++) _sentenceOf[i] = s;
            }
            _blockOfSentence = new int[analysis.Sentences.Count];
            for (int b = 0; b < analysis.Blocks.Count; b++)
            {
                var block = analysis.Blocks[b];
                for (int s = block.FirstSentence; s < block.FirstSentence + block.SentenceCount && s < _blockOfSentence.Length; s++) _blockOfSentence[s] = b;
            }
            _used = new bool[n];
            _owner = new Draft?[n];
        }

        private int FirstAtOrAfter(int position)
        {
            int lo = 0, hi = _t.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (_t[mid].Span.Start < position) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }

        private bool Is(int i, string value) => i >= 0 && i < _t.Count && _lw[i] == value;

        private bool IsWord(int i) => i >= 0 && i < _t.Count && _t[i].Kind is TokenKind.Word or TokenKind.Abbreviation or TokenKind.Number;

        private bool IsOpenQuote(int i) => i >= 0 && i < _t.Count && _byOpen.ContainsKey(i);

        private bool IsCloseQuote(int i) => i >= 0 && i < _t.Count && _byClose.ContainsKey(i);

        private bool IsTerminal(int i) => i >= 0 && i < _t.Count && _t[i].Kind is TokenKind.Punctuation or TokenKind.Ellipsis
            && _lw[i] is "." or "!" or "?" or "..." or "…" or "。" or "！" or "？";

        private bool IsComma(int i) => i >= 0 && i < _t.Count && _lw[i] == ",";

        private TextSpan Range(int first, int last) => TextSpan.FromBounds(_t[first].Span.Start, _t[last].Span.End);

        // ---- transcripts -------------------------------------------------------------------------------------------

        public void Transcripts(CancellationToken ct)
        {
            Draft? answer = null;
            TextSpan? handedTo = null;
            for (int b = 0; b < _a.Blocks.Count; b++)
            {
                ct.ThrowIfCancellationRequested();
                var block = _a.Blocks[b];
                if (block.SentenceCount == 0) continue;
                var first = _a.Sentences[block.FirstSentence];
                var last = _a.Sentences[block.FirstSentence + block.SentenceCount - 1];
                var body = TextSpan.FromBounds(first.Span.Start, last.Span.End);
                if (block.SpeakerLabel is not { } label)
                {
                    // Unlabelled paragraphs after an answer continue it until the next label; a short line with no sentence end
                    // ("Reporter from China Daily") or a photo caption ends the answer.
                    if (answer is not null && (IsHeadingLike(block) || _text.AsSpan(body.Start, body.Length).StartsWith("Photo", StringComparison.Ordinal)))
                        answer = null;
                    if (answer is not null) Add(new Draft { Source = answer.Source, Cue = null, Label = answer.Label, Handover = answer.Handover, Block = b, Transcript = true }, body);
                    continue;
                }
                var name = label.Slice(_text).TrimEnd(':').Trim();
                var colon = new TextSpan(label.End - 1, 1);
                if (QuestionLabel().IsMatch(name))
                {
                    answer = null;
                    Add(new Draft { Cue = colon, IsQuestion = true, Label = label, Block = b, Transcript = true }, body);
                }
                else if (AnswerLabel().IsMatch(name))
                {
                    answer = new Draft { Source = handedTo, Cue = colon, Label = label, Handover = handedTo is not null, Block = b, Transcript = true };
                    Add(answer, body);
                }
                else if (!IsSpeakerLabel(label))
                {
                    // "Editor's Note:", "Superdelegates:", "BYLINE:": a run-in heading, not a speaker; the paragraph is ordinary text.
                    answer = null;
                }
                else
                {
                    answer = null;
                    var source = new TextSpan(label.Start, label.Slice(_text).TrimEnd(':').TrimEnd().Length);
                    var speaker = new Draft { Source = source, Cue = colon, Label = label, Block = b, Transcript = true };
                    Add(speaker, body);
                    var m = Handover().Match(_text, body.Start, body.Length);
                    if (m.Success)
                    {
                        var g = m.Groups["name"];
                        handedTo = PreferEntity(new TextSpan(g.Index, g.Length));
                    }
                }
            }
        }

        private bool IsHeadingLike(BlockAnalysis block)
        {
            if (block.SentenceCount != 1) return false;
            var sentence = _a.Sentences[block.FirstSentence];
            int last = sentence.FirstToken + sentence.TokenCount - 1;
            return sentence.TokenCount <= 8 && !IsTerminal(last) && !IsCloseQuote(last);
        }

        private bool IsSpeakerLabel(TextSpan label)
        {
            var name = label.Slice(_text).TrimEnd(':').Trim();
            if (CueLexicon.HeadingLabels.Contains(name)) return false;
            return !(name.EndsWith(" Note", StringComparison.OrdinalIgnoreCase) || name.EndsWith(" Update", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(" Email", StringComparison.OrdinalIgnoreCase) || name.EndsWith(" of the Week", StringComparison.OrdinalIgnoreCase));
        }

        private TextSpan PreferEntity(TextSpan span)
        {
            foreach (var e in _entities)
                if (e.Type == "PER" && e.Span.Overlaps(span)) return e.Span;
            return span;
        }

        // ---- headlines and signed quotes ---------------------------------------------------------------------------

        // "A lesson from Loretta Lynch: 'Be the voice that people hear.'": a headline whose colon follows a named speaker reports what
        // follows as said by them (a headline that is only a label, "Black Democrats: Send Money …", is a transcript turn already). Only the text's first block, and only when it is one short sentence: a colon in running text introduces lists and
        // explanations as often as speech.
        public void Headline()
        {
            if (_a.Blocks.Count == 0 || _a.Blocks[0].SpeakerLabel is not null || _a.Blocks[0].SentenceCount != 1) return;
            var sentence = _a.Sentences[_a.Blocks[0].FirstSentence];
            int lo = sentence.FirstToken, hi = Math.Min(_t.Count, lo + sentence.TokenCount);
            if (hi - lo > 30) return;
            int colon = lo;
            while (colon < hi && _lw[colon] != ":") colon++;
            if (colon >= hi - 2 || colon - lo > 10 || colon == lo || _used[colon] || _owner[colon] is not null) return;
            int end = hi - 1;
            while (end > colon && IsTerminal(end)) end--;
            if (CountContent(colon + 1, end) < 3) return;
            var before = Range(lo, colon - 1);
            TextSpan? source = null;
            foreach (var e in _entities)
                if (e.Type is "PER" or "ORG" && e.Span.End == before.End && e.Span.Start >= before.Start) source = e.Span;
            if (source is null) return;
            var d = new Draft { Block = 0, Cue = _t[colon].Span, Source = source };
            d.Parts.Add(Range(colon + 1, end));
            Commit(d);
        }

        // "“He is ignorant of our culture.” ― Pamela Padilla": a quotation signed with a dash and a short name at the end of its line
        // (reader comments, epigraphs, pull quotes) is that person's statement.
        public void QuotesSignedAfterDash(CancellationToken ct)
        {
            foreach (var q in _a.Quotations)
            {
                ct.ThrowIfCancellationRequested();
                if (q.Depth != 1 || q.CloseToken < 0 || q.OpenToken < 0 || q.CloseToken + 2 >= _t.Count) continue;
                int dash = q.CloseToken + 1;
                if (_t[dash].Kind != TokenKind.Dash || _used[dash] || _owner[q.OpenToken] is not null) continue;
                int first = dash + 1, last = first;
                if (!IsCapitalised(first) || LineBreakBetween(q.CloseToken, dash)) continue;
                while (last + 1 < _t.Count && last + 1 - first < 5 && IsCapitalised(last + 1) && !LineBreakBetween(last, last + 1)) last++;
                // The name ends its line (or the text), perhaps with a full stop.
                int after = last + 1;
                if (after < _t.Count && IsTerminal(after)) after++;
                if (after < _t.Count && !LineBreakBetween(after - 1, after)) continue;
                var d = new Draft { Block = _sentenceOf[q.OpenToken] is var s and >= 0 ? _blockOfSentence[s] : 0, Cue = _t[dash].Span, Source = Range(first, last) };
                d.Parts.AddRange(q.Segments.Where(seg => seg.Length > 0));
                if (d.Parts.Count > 0) Commit(d);
            }
        }

        private bool LineBreakBetween(int a, int b) => _text.AsSpan(_t[a].Span.End, _t[b].Span.Start - _t[a].Span.End).Contains('\n');

        // ---- cue-anchored attributions ----------------------------------------------------------------------------

        public void Sentences(CancellationToken ct)
        {
            for (int s = 0; s < _a.Sentences.Count; s++)
            {
                ct.ThrowIfCancellationRequested();
                var sentence = _a.Sentences[s];
                int lo = sentence.FirstToken, hi = Math.Min(_t.Count, sentence.FirstToken + sentence.TokenCount);
                if (hi - lo >= 4 && !_used[lo] && _owner[lo] is null && _quoteDepth[lo] == 0 && SentenceOpening(lo, hi, _blockOfSentence[s]) is { } opening)
                    Commit(opening);
                for (int i = lo; i < hi; i++)
                {
                    if (_used[i] || _owner[i] is not null || _quoteDepth[i] > 0 || !(IsCue(i) || IsSeem(i) || PollAfterIn(i, lo, hi) >= 0)) continue;
                    var draft = Build(i, lo, hi, _blockOfSentence[s], insideQuote: false);
                    if (draft is null) continue;
                    if (MadeClearStart(i) is var made and >= 0 && draft.Cue is { } one && one == _t[i].Span) draft.Cue = Range(made, i);
                    Commit(draft);
                    _lastInSentence = draft;
                    _lastSentence = s;
                    // Skip past what this attribution took.
                    while (i + 1 < hi && (_used[i + 1] || _owner[i + 1] is not null)) i++;
                }
            }
        }

        // Attributions marked by how a sentence opens rather than by a verb: "In a new poll, …" (the study is the source),
        // "Asked whether …, …" (a question put to the speaker, whose answer follows).
        private Draft? SentenceOpening(int lo, int hi, int block)
        {
            int end = hi - 1;
            while (end > lo && (IsTerminal(end) || IsComma(end))) end--;
            if (_lw[lo] is "in" or "according")
            {
                int comma = lo + 1;
                while (comma < end && !IsComma(comma) && comma - lo <= 14) comma++;
                if (!IsComma(comma) || end - comma < 3) return null;
                bool document = false;
                for (int k = lo + 1; k < comma; k++) document |= CueLexicon.DocumentSources.Contains(_lw[k]) && !CueLexicon.NotDocumentInPhrase.Contains(_lw[k]);
                if (!document || _lw[lo] == "according") return null;
                // "In a statement, Liu said …": a reporting verb in the main clause is the cue, the phrase only says where.
                for (int k = comma + 1; k <= end; k++)
                    if (IsCue(k) && !CueLexicon.NotInQuotes.Contains(_lw[k])) return null;
                var d = new Draft { Block = block, Cue = _t[lo].Span, Source = Range(lo + 1, comma - 1) };
                d.Parts.Add(Range(comma + 1, end));
                ExtendQuotes(d, comma + 1, end);
                return d;
            }
            if (_lw[lo] == "asked" || (_lw[lo] == "when" && Is(lo + 1, "asked")))
            {
                int c = _lw[lo] == "asked" ? lo : lo + 1;
                int first = c + 1;
                if (Is(first, "about")) first++;
                if (first > end || !IsWord(first)) return null;
                int last = first;
                while (last + 1 <= end && !(IsComma(last + 1) && _quoteDepth[last + 1] == 0)) last++;
                if (last >= end) return null;
                var d = new Draft { Block = block, Cue = Range(lo, c) };
                d.Parts.Add(Range(first, last));
                return d;
            }
            return null;
        }

        public void Nested(CancellationToken ct)
        {
            foreach (var outer in _drafts.ToList())
            {
                ct.ThrowIfCancellationRequested();
                if (outer.Parent is not null || outer.IsQuestion) continue;
                foreach (var part in outer.Parts)
                {
                    int from = FirstAtOrAfter(part.Start);
                    for (int i = from; i < _t.Count && _t[i].Span.End <= part.End; i++)
                    {
                        if (_used[i] || _owner[i] != outer || !IsCue(i)) continue;
                        int s = _sentenceOf[i];
                        if (s < 0) continue;
                        var sentence = _a.Sentences[s];
                        int lo = Math.Max(sentence.FirstToken, from), hi = Math.Min(sentence.FirstToken + sentence.TokenCount, FirstAtOrAfter(part.End));
                        // Inside a quote, the inner attribution stays inside that quotation.
                        if (_quoteDepth[i] > 0 && InnermostQuote(i) is { } q)
                        {
                            lo = Math.Max(lo, q.OpenToken + 1);
                            if (q.CloseToken >= 0) hi = Math.Min(hi, q.CloseToken);
                        }
                        if (lo >= hi) continue;
                        var draft = Build(i, lo, hi, _blockOfSentence[s], insideQuote: _quoteDepth[i] > 0, owner: outer);
                        if (draft is null) continue;
                        draft.Parent = outer;
                        Commit(draft, outer);
                        while (i + 1 < hi && _owner[i + 1] == draft) i++;
                    }
                }
            }
        }

        private Quotation? InnermostQuote(int i)
        {
            Quotation? best = null;
            foreach (var q in _a.Quotations)
            {
                if (q.OpenToken >= i) break;
                if (q.Segments.Any(seg => seg.Start <= _t[i].Span.Start && _t[i].Span.End <= seg.End) && (best is null || q.Depth > best.Depth)) best = q;
            }
            return best;
        }

        private bool IsCue(int i)
        {
            if (_t[i].Kind != TokenKind.Word) return false;
            var w = _lw[i];
            if (w == "according") return Is(i + 1, "to");
            if (w == "clear") return MadeClearStart(i) >= 0 && (Is(i + 1, "that") || Is(i + 1, ":") || IsOpenQuote(i + 1));
            if (!_verbs.Contains(w)) return false;
            if (_quoteDepth[i] > 0 && CueLexicon.NotInQuotes.Contains(w)) return false;
            // "The sanctions announced by the US …" is a passive participle naming who acted, not someone reporting.
            if (Is(i + 1, "by") && w.EndsWith("ed", StringComparison.Ordinal)) return false;
            // "a former police chief alleged to have been responsible": a participle raising its subject ("is said to be", "is alleged
            // to have") tells what others say about that person, who says nothing.
            if (CueLexicon.IsRaisingPassive(_lw, i) || CueLexicon.IsPassiveTo(_lw, i)) return false;
            // "the report says" is a cue, "a say", "the claims" are nouns.
            if (Is(i - 1, "the") || Is(i - 1, "a") || Is(i - 1, "an") || Is(i - 1, "his") || Is(i - 1, "her") || Is(i - 1, "their") || Is(i - 1, "its")) return false;
            // "Editor's note", "Trump's claim": a word right after a possessive is a noun ("He's claiming", "who's called" are "is" and "has").
            if (i > 0 && _t[i - 1].Kind == TokenKind.Word && _lw[i - 1].EndsWith("'s", StringComparison.Ordinal)
                && _lw[i - 1][..^2] is var owner && !CueLexicon.Pronouns.Contains(owner) && owner is not ("who" or "that" or "there" or "what" or "here" or "where" or "it" or "let")) return false;
            if (CueLexicon.NeedsComplement.Contains(w)) return HasComplement(i) || HasClauseAfterSubject(i);
            return true;
        }

        // "He thinks the plan will fail", "The poll shows Clinton ahead": a belief or finding verb with a subject right before it
        // and a clause or noun phrase right after it reports a stance even without "that".
        private bool HasClauseAfterSubject(int i)
        {
            if (!CueLexicon.BareComplement.Contains(_lw[i]) || _quoteDepth[i] > 0) return false;
            int j = i - 1;
            while (j >= 0 && CueLexicon.Between.Contains(_lw[j]) && _sentenceOf[j] == _sentenceOf[i])
            {
                // "X is believed to …" is passive: X holds no belief.
                if (_lw[j] is "is" or "was" or "are" or "were" or "be" or "been" or "being") return false;
                j--;
            }
            if (j < 0 || _sentenceOf[j] != _sentenceOf[i] || !IsWord(j)) return false;
            bool subject = CueLexicon.Pronouns.Contains(_lw[j]) || IsCapitalised(j) || CueLexicon.DocumentSources.Contains(_lw[j])
                || (!CueLexicon.SourceStops.Contains(_lw[j]) && !_verbs.Contains(_lw[j]) && !_lw[j].EndsWith("ly", StringComparison.Ordinal) && _t[j].Kind == TokenKind.Word);
            if (!subject || _lw[j] is "it" || CueLexicon.SourceStops.Contains(_lw[j])) return false;
            int k = i + 1;
            if (k >= _t.Count || _sentenceOf[k] != _sentenceOf[i]) return false;
            // What follows must open a clause or a named or determined noun phrase ("found jobs" is an action, "found the plan …" a finding).
            if (!IsWord(k) || CueLexicon.NotAfterBareCue.Contains(_lw[k])) return false;
            return CueLexicon.Pronouns.Contains(_lw[k]) || IsDeterminer(k) || IsCapitalised(k) || _t[k].Kind == TokenKind.Number
                || _lw[k] is "there" or "this" or "these" or "those" or "his" or "her" or "their" or "its" or "our" or "my" or "your"
                    or "no" or "most" or "more" or "to" or "nothing" or "everyone" or "nobody" or "everything";
        }

        // A verb that is only a cue with a complement clause: "that", a colon or a quotation within a few tokens.
        private bool HasComplement(int i)
        {
            for (int k = i + 1; k < Math.Min(_t.Count, i + 5); k++)
            {
                if (_lw[k] is "that" or ":" || IsOpenQuote(k)) return true;
                if (IsTerminal(k)) return IsPostposedEnd(i);
            }
            return IsPostposedEnd(i);
        }

        // "…, the source added." — the cue closes the sentence after a comma or quote and a short subject.
        private bool IsPostposedEnd(int i)
        {
            int j = i + 1;
            while (j < _t.Count && (IsTerminal(j) || _t[j].Kind == TokenKind.CloseQuote)) j++;
            bool endsHere = j >= _t.Count || _sentenceOf[j] != _sentenceOf[i] || IsComma(i + 1);
            if (!endsHere) return false;
            int k = i - 1;
            for (int steps = 0; k >= 0 && steps < 8 && _sentenceOf[k] == _sentenceOf[i]; k--, steps++)
                if (IsComma(k) || IsCloseQuote(k)) return steps > 0;
            return false;
        }

        private Draft? Build(int c, int lo, int hi, int block, bool insideQuote, Draft? owner = null)
        {
            int end = hi - 1;
            while (end > c && (IsTerminal(end) || (_t[end].Kind is TokenKind.Punctuation && _lw[end] is "," or ";" or ":"))) end--;
            if (_lw[c] == "according") return BuildAccording(c, lo, hi, end, block);
            if (IsSeem(c)) return BuildSeem(c, lo, end, block);
            if (PollAfterIn(c, lo, hi) is var poll and >= 0)
            {
                // "Trump is leading in the latest polls": the polls are the source of the clause before.
                var p = new Draft { Block = block, Cue = _t[c].Span, Source = Range(c + 1, poll) };
                int first = c - 1;
                while (first > lo && !_used[first - 1] && _owner[first - 1] is null && _quoteDepth[first - 1] == 0) first--;
                while (first < c && !IsWord(first)) first++;
                if (c - first < 3) return null;
                p.Parts.Add(Range(first, c - 1));
                return p;
            }

            // Left of the cue: auxiliaries and adverbs, then the source phrase.
            int j = c - 1;
            if (MadeClearStart(c) is var made and >= 0) j = made - 1;
            while (j >= lo && CueLexicon.Between.Contains(_lw[j])) j--;
            if (j >= lo && _lw[j] is "and" or "but" && _lastInSentence is { } previous && previous.Source is { } shared && _sentenceOf[c] == _lastSentence)
            {
                // "He announced that … and vowed to …": the second cue shares the first one's source.
                var co = new Draft { Block = block, Cue = _t[c].Span, Source = shared };
                int start = ContentStart(c, end);
                if (start > end) return null;
                end = CutAtNextClause(start, end);
                co.Parts.Add(Range(start, end));
                ExtendQuotes(co, start, end);
                return co;
            }
            int srcStart = -1, srcEnd = -1;
            bool relative = false, dropSource = false;
            if (j >= lo + 1 && _lw[j] is "which" or "who" or "that" && IsComma(j - 1) && j - 2 >= lo)
            {
                // "the report, which said …": the source is the phrase before the relative pronoun.
                srcEnd = j - 2;
                srcStart = SourceLeft(srcEnd, lo);
                relative = srcStart >= 0;
                if (!relative) srcEnd = -1;
                // The antecedent is usually the object of a verb the walk cannot tell from a noun: start at its determiner.
                for (int k = srcEnd; relative && k > srcStart; k--)
                    if (_lw[k] is "the" or "a" or "an" or "this" or "its" or "their") { srcStart = k; break; }
            }
            else if (j >= lo && _lw[j] is "who" && !IsComma(j - 1))
            {
                // "voters who said they …": the relative pronoun is the source mention; the resolver maps it.
                srcStart = srcEnd = j;
            }
            else if (j >= lo)
            {
                srcEnd = j;
                srcStart = SourceLeft(j, lo);
                // "271 pledged delegates": a bare number before a verb form is a modifier, not a source.
                if (srcStart >= 0 && _t[srcEnd].Kind == TokenKind.Number) srcStart = -1;
                // A source ends in a noun or pronoun: "broken many", "impassioned in", "basically" are the middle of another clause.
                // The content is still reported; only the source is unknown.
                dropSource = srcStart >= 0 && !IsCapitalised(srcEnd) && IsBadSourceEnd(_lw[srcEnd]);
                if (srcStart < 0) srcEnd = -1;
            }

            int afterFirst = c + 1;
            int afterCount = CountContent(afterFirst, end);
            // After a quote closed with a comma ("“…,” Weiner said in May on the podcast “Here’s the Thing.”") the cue is postposed
            // whatever follows, unless the content opens right after it.
            bool afterQuote = srcStart > lo && IsCloseQuote(srcStart - 1) && QuoteEndsWithComma(srcStart - 1)
                && !(Is(afterFirst, "that") || Is(afterFirst, ":") || IsOpenQuote(afterFirst));
            bool shortAfter = afterCount == 0 || afterQuote || IsShortAdverbial(afterFirst, end);
            bool precededByBreak = srcStart > lo && (IsComma(srcStart - 1) || IsCloseQuote(srcStart - 1) || _t[srcStart - 1].Kind == TokenKind.Dash);

            var d = new Draft { Block = block, Cue = _t[c].Span };
            if (srcStart >= 0 && precededByBreak && shortAfter && !relative && HasContentBefore(lo, srcStart - 1))
            {
                // Postposed: "…, sources said." / "“…,” he said."
                d.Source = SourceRange(srcStart, srcEnd);
                if (!AddContentBefore(d, lo, srcStart - 1)) return null;
                int parts = d.Parts.Count;
                AddSplitContinuation(d, c, end, hi);
                if (d.Parts.Count == parts && !IsCloseQuote(srcStart - 1)) AddMidSentenceRest(d, c, end);
                return d;
            }
            if (j >= lo && (IsComma(j) || IsParticipleBreak(j)) && j == c - 1 && afterCount > 0 && _lw[c].EndsWith("ing", StringComparison.Ordinal)
                && owner is null && ClauseSubject(lo, j) is { } subject)
            {
                // Participle: "Smith rejected the plan, saying it would fail." — the main clause's subject says it.
                d.Source = subject;
                int ps = ContentStart(c, end);
                if (ps > end) return null;
                end = CutAtNextClause(ps, end);
                d.Parts.Add(Range(ps, end));
                ExtendQuotes(d, ps, end);
                return d;
            }
            if (srcStart < 0 && j >= lo && (IsComma(j) || IsCloseQuote(j)) && j == c - 1 && afterCount > 0 && HasContentBefore(lo, j))
            {
                // Inverted: "…, said Shi Yinhong, a professor at Renmin University."
                int s0 = afterFirst, s1 = s0;
                if (!(IsWord(s0) && (char.IsUpper(_text[_t[s0].Span.Start]) || _lw[s0] is "the" or "a" or "an" or "one" or "another"))) return null;
                while (s1 + 1 <= end && !IsOpenQuote(s1 + 1) && !(IsComma(s1 + 1) && IsOpenQuote(s1 + 2)) && s1 - s0 < 25) s1++;
                if (IsComma(s1)) s1--;
                d.Source = Range(s0, s1);
                if (!AddContentBefore(d, lo, j)) return null;
                AddSplitContinuation(d, s1, end, hi);
                return d;
            }
            if (srcStart == lo && shortAfter && !relative && owner is null && PreviousSentenceQuote(lo, block) is { } before)
            {
                // "“…” Trump said." — a sentence of only source and cue takes the quotation that ends the sentence before.
                d.Source = SourceRange(srcStart, srcEnd);
                d.Parts.AddRange(before.Segments.Where(seg => seg.Length > 0));
                return d.Parts.Count > 0 ? d : null;
            }
            if (afterCount == 0) return null;
            if (srcStart < 0)
            {
                // No subject in reach: only a colon or quotation right after the cue still marks reported speech, with no source.
                if (!(Is(afterFirst, ":") || IsOpenQuote(afterFirst)) || insideQuote) return null;
            }
            else if (!dropSource) d.Source = SourceRange(srcStart, srcEnd);

            int cs = ContentStart(c, end);
            if (cs > end) return null;
            end = CutAtNextClause(cs, end);
            if (srcStart > lo) end = CutAtMainClause(srcStart, lo, cs, end);
            d.Parts.Add(Range(cs, end));
            ExtendQuotes(d, cs, end);
            if (owner is null) AddFollowingQuote(d, end, hi);
            return d;
        }

        // "The plan, Ortega said, would raise bills.": a cue set off by commas inside a clause; the clause goes on after it.
        private void AddMidSentenceRest(Draft d, int c, int end)
        {
            int k = c + 1;
            while (k <= end && k - c <= 4 && !IsComma(k) && !IsOpenQuote(k) && IsWord(k)) k++;
            if (k + 2 > end || !IsComma(k) || !IsWord(k + 1) || _quoteDepth[k + 1] > 0) return;
            var w = _lw[k + 1];
            if (_verbs.Contains(w) || w is "and" or "but" or "while" or "although" or "though" or "according" or "as" or "because" or "who" or "which" or "where" or "when") return;
            // The clause before the cue must be unfinished: a subject with no verb yet is short ("The plan, …").
            int before = 0;
            foreach (var part in d.Parts) before += CountContent(FirstAtOrAfter(part.Start), FirstAtOrAfter(part.End) - 1);
            if (before > 6) return;
            d.Parts.Add(Range(k + 1, end));
        }

        // The subject of the clause before a participle cue: the source of an attribution earlier in the sentence, else the
        // sentence's opening noun phrase (a pronoun, a run of capitalised words, or a determiner and a few words).
        private TextSpan? ClauseSubject(int lo, int comma)
        {
            if (_lastInSentence is { Source: { } shared } && _lastSentence == _sentenceOf[comma] && shared.End <= _t[comma].Span.Start) return shared;
            int s = lo;
            while (s < comma && !IsWord(s)) s++;
            // Skip an opening adverbial: "On Tuesday, …" / "In a statement, …".
            if (s < comma && CueLexicon.AdverbialOpeners.Contains(_lw[s]))
            {
                int k = s;
                while (k < comma && !IsComma(k) && k - s < 10) k++;
                if (k >= comma || !IsComma(k)) return null;
                s = k + 1;
            }
            if (s >= comma || !IsWord(s)) return null;
            if (CueLexicon.Pronouns.Contains(_lw[s]) && _lw[s] is not "it" and not "you") return _t[s].Span;
            int e = s;
            if (IsCapitalised(s) && !IsDeterminer(s))
            {
                while (e + 1 < comma && (IsCapitalised(e + 1) || (_lw[e + 1] is "." or "-" && IsCapitalised(e + 2)) || (_lw[e + 1] is "of" && IsCapitalised(e + 2)))) e++;
            }
            else if (IsDeterminer(s) || _lw[s] is "the")
            {
                while (e + 1 < comma && e - s < 4 && IsWord(e + 1) && !CueLexicon.Between.Contains(_lw[e + 1]) && !CueLexicon.SourceStops.Contains(_lw[e + 1])
                    && !_verbs.Contains(_lw[e + 1]) && !_lw[e + 1].EndsWith("ed", StringComparison.Ordinal)) e++;
                if (e == s) return null;
            }
            else return null;
            // The subject must be followed by the main verb, not end the clause.
            if (e + 1 >= comma) return null;
            return Range(s, e);
        }

        // The quotation that makes up the end of the sentence before <paramref name="lo"/> in the same paragraph, if nobody owns it.
        private Quotation? PreviousSentenceQuote(int lo, int block)
        {
            int k = lo - 1;
            while (k >= 0 && IsTerminal(k)) k--;
            if (k < 0 || !IsCloseQuote(k) || _sentenceOf[k] < 0 || _blockOfSentence[_sentenceOf[k]] != block) return null;
            var q = _byClose[k];
            if (q.Depth != 1 || q.OpenToken < 0 || _used[q.OpenToken] || _owner[q.OpenToken] is not null || _owner[k] is not null) return null;
            return q;
        }

        private TextSpan SourceRange(int first, int last)
        {
            while (last > first && (IsComma(last) || _t[last].Kind == TokenKind.Dash)) last--;
            return Range(first, last);
        }

        // A break before a participle cue other than a plain comma: a quote closed with a comma, or a dash.
        private bool IsParticipleBreak(int k) => k >= 0 && k < _t.Count
            && ((IsCloseQuote(k) && QuoteEndsWithComma(k)) || (_t[k].Kind == TokenKind.Dash && _quoteDepth[k] == 0));

        // "The plan seems to have failed", "It appeared likely that …": the writer's evidential stance on a proposition. The content
        // is the clause's subject and what follows the verb; there is no source.
        private bool IsSeem(int i) => _t[i].Kind == TokenKind.Word && _lw[i] is "seems" or "seemed" or "seem" or "appears" or "appeared" or "appear"
            && (Is(i + 1, "to") || Is(i + 1, "like") || (Is(i + 1, "as") && (Is(i + 2, "if") || Is(i + 2, "though"))));

        private Draft? BuildSeem(int c, int lo, int end, int block)
        {
            int after = c + 1;
            if (after > end) return null;
            // "appeared to say", "seemed to suggest": the reporting verb after "to" is the cue of its own attribution.
            if (Is(after, "to") && after + 1 <= end && _verbs.Contains(_lw[after + 1])) return null;
            int s = c - 1;
            while (s >= lo && CueLexicon.Between.Contains(_lw[s]) && c - s <= 3) s--;
            int subjectEnd = s;
            while (s >= lo && c - s < 14 && (IsWord(s) || _lw[s] is "'s" or "’s" or "-") && !CueLexicon.Subordinators.Contains(_lw[s])
                   && _lw[s] is not "that" and not "and" and not "but" and not "which" and not "who") s--;
            int subjectStart = s + 1;
            if (subjectEnd < subjectStart || c - s >= 14) return null;
            var d = new Draft { Block = block, Cue = _t[c].Span };
            d.Parts.Add(Range(subjectStart, subjectEnd));
            int last = CutAtNextClause(after, end);
            d.Parts.Add(Range(after, last));
            return d;
        }

        // "… in the polls", "… in a new Fox News poll released Thursday": the token index of the poll word, or -1.
        private int PollAfterIn(int i, int lo, int hi)
        {
            if (_lw[i] != "in" || i - lo < 3 || _quoteDepth[i] > 0) return -1;

            for (int k = i + 1; k < hi && k - i <= 10; k++)
            {
                if (!IsWord(k) && _lw[k] is not "'s" and not "’s" and not "/" and not "-") return -1;
                if (_lw[k] is "poll" or "polls" or "survey" or "surveys" or "polling")
                {
                    if (k + 1 >= hi || IsTerminal(k + 1) || IsComma(k + 1) || _t[k + 1].Kind == TokenKind.Dash
                        || _lw[k + 1] is "released" or "conducted" or "published" or "taken" or "by" or "of" or "this" or "last" or "on" or "average")
                        return k;
                    return -1;
                }
                // "in six states going to the polls" is voting, not a finding.
                if (_lw[k] is "which" or "that" or "and" or "or" or "but" or "to" or "head" or "heading" or "going" or "went") return -1;
            }
            return -1;
        }

        // "made clear that …", "has made it clear that …": the index of "made", or -1.
        private int MadeClearStart(int i)
        {
            if (_lw[i] != "clear") return -1;
            int k = i - 1;
            if (Is(k, "it")) k--;
            return k >= 0 && _lw[k] is "made" or "make" or "makes" or "making" ? k : -1;
        }

        private bool QuoteEndsWithComma(int close)
        {
            int k = close - 1;
            return k >= 0 && _lw[k] is "," or "?" or "!" or "...";
        }

        // A preposed content stops where the next attribution in the sentence starts: "…, he claimed …" or "… and vowed to …".
        private int CutAtNextClause(int first, int last)
        {
            for (int k = first + 2; k <= last; k++)
            {
                if (_quoteDepth[k] > 0 || !IsCue(k)) continue;
                // ", saying …" starts the participle's own attribution.
                if (IsComma(k - 1) && k - 1 > first && _lw[k].EndsWith("ing", StringComparison.Ordinal)) return k - 2;
                // "“…,” adding that …", "… — asserting that …": after a quote closed with a comma, or a dash, too.
                if (k - 1 > first && IsParticipleBreak(k - 1) && _lw[k].EndsWith("ing", StringComparison.Ordinal))
                    return IsCloseQuote(k - 1) ? k - 1 : k - 2;
                int j = k - 1;
                while (j > first && CueLexicon.Between.Contains(_lw[j])) j--;
                if (_lw[j] is "and" or "but" && j > first) return j - 1;
                if (j > first && CueLexicon.Pronouns.Contains(_lw[j]) && IsComma(j - 1) && j - 1 > first) return j - 2;
                // "…, and he railed against …": a new subject after a connective starts another statement.
                if (j - 1 > first && CueLexicon.Pronouns.Contains(_lw[j]) && _lw[j] is not "it" and not "you" && _lw[j - 1] is "and" or "but" or "while" or "as")
                    return IsComma(j - 2) ? j - 3 : j - 2;
                // "…, and three-quarters said …", "…, but the report found …": a comma, a connective and a short noun phrase
                // subject start another statement.
                if (NewSubjectAfterConnective(first, j, k) is var cut and >= 0) return cut;
                // "…policies, which he said had hurt the economy": a relative clause with its own speaker is another statement.
                if (j - 1 > first + 1 && CueLexicon.Pronouns.Contains(_lw[j]) && _lw[j] is not "it" and not "you" && _lw[j - 1] is "which" or "that"
                    && IsWord(k + 1) && !IsComma(k + 1))
                    return IsComma(j - 2) ? j - 3 : j - 2;
            }
            return last;
        }

        // Walks left from the last word of a subject over at most six plain words to ", and|but|while|whereas"; returns the last
        // content token before the comma, or -1.
        private int NewSubjectAfterConnective(int first, int subjectEnd, int cue)
        {
            if (!IsWord(subjectEnd) || CueLexicon.SourceStops.Contains(_lw[subjectEnd]) || _lw[subjectEnd] is "it" or "you") return -1;
            for (int k = subjectEnd; k > first + 1 && subjectEnd - k < 6; k--)
            {
                if (!IsWord(k) || _quoteDepth[k] > 0) return -1;
                bool connective = _lw[k - 1] is "and" or "but" or "while" or "whereas" && k - 2 > first
                    && (IsComma(k - 2) || (IsCloseQuote(k - 2) && QuoteEndsWithComma(k - 2)));
                // "…, his son said the race is far from over": a comma and a new subject, with the cue opening a clause (not
                // set off by commas inside the content: "the plan, officials said, would …").
                bool bare = IsComma(k - 1) && k - 1 > first && IsWord(cue + 1) && !IsComma(cue + 1)
                    && (IsDeterminer(k) || _lw[k] is "his" or "her" or "their" or "its" or "our" or "others" or "another" or "critics" or "officials");
                if (connective || bare)
                {
                    // The subject opens like a noun phrase: a name, a determiner, a number or a quantity word.
                    if (!(IsCapitalised(k) || IsDeterminer(k) || _t[k].Kind == TokenKind.Number || CueLexicon.Pronouns.Contains(_lw[k])
                        || _lw[k] is "many" or "most" or "some" or "more" or "few" or "several" or "half" or "nearly" or "about" or "only"
                            or "his" or "her" or "their" or "its" or "our" or "other" or "others" or "both" or "all"))
                        return -1;
                    if (bare) return k - 2;
                    return IsCloseQuote(k - 2) ? k - 2 : k - 3;
                }
                if (CueLexicon.SourceStops.Contains(_lw[k]) || _verbs.Contains(_lw[k]) || _lw[k] is "and" or "but") return -1;
            }
            return -1;
        }

        // A reporting clause inside a leading subordinate clause ("While X said that …, he …") ends where the main clause starts.
        private int CutAtMainClause(int srcStart, int lo, int first, int last)
        {
            int k = srcStart - 1;
            if (k < lo || !CueLexicon.Subordinators.Contains(_lw[k])) return last;
            for (int m = first + 1; m < last - 1; m++)
                if (IsComma(m) && _quoteDepth[m] == 0 && IsWord(m + 1) && (CueLexicon.Pronouns.Contains(_lw[m + 1]) || IsCapitalised(m + 1) || IsDeterminer(m + 1)))
                    return m - 1;
            return last;
        }

        private Draft? BuildAccording(int c, int lo, int hi, int end, int block)
        {
            int s0 = c + 2, s1 = s0;
            if (s0 > end || !IsWord(s0)) return null;
            while (s1 + 1 <= end && !IsComma(s1 + 1) && !IsOpenQuote(s1 + 1) && s1 - s0 < 15) s1++;
            var d = new Draft { Block = block, Cue = Range(c, c + 1), Source = Range(s0, s1) };
            if (IsComma(s1 + 1) && s1 + 2 <= end && !HasContentBefore(lo, c - 1))
            {
                // "According to X, Y."
                d.Parts.Add(Range(s1 + 2, end));
                ExtendQuotes(d, s1 + 2, end);
                return d;
            }
            int last = c - 1;
            while (last >= lo && (IsComma(last) || _t[last].Kind == TokenKind.Dash)) last--;
            if (last < lo) return null;
            return AddContentBefore(d, lo, last + 1) ? d : null;
        }

        private int CountContent(int first, int last)
        {
            int count = 0;
            for (int k = first; k <= last; k++) if (_t[k].Kind != TokenKind.Punctuation) count++;
            return count;
        }

        // After a postposed cue only a short adverbial may follow ("said on Thursday", "told reporters", "said in a statement"),
        // or a comma that continues a split quote or adds a participle.
        private bool IsShortAdverbial(int first, int last)
        {
            if (IsComma(first)) return true;
            // "said Tuesday in Paris, noting …": a participle after the adverbial does not make the cue preposed.
            for (int k = first + 1; k <= last; k++)
                if (IsComma(k) && _quoteDepth[k] == 0 && k + 1 <= last && _lw[k + 1].EndsWith("ing", StringComparison.Ordinal) && _verbs.Contains(_lw[k + 1])) { last = k - 1; break; }
            for (int k = first; k <= last; k++)
                if (_lw[k] == "that" || IsOpenQuote(k) || _lw[k] == ":") return false;
            // A long tail is still an adverbial when it opens with a preposition or time word ("said at a news conference in …").
            return last - first + 1 <= 2 || CueLexicon.AdverbialOpeners.Contains(_lw[first]) || (last - first + 1 <= 4 && CueLexicon.TakesListener.Contains(_lw[first - 1]));
        }

        private bool HasContentBefore(int lo, int breakToken)
        {
            int count = 0;
            for (int k = lo; k < breakToken; k++)
            {
                if (IsWord(k)) count++;
                if (IsCloseQuote(k) && _byClose[k].OpenToken < lo) return true;
            }
            return count >= 2;
        }

        // The content of a postposed cue: everything before the break, or the whole quotation that closes there.
        private bool AddContentBefore(Draft d, int lo, int breakToken)
        {
            int last = IsCloseQuote(breakToken) ? breakToken : breakToken - 1;
            while (last >= lo && IsComma(last)) last--;
            if (last < lo) return false;
            int first = lo;
            // Start after any earlier attribution in this sentence.
            for (int k = last; k >= lo; k--)
                if (_used[k] || _owner[k] is not null) { first = k + 1; break; }
            if (first > last) return false;
            if (IsCloseQuote(last) && _byClose[last] is var q && q.OpenToken < first)
            {
                d.Parts.AddRange(q.Segments.Where(seg => seg.End > seg.Start && !TokenTaken(seg.Start)));
                if (d.Parts.Count == 0) return false;
                if (first <= last) AddIfFree(d, Range(first, last));
                return true;
            }
            // A sentence that starts inside a quote opened earlier takes the quote from its opening.
            var startQuote = _a.Quotations.FirstOrDefault(x => x.Depth == 1 && x.OpenToken < first && x.CloseToken >= first && x.CloseToken <= last);
            if (startQuote is not null && !TokenTaken(startQuote.Span.Start))
            {
                foreach (var seg in startQuote.Segments)
                    if (seg.Start < _t[first].Span.Start) d.Parts.Add(TextSpan.FromBounds(seg.Start, Math.Min(seg.End, _t[first].Span.Start)));
            }
            d.Parts.Add(Range(first, last));
            return true;
        }

        private void AddIfFree(Draft d, TextSpan span)
        {
            if (!d.Parts.Any(p => p.Overlaps(span))) d.Parts.Add(span);
        }

        private bool TokenTaken(int position)
        {
            int k = FirstAtOrAfter(position);
            return k < _t.Count && (_used[k] || _owner[k] is not null);
        }

        // "“…,” he said, “…”" or "“…,” he said. “…”": the second half of a split quote joins the content.
        private void AddSplitContinuation(Draft d, int afterSource, int end, int hi)
        {
            for (int k = afterSource + 1; k <= Math.Min(end, afterSource + 3); k++)
            {
                if (IsOpenQuote(k))
                {
                    var q = _byOpen[k];
                    d.Parts.AddRange(q.Segments);
                    return;
                }
            }
            AddFollowingQuote(d, hi - 1, hi);
        }

        // A quotation that opens the next sentence of the same paragraph and makes up that sentence continues the quote.
        private void AddFollowingQuote(Draft d, int end, int hi)
        {
            if (!d.Parts.Any(p => QuoteIn(p))) return;
            int next = Math.Max(end, hi - 1) + 1;
            if (next >= _t.Count || _sentenceOf[next] < 0) return;
            int s = _sentenceOf[next];
            var sentence = _a.Sentences[s];
            if (sentence.FirstToken != next || _blockOfSentence[s] != d.Block || !IsOpenQuote(next)) return;
            if (_used[next] || _owner[next] is not null) return;
            var q = _byOpen[next];
            if (!QuoteIsWholeSentence(q)) return;
            d.Parts.AddRange(q.Segments);
        }

        private bool QuoteIn(TextSpan span)
        {
            int k = FirstAtOrAfter(span.Start);
            for (; k < _t.Count && _t[k].Span.End <= span.End; k++) if (IsOpenQuote(k) || IsCloseQuote(k)) return true;
            return false;
        }

        // True when the quote's closing mark ends its sentence (so no cue of its own follows it there).
        private bool QuoteIsWholeSentence(Quotation q)
        {
            if (q.CloseToken < 0) return true;
            int s = _sentenceOf[q.CloseToken];
            if (s < 0) return false;
            var sentence = _a.Sentences[s];
            int last = sentence.FirstToken + sentence.TokenCount - 1;
            for (int k = q.CloseToken + 1; k <= last; k++) if (!IsTerminal(k) && _t[k].Kind != TokenKind.CloseQuote) return false;
            return true;
        }

        // Where the content starts after a preposed cue: at "that", a colon's quote, or after the listener or an adverbial.
        private int ContentStart(int c, int end)
        {
            int k = c + 1;
            if (_lw[c] == "according") k++;
            // "pointed out that …": the particle belongs to the cue.
            if (_lw[c] is "pointed" or "points" or "pointing" && Is(k, "out")) k++;
            if (k > end || k >= _t.Count) return k;
            int window = Math.Min(end, c + (CueLexicon.TakesListener.Contains(_lw[c]) ? 9 : 7));
            for (int m = k; m <= window; m++)
            {
                if (_lw[m] == "that") return m;
                if (IsOpenQuote(m) && m > k && _lw[m - 1] is ":" or ",") return m;
                if (_lw[m] == ":") return m + 1;
                if (IsOpenQuote(m) || IsTerminal(m)) break;
            }
            // "said in a statement on Thursday, …" / "told reporters, …"
            if (CueLexicon.AdverbialOpeners.Contains(_lw[k]) || CueLexicon.TakesListener.Contains(_lw[c]))
            {
                for (int m = k; m <= window; m++)
                {
                    if (IsComma(m)) return m + 1;
                    if (IsOpenQuote(m) || _lw[m] == "that") break;
                }
            }
            while (k <= end && _t[k].Kind == TokenKind.Punctuation && _lw[k] is "," or ":") k++;
            return k;
        }

        // A quote opened in the content that runs past the sentence takes its later segments with it.
        private void ExtendQuotes(Draft d, int first, int last)
        {
            for (int k = first; k <= last; k++)
            {
                if (!_byOpen.TryGetValue(k, out var q) || q.Depth != 1) continue;
                if (q.Span.End <= _t[last].Span.End) continue;
                var firstSeg = q.Segments[0];
                int i = d.Parts.Count - 1;
                d.Parts[i] = TextSpan.FromBounds(d.Parts[i].Start, Math.Max(d.Parts[i].End, firstSeg.End));
                d.Parts.AddRange(q.Segments.Skip(1));
            }
        }

        // Source phrase ending at token <paramref name="end"/>, walking left: a pronoun, or a run of words with an appositive.
        private int SourceLeft(int end, int lo)
        {
            if (end < lo) return -1;
            if (_lw[end] == ")")
            {
                int open = end - 1;
                while (open >= lo && _lw[open] != "(" && end - open < 8) open--;
                if (open < lo || _lw[open] != "(") return -1;
                int before = SourceLeft(open - 1, lo);
                return before;
            }
            if (IsComma(end))
            {
                // Appositive: "Shi Yinhong, an international relations professor at Renmin University, said".
                int k = end - 1;
                while (k >= lo && !IsComma(k) && !IsOpenQuote(k) && !IsCloseQuote(k) && !IsTerminal(k) && end - k < 20) k--;
                if (k < lo || !IsComma(k) || k == end - 1) return -1;
                int head = SourceLeft(k - 1, lo);
                // A party tag in parentheses ("Rep. Lee (D-Md.)") does not make the head long.
                int extra = 0;
                if (head >= 0 && _lw[k - 1] == ")")
                    for (int m = k - 1; m > head && _lw[m] != "("; m--) extra++;
                if (head < 0 || k - head - extra > 7) return -1;
                if (!char.IsUpper(_text[_t[head].Span.Start]) && !IsDeterminer(head)) return -1;
                return head;
            }
            if (_t[end].Kind == TokenKind.Dash)
            {
                // Dash appositive: "Ortega — the mayor since 2019 — said".
                int k = end - 1;
                while (k >= lo && _t[k].Kind != TokenKind.Dash && !IsOpenQuote(k) && !IsCloseQuote(k) && !IsTerminal(k) && end - k < 20) k--;
                if (k < lo || _t[k].Kind != TokenKind.Dash || k == end - 1) return -1;
                int head = SourceLeft(k - 1, lo);
                if (head < 0 || k - head > 6 || !char.IsUpper(_text[_t[head].Span.Start])) return -1;
                return head;
            }
            if (!IsWord(end)) return -1;
            if (CueLexicon.Pronouns.Contains(_lw[end])) return end;
            if (CueLexicon.SourceStops.Contains(_lw[end]) || _verbs.Contains(_lw[end])) return -1;
            int start = end;
            int k2 = end - 1;
            while (k2 >= lo && end - k2 < _options.MaxSourceTokens)
            {
                if (_lw[k2] == ")")
                {
                    int open = k2 - 1;
                    while (open >= lo && _lw[open] != "(" && k2 - open < 8) open--;
                    if (open < lo) break;
                    k2 = open - 1;
                    continue;
                }
                if (!IsWord(k2) && _lw[k2] is not "&" and not "-") break;
                var w = _lw[k2];
                if (CueLexicon.SourceStops.Contains(w) || CueLexicon.Pronouns.Contains(w)) break;
                if (w == "and" && !(k2 - 1 >= lo && IsCapitalised(k2 - 1) && IsCapitalised(k2 + 1))) break;
                start = k2;
                k2--;
            }
            while (start < end && (_lw[start] is "and" or "&" or "-")) start++;
            return start;
        }

        private static bool IsBadSourceEnd(string w) => CueLexicon.NotSourceEnds.Contains(w);

        private bool IsCapitalised(int i) => IsWord(i) && char.IsUpper(_text[_t[i].Span.Start]);

        private bool IsDeterminer(int i) => _lw[i] is "the" or "a" or "an" or "one" or "another" or "some" or "two" or "three" or "several" or "many";

        private void Add(Draft d, TextSpan body)
        {
            d.Parts.Add(body);
            Commit(d);
        }

        private void Commit(Draft d, Draft? parentOwner = null)
        {
            if (d.Parts.Count == 0) return;
            _drafts.Add(d);
            foreach (var part in d.Parts)
                for (int k = FirstAtOrAfter(part.Start); k < _t.Count && _t[k].Span.End <= part.End; k++)
                    if (_owner[k] is null || _owner[k] == parentOwner) _owner[k] = d;
            foreach (var span in new[] { d.Source, d.Cue })
                if (span is { } s && !d.Transcript)
                    for (int k = FirstAtOrAfter(s.Start); k < _t.Count && _t[k].Span.End <= s.End; k++) _used[k] = true;
        }

        // ---- bare quoted paragraphs --------------------------------------------------------------------------------

        public void Continuations(CancellationToken ct)
        {
            foreach (var q in _a.Quotations)
            {
                ct.ThrowIfCancellationRequested();
                if (q.Depth != 1 || q.OpenToken < 0 || q.OpenToken >= _t.Count) continue;
                if (_used[q.OpenToken] || _owner[q.OpenToken] is not null) continue;
                int s = _sentenceOf[q.OpenToken];
                if (s < 0 || _a.Sentences[s].FirstToken != q.OpenToken || !QuoteIsWholeSentence(q)) continue;
                int block = _blockOfSentence[s];
                var previous = _drafts.Where(x => x.Parent is null && !x.IsQuestion && x.Parts[^1].End <= q.Span.Start)
                    .OrderBy(x => x.Parts[^1].End).LastOrDefault();
                if (previous is null || previous.Source is null || block - previous.Block > _options.ContinuationBlocks || block < previous.Block) continue;
                var parts = q.Segments.Where(seg => seg.Length > 0).ToList();
                if (parts.Count == 0) continue;
                if (block == previous.Block && previous.Parts.Any(QuoteIn))
                {
                    // The quote goes on in the same paragraph: it is the same statement.
                    previous.Parts.AddRange(parts);
                    foreach (var part in parts)
                        for (int k = FirstAtOrAfter(part.Start); k < _t.Count && _t[k].Span.End <= part.End; k++) _owner[k] ??= previous;
                    continue;
                }
                var d = new Draft { Source = previous.Source, Label = previous.Label, Handover = previous.Handover, Block = block };
                d.Parts.AddRange(parts);
                Commit(d);
            }
        }

        // ---- output ------------------------------------------------------------------------------------------------

        public List<Attribution> Results()
        {
            var ordered = _drafts.Where(d => d.Parts.Count > 0).OrderBy(d => d.Parts.Min(p => p.Start)).ThenBy(d => d.Parent is null ? 0 : 1).ToList();
            var index = new Dictionary<Draft, int>();
            for (int i = 0; i < ordered.Count; i++) index[ordered[i]] = i;
            var result = new List<Attribution>(ordered.Count);
            foreach (var d in ordered)
            {
                var content = AttributionContent.Of(Merge(d.Parts));
                result.Add(new Attribution(content, d.Cue, d.Source, KindOf(content), d.IsQuestion,
                    d.Parent is not null && index.TryGetValue(d.Parent, out var p) ? p : null, d.Label, d.Handover));
            }
            return result;
        }

        private static List<TextSpan> Merge(List<TextSpan> parts)
        {
            var sorted = parts.Where(p => p.Length > 0).OrderBy(p => p.Start).ToList();
            var merged = new List<TextSpan>();
            foreach (var p in sorted)
            {
                if (merged.Count > 0 && p.Start <= merged[^1].End)
                    merged[^1] = TextSpan.FromBounds(merged[^1].Start, Math.Max(merged[^1].End, p.End));
                else merged.Add(p);
            }
            return merged;
        }

        private AttributionKind KindOf(AttributionContent content)
        {
            bool anyQuote = false, allQuote = true;
            foreach (var part in content.Parts)
            {
                int first = FirstAtOrAfter(part.Start);
                int last = first;
                while (last + 1 < _t.Count && _t[last + 1].Span.End <= part.End) last++;
                if (first >= _t.Count) { allQuote = false; continue; }
                bool opens = IsOpenQuote(first);
                int end = last;
                while (end > first && IsTerminal(end)) end--;
                bool closes = IsCloseQuote(end) || (opens && _byOpen[first].CloseToken < 0) || (opens && _byOpen[first].Span.End >= part.End);
                bool has = false;
                for (int k = first; k <= last; k++) if (IsOpenQuote(k) || IsCloseQuote(k)) { has = true; break; }
                anyQuote |= has;
                if (!(opens && closes && (!_byOpen.TryGetValue(first, out var q) || q.CloseToken < 0 || q.CloseToken >= end))) allQuote = false;
            }
            return allQuote ? AttributionKind.Direct : anyQuote ? AttributionKind.Mixed : AttributionKind.Indirect;
        }
    }
}
