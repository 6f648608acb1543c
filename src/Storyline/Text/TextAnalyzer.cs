using System.Text.RegularExpressions;
using Storyline.Documents;

namespace Storyline.Text;

/// <summary>Rule-based tokenizer, sentence splitter and quotation tracker for news English.</summary>
public sealed partial class TextAnalyzer : ITextAnalyzer
{
    // Block openers that look like "Name:" but label furniture, not a speaker.
    private static readonly HashSet<string> NotSpeakers = new(StringComparer.OrdinalIgnoreCase)
    {
        "note", "notes", "update", "updated", "editor", "editors", "photo", "photos", "source", "sources", "read", "related", "watch",
        "warning", "correction", "disclaimer", "copyright", "tags", "tag", "topics", "see", "also", "breaking", "exclusive",
        "opinion", "analysis", "comment", "video", "live", "caption", "credit", "file", "image", "listen", "subscribe", "share",
        "email", "tel", "fax", "date", "time", "location", "venue", "title", "subject", "summary", "background", "context",
        "why", "what", "how", "when", "where", "who", "which", "the", "this", "that", "in", "on", "at", "for", "and", "but",
        "example", "examples", "conclusion", "introduction", "chapter", "part", "section", "step", "tip", "tips", "key",
        "highlights", "more", "contact", "published", "posted", "by", "via", "reporting", "writing", "editing", "translated",
    };

    private readonly Tokenizer _tokenizer;
    private readonly TextAnalyzerOptions _options;

    /// <summary>Creates an analyzer.</summary>
    public TextAnalyzer(TextAnalyzerOptions? options = null)
    {
        _options = options ?? TextAnalyzerOptions.Default;
        _tokenizer = new Tokenizer(_options);
    }

    /// <summary>Analyses <paramref name="text"/> as paragraphs separated by blank lines.</summary>
    public TextAnalysis Analyze(string text, CancellationToken cancellationToken = default) => Analyze(text, [], cancellationToken);

    /// <inheritdoc />
    public TextAnalysis Analyze(string text, IReadOnlyList<Block> blocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = NormaliseBlocks(text, blocks);
        var tokens = new List<Token>(text.Length / 5);
        var ranges = new (int Start, int End)[spans.Count];
        for (int b = 0; b < spans.Count; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int first = tokens.Count;
            _tokenizer.TokenizeInto(text, spans[b].Span, tokens);
            ranges[b] = (first, tokens.Count);
        }

        var sentences = new List<Sentence>();
        var blockResults = new List<BlockAnalysis>(spans.Count);
        var quotes = new QuoteTracker(text, tokens);
        for (int b = 0; b < spans.Count; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (first, end) = ranges[b];
            int k = first;
            while (k < end && tokens[k].Kind == TokenKind.Bullet) k++;
            var label = SpeakerLabel(text, tokens, k, end);
            // A transcript quoted paragraph by paragraph ("\"WALLACE: Let's start …") opens each turn with a quotation mark that never
            // closes; a capitals-only label right after it is still the turn's speaker, and the mark is left out with the label.
            if (label is null && k + 1 < end && tokens[k].Kind == TokenKind.OpenQuote && SpeakerLabel(text, tokens, k + 1, end) is { } quoted
                && quoted.Slice(text).TrimEnd(':').Trim() is var name && name.Length > 1 && name.All(c => !char.IsLower(c)))
                label = quoted;
            if (label is { } l)
            {
                while (k < end && tokens[k].Span.Start < l.End) k++;
            }
            int reopen = quotes.StartBlock(k < end ? k : -1);
            int firstSentence = sentences.Count;
            SplitSentences(text, tokens, k, end, spans[b].Index, reopen, quotes, sentences);
            // An unclosed quote's segment ends at the block's last token, not at trailing whitespace the block span may hold.
            quotes.EndBlock(end > first ? tokens[end - 1].Span.End : spans[b].Span.End);
            blockResults.Add(new BlockAnalysis(spans[b].Index, spans[b].Span, label, firstSentence, sentences.Count - firstSentence));
        }
        quotes.StartBlock(-1);
        return new TextAnalysis(tokens, sentences, quotes.Finish(), blockResults);
    }

    private static List<(int Index, TextSpan Span)> NormaliseBlocks(string text, IReadOnlyList<Block> blocks)
    {
        var result = new List<(int, TextSpan)>();
        if (blocks is null || blocks.Count == 0)
        {
            int index = 0, pos = 0;
            foreach (Match m in BlankLines().Matches(text))
            {
                if (m.Index > pos) result.Add((index++, TextSpan.FromBounds(pos, m.Index)));
                pos = m.Index + m.Length;
            }
            if (pos < text.Length) result.Add((index, TextSpan.FromBounds(pos, text.Length)));
            return result;
        }
        // Defensive: clamp to the text and drop overlaps so that token and sentence spans stay ordered.
        var ordered = blocks.Select((block, index) => (index, block.Span)).OrderBy(x => x.Span.Start).ThenBy(x => x.index);
        int previousEnd = 0;
        foreach (var (index, span) in ordered)
        {
            int start = Math.Clamp(Math.Max(span.Start, previousEnd), 0, text.Length);
            int end = Math.Clamp(span.End, start, text.Length);
            if (end <= start) continue;
            result.Add((index, TextSpan.FromBounds(start, end)));
            previousEnd = end;
        }
        return result;
    }

