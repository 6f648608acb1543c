using Storyline.Documents;

namespace Storyline.Text;

/// <summary>One sentence: a span, the tokens it holds, and the quotation state around it.</summary>
/// <param name="Span">From the first token's start to the last token's end.</param>
/// <param name="FirstToken">Index of the first token in <see cref="TextAnalysis.Tokens"/>.</param>
/// <param name="TokenCount">Number of tokens.</param>
/// <param name="Block">Index of the block the sentence lies in (sentences never cross blocks).</param>
/// <param name="QuoteDepthAtStart">Open quotations just before the first token; above zero means the sentence continues a quote opened earlier (possibly in an earlier paragraph).</param>
/// <param name="QuoteDepthAtEnd">Open quotations just after the last token; above zero means the quote runs on past the sentence.</param>
public sealed record Sentence(TextSpan Span, int FirstToken, int TokenCount, int Block, int QuoteDepthAtStart, int QuoteDepthAtEnd)
{
    /// <summary>True when the sentence starts inside an open quotation.</summary>
    public bool StartsInsideQuote => QuoteDepthAtStart > 0;
}

/// <summary>A quotation from its opening mark to its closing mark, possibly over several paragraphs.</summary>
/// <param name="Span">From the opening mark to the end of the closing mark, or to the end of the last block it reaches when unclosed.</param>
/// <param name="OpenToken">Index of the opening mark token.</param>
/// <param name="CloseToken">Index of the closing mark token, or -1 when the quote was never closed.</param>
/// <param name="Depth">1 for an outer quotation, 2 for a quote inside it, and so on.</param>
/// <param name="Segments">One span per block the quotation covers; later segments start at the mark that reopens the quote in that paragraph.</param>
public sealed record Quotation(TextSpan Span, int OpenToken, int CloseToken, int Depth, IReadOnlyList<TextSpan> Segments)
{
    /// <summary>True when a closing mark was found.</summary>
    public bool IsClosed => CloseToken >= 0;
}

/// <summary>Per-block results: the block, its speaker label (transcripts) and its sentences.</summary>
/// <param name="Index">Index into the input blocks.</param>
/// <param name="Span">The block's span.</param>
/// <param name="SpeakerLabel">The "Q1:", "A:" or "Xu Guixiang:" label that opens the block (colon included), or null.</param>
/// <param name="FirstSentence">Index of the block's first sentence.</param>
/// <param name="SentenceCount">Number of sentences in the block.</param>
public sealed record BlockAnalysis(int Index, TextSpan Span, TextSpan? SpeakerLabel, int FirstSentence, int SentenceCount);

/// <summary>Tokens, sentences, quotations and per-block facts for one text.</summary>
public sealed record TextAnalysis(
    IReadOnlyList<Token> Tokens,
    IReadOnlyList<Sentence> Sentences,
    IReadOnlyList<Quotation> Quotations,
    IReadOnlyList<BlockAnalysis> Blocks)
{
    /// <summary>Index of the last sentence that starts at or before <paramref name="position"/>, or -1 when none does.</summary>
    public int SentenceAt(int position)
    {
        int lo = 0, hi = Sentences.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (Sentences[mid].Span.Start <= position) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }

    /// <summary>The tokens of <paramref name="sentence"/>.</summary>
    public IEnumerable<Token> TokensOf(Sentence sentence)
    {
        for (int i = 0; i < sentence.TokenCount; i++) yield return Tokens[sentence.FirstToken + i];
    }
}

/// <summary>Options for <see cref="TextAnalyzer"/>.</summary>
/// <param name="ExtraAbbreviations">Further abbreviations (without the period, any case) that keep their period.</param>
/// <param name="MaxSpeakerLabelWords">Most words a name label ("Xu Guixiang:") may have.</param>
/// <param name="MaxSpeakerLabelLength">Most characters a speaker label may have.</param>
public sealed record TextAnalyzerOptions(
    IReadOnlyCollection<string>? ExtraAbbreviations = null,
    int MaxSpeakerLabelWords = 4,
    int MaxSpeakerLabelLength = 40)
{
    /// <summary>The defaults.</summary>
    public static TextAnalyzerOptions Default { get; } = new();
}

/// <summary>Splits cleaned text into tokens and sentences and tracks quotations.</summary>
public interface ITextAnalyzer
{
    /// <summary>Analyses <paramref name="text"/> block by block; with no blocks, paragraphs separated by blank lines are used.</summary>
    TextAnalysis Analyze(string text, IReadOnlyList<Block> blocks, CancellationToken cancellationToken);
}
