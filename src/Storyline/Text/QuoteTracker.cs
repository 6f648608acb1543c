using Storyline.Documents;

namespace Storyline.Text;

/// <summary>Tracks open quotations over the tokens of a text, block by block, including quotes that run on over paragraphs.</summary>
internal sealed class QuoteTracker(string text, List<Token> tokens)
{
    private sealed class Entry
    {
        public int OpenToken;
        public bool Double;
        public int Depth;
        public int SegmentStart;
        public int LastEnd;
        public List<TextSpan> Segments { get; } = [];
    }

    private readonly List<Entry> _stack = [];
    private readonly List<Quotation> _done = [];

    /// <summary>Open quotations now.</summary>
    public int Depth => _stack.Count;

    /// <summary>True when a double quotation is open, so an ambiguous straight quote closes it.</summary>
    public bool HasOpenDouble => _stack.Exists(e => e.Double);

    /// <summary>Updates the state for token <paramref name="index"/> if it is a quotation mark.</summary>
    public void Process(int index)
    {
        var token = tokens[index];
        switch (token.Kind)
        {
            // English does not nest double quotes, so a straight " that looks like an opener while one is open closes it,
            // and one that looks like a closer with none open opens a quote (a missing space: 'said" the ...').
            case TokenKind.OpenQuote when IsStraightDouble(token) && HasOpenDouble:
                Close(index, true);
                break;
            case TokenKind.CloseQuote when IsStraightDouble(token) && !HasOpenDouble:
                Open(index, true);
                break;
            case TokenKind.OpenQuote:
                Open(index, IsDouble(token));
                break;
            case TokenKind.CloseQuote:
                Close(index, IsDouble(token));
                break;
            case TokenKind.AmbiguousQuote:
                if (HasOpenDouble) Close(index, true);
                else Open(index, true);
                break;
        }
    }

    /// <summary>Called at the start of each block with its first content token (or -1 at the end): keeps an unclosed quote open
    /// when the block reopens it with a quotation mark (the news convention for a quote running over paragraphs), and
    /// otherwise ends unclosed quotes at the previous block. Returns the reopening token's index, or -1.</summary>
    public int StartBlock(int firstToken)
    {
        if (_stack.Count == 0) return -1;
        bool continues = firstToken >= 0 && _stack[0].Double && tokens[firstToken].Kind is TokenKind.OpenQuote or TokenKind.AmbiguousQuote
            && IsDouble(tokens[firstToken]);
        int keep = continues ? 1 : 0;
        for (int k = _stack.Count - 1; k >= keep; k--) Finish(_stack[k], -1);
        _stack.RemoveRange(keep, _stack.Count - keep);
        if (!continues) return -1;
        _stack[0].SegmentStart = tokens[firstToken].Span.Start;
        return firstToken;
    }

    /// <summary>Called at the end of each block: the open quotations' current segments end here.</summary>
    public void EndBlock(int blockEnd)
    {
        foreach (var e in _stack)
        {
            e.Segments.Add(TextSpan.FromBounds(e.SegmentStart, Math.Max(e.SegmentStart, blockEnd)));
            e.LastEnd = blockEnd;
        }
    }

    /// <summary>All quotations found, in order of their opening marks.</summary>
    public List<Quotation> Finish()
    {
        for (int k = _stack.Count - 1; k >= 0; k--) Finish(_stack[k], -1);
        _stack.Clear();
        _done.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : a.Depth.CompareTo(b.Depth));
        return _done;
    }

    private bool IsStraightDouble(Token token) => token.Span.Length == 1 && text[token.Span.Start] == '"';

    private bool IsDouble(Token token) => text[token.Span.Start] is not ('‘' or '’' or '\'') || token.Span.Length == 2;

    private void Open(int index, bool isDouble)
    {
        int start = tokens[index].Span.Start;
        _stack.Add(new Entry { OpenToken = index, Double = isDouble, Depth = _stack.Count + 1, SegmentStart = start, LastEnd = tokens[index].Span.End });
    }

    private void Close(int index, bool isDouble)
    {
        int m = _stack.FindLastIndex(e => e.Double == isDouble);
        if (m < 0) return;
        var token = tokens[index];
        for (int k = _stack.Count - 1; k > m; k--)
        {
            var inner = _stack[k];
            inner.Segments.Add(TextSpan.FromBounds(inner.SegmentStart, Math.Max(inner.SegmentStart, token.Span.Start)));
            inner.LastEnd = token.Span.Start;
            Finish(inner, -1);
        }
        var e = _stack[m];
        e.Segments.Add(TextSpan.FromBounds(e.SegmentStart, token.Span.End));
        e.LastEnd = token.Span.End;
        Finish(e, index);
        _stack.RemoveRange(m, _stack.Count - m);
    }

    private void Finish(Entry e, int closeToken)
    {
        int start = tokens[e.OpenToken].Span.Start;
        int end = Math.Max(start, e.LastEnd);
        var segments = e.Segments.Count > 0 ? e.Segments : [TextSpan.FromBounds(start, end)];
        _done.Add(new Quotation(TextSpan.FromBounds(start, end), e.OpenToken, closeToken, e.Depth, segments));
    }
}