    private TextSpan? SpeakerLabel(string text, List<Token> tokens, int k, int end)
    {
        if (k >= end) return null;
        int words = 0, j = k;
        while (j < end && words <= _options.MaxSpeakerLabelWords && tokens[j].Kind is TokenKind.Word or TokenKind.Abbreviation
            && char.IsUpper(text[tokens[j].Span.Start]))
        {
            words++;
            j++;
        }
        if (words == 0 || words > _options.MaxSpeakerLabelWords || j >= end) return null;
        var colon = tokens[j];
        if (colon.Span.Length != 1 || text[colon.Span.Start] != ':') return null;
        var span = TextSpan.FromBounds(tokens[k].Span.Start, colon.Span.End);
        if (span.Length > _options.MaxSpeakerLabelLength || span.Slice(text).Contains('\n')) return null;
        var firstWord = tokens[k].Text(text);
        if (words == 1 && QaLabel().IsMatch(firstWord)) return span;
        if (NotSpeakers.Contains(firstWord.TrimEnd('.'))) return null;
        // A label is followed by speech, not by a time or a number ("Update: 10:30").
        if (j + 1 < end && tokens[j + 1].Kind == TokenKind.Number && words == 1) return null;
        return span;
    }

    private static void SplitSentences(string text, List<Token> tokens, int start, int end, int block, int reopen, QuoteTracker quotes, List<Sentence> sentences)
    {
        int s = start;
        int depthAtStart = quotes.Depth;
        int i = start;
        while (i < end)
        {
            // A bullet that opens a line inside the block belongs to no sentence.
            if (i == s && tokens[i].Kind == TokenKind.Bullet)
            {
                s = ++i;
                continue;
            }
            if (i != reopen) quotes.Process(i);
            int last = i;
            bool boundary = false;
            var kind = TerminalKind(text, tokens[i]);
            if (kind != Terminal.None)
            {
                int j = i + 1;
                while (j < end && (TerminalKind(text, tokens[j]) != Terminal.None || IsCloser(text, tokens[j], quotes)))
                {
                    quotes.Process(j);
                    j++;
                }
                last = j - 1;
                boundary = j >= end || StartsSentence(text, tokens[j], kind);
            }
            else if (tokens[i].Kind == TokenKind.Abbreviation && i + 1 < end)
            {
                boundary = AbbreviationEndsSentence(text, tokens[i], tokens[i + 1]);
            }
            if (!boundary && last + 1 < end && NewlineBetween(text, tokens[last], tokens[last + 1]) && !StartsLower(text, tokens[last + 1]))
                boundary = true;
            if (boundary || last + 1 >= end)
            {
                var span = TextSpan.FromBounds(tokens[s].Span.Start, tokens[last].Span.End);
                sentences.Add(new Sentence(span, s, last - s + 1, block, depthAtStart, quotes.Depth));
                s = last + 1;
                depthAtStart = quotes.Depth;
            }
            i = last + 1;
        }
    }

    private enum Terminal { None, Stop, Mark, Ellipsis }

    private static Terminal TerminalKind(string text, Token token)
    {
        if (token.Kind == TokenKind.Ellipsis) return Terminal.Ellipsis;
        if (token.Kind != TokenKind.Punctuation || token.Span.Length != 1) return Terminal.None;
        return text[token.Span.Start] switch
        {
            '.' or '。' => Terminal.Stop,
            '!' or '?' or '！' or '？' => Terminal.Mark,
            _ => Terminal.None,
        };
    }

    private static bool IsCloser(string text, Token token, QuoteTracker quotes) => token.Kind switch
    {
        TokenKind.CloseQuote => true,
        TokenKind.AmbiguousQuote => quotes.HasOpenDouble,
        TokenKind.Punctuation => text[token.Span.Start] is ')' or ']' or '}' or '’' or '\'',
        _ => false,
    };

    private static bool StartsLower(string text, Token token) => char.IsLower(text[token.Span.Start]);

    private static bool StartsSentence(string text, Token next, Terminal kind)
    {
        char c = text[next.Span.Start];
        if (char.IsLower(c)) return false;
        if (next.Kind == TokenKind.Punctuation && c is ',' or ';' or ':' or ')' or ']' or '}') return false;
        if (kind == Terminal.Ellipsis) return char.IsUpper(c) || next.Kind is TokenKind.OpenQuote;
        return true;
    }

    private static bool AbbreviationEndsSentence(string text, Token abbreviation, Token next)
    {
        var word = abbreviation.Text(text).TrimEnd('.');
        if (Abbreviations.Titles.Contains(word) || Abbreviations.Months.Contains(word) || Abbreviations.BeforeNumber.Contains(word)) return false;
        return next.Kind == TokenKind.Word && Abbreviations.SentenceStarters.Contains(next.Text(text));
    }

    private static bool NewlineBetween(string text, Token a, Token b) => text.AsSpan(a.Span.End, b.Span.Start - a.Span.End).Contains('\n');

    [GeneratedRegex(@"\n[ \t\r]*\n\s*")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"^(Q|A|Q\d{1,3}|A\d{1,3}|Question|Answer)$")]
    private static partial Regex QaLabel();
}
