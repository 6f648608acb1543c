using Storyline.Documents;
using Storyline.Entities;
using Storyline.Text;

namespace Storyline.Attribution.Rules;

internal sealed class AttributionWork
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
    private readonly AttributionDraft?[] _owner;
    private readonly Dictionary<int, Quotation> _byOpen = [];
    private readonly Dictionary<int, Quotation> _byClose = [];
    private readonly List<AttributionDraft> _drafts = [];
    private AttributionDraft? _lastInSentence;
    private int _lastSentence = -1;

    /// <summary>The text.</summary>
    public string Text => _text;

    /// <summary>Its tokens, sentences, blocks and quotations.</summary>
    public TextAnalysis Analysis => _a;

    /// <summary>Its named entities.</summary>
    public IReadOnlyList<NamedEntity> Entities => _entities;

    /// <summary>The extractor's options.</summary>
    public AttributionOptions Options => _options;

    /// <summary>The reporting verbs (the lexicon's and the options' extra cues).</summary>
    public HashSet<string> Verbs => _verbs;

    /// <summary>The tokens.</summary>
    public IReadOnlyList<Token> Tokens => _t;

    /// <summary>Each token lower-cased.</summary>
    public string[] Lower => _lw;

    /// <summary>Each token's quotation depth.</summary>
    public int[] QuoteDepth => _quoteDepth;

    /// <summary>Each token's sentence (-1 outside sentences).</summary>
    public int[] SentenceOf => _sentenceOf;

    /// <summary>Each sentence's block.</summary>
    public int[] BlockOfSentence => _blockOfSentence;

    /// <summary>Tokens some attribution has taken as source, cue or content.</summary>
    public bool[] Used => _used;

    /// <summary>The attribution whose content holds each token, if any.</summary>
    public AttributionDraft?[] Owner => _owner;

    /// <summary>Quotations by their opening token.</summary>
    public Dictionary<int, Quotation> ByOpen => _byOpen;

    /// <summary>Quotations by their closing token.</summary>
    public Dictionary<int, Quotation> ByClose => _byClose;

    /// <summary>The attributions found so far, in the order found.</summary>
    public List<AttributionDraft> Drafts => _drafts;

    /// <summary>The last attribution found in the sentence being read, whose source "and"/"but" may share.</summary>
    public AttributionDraft? LastInSentence { get => _lastInSentence; set => _lastInSentence = value; }

    /// <summary>The sentence of <see cref="LastInSentence"/>.</summary>
    public int LastSentence { get => _lastSentence; set => _lastSentence = value; }

    public AttributionWork(AttributionTokens tokens, IReadOnlyList<NamedEntity> entities, AttributionOptions options, HashSet<string> verbs)
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
        _owner = new AttributionDraft?[n];
    }

    public int FirstAtOrAfter(int position)
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

    public bool Is(int i, string value) => i >= 0 && i < _t.Count && _lw[i] == value;

    public bool IsWord(int i) => i >= 0 && i < _t.Count && _t[i].Kind is TokenKind.Word or TokenKind.Abbreviation or TokenKind.Number;

    public bool IsOpenQuote(int i) => i >= 0 && i < _t.Count && _byOpen.ContainsKey(i);

    public bool IsCloseQuote(int i) => i >= 0 && i < _t.Count && _byClose.ContainsKey(i);

    public bool IsTerminal(int i) => i >= 0 && i < _t.Count && _t[i].Kind is TokenKind.Punctuation or TokenKind.Ellipsis
        && _lw[i] is "." or "!" or "?" or "..." or "…" or "。" or "！" or "？";

    public bool IsComma(int i) => i >= 0 && i < _t.Count && _lw[i] == ",";

    public TextSpan Range(int first, int last) => TextSpan.FromBounds(_t[first].Span.Start, _t[last].Span.End);

    public int CountContent(int first, int last)
    {
        int count = 0;
        for (int k = first; k <= last; k++) if (_t[k].Kind != TokenKind.Punctuation) count++;
        return count;
    }

    // True when the quote's closing mark ends its sentence (so no cue of its own follows it there).
    public bool QuoteIsWholeSentence(Quotation q)
    {
        if (q.CloseToken < 0) return true;
        int s = _sentenceOf[q.CloseToken];
        if (s < 0) return false;
        var sentence = _a.Sentences[s];
        int last = sentence.FirstToken + sentence.TokenCount - 1;
        for (int k = q.CloseToken + 1; k <= last; k++) if (!IsTerminal(k) && _t[k].Kind != TokenKind.CloseQuote) return false;
        return true;
    }

    public bool IsCapitalised(int i) => IsWord(i) && char.IsUpper(_text[_t[i].Span.Start]);

    public bool IsDeterminer(int i) => _lw[i] is "the" or "a" or "an" or "one" or "another" or "some" or "two" or "three" or "several" or "many";

    public void Add(AttributionDraft d, TextSpan body)
    {
        d.Parts.Add(body);
        Commit(d);
    }

    public void Commit(AttributionDraft d, AttributionDraft? parentOwner = null)
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

    public List<Attribution> Results()
    {
        var ordered = _drafts.Where(d => d.Parts.Count > 0).OrderBy(d => d.Parts.Min(p => p.Start)).ThenBy(d => d.Parent is null ? 0 : 1).ToList();
        var index = new Dictionary<AttributionDraft, int>();
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

    public AttributionKind KindOf(AttributionContent content)
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
