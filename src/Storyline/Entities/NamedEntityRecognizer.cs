using Storyline.Documents;
using Storyline.Text;

namespace Storyline.Entities;

/// <summary>A named entity found in a text, located by character span.</summary>
/// <param name="Span">The entity's characters in the analysed text.</param>
/// <param name="Type">PER, ORG, LOC or MISC.</param>
/// <param name="Sentence">Index of the sentence it lies in.</param>
public sealed record NamedEntity(TextSpan Span, string Type, int Sentence);

/// <summary>Runs the NER tagger sentence by sentence over an analysed text and maps its token spans back to character spans.
/// Tokens are presented the way the tagger was trained (CoNLL/PTB style): possessive 's split off, curly quotes as straight ones.</summary>
public sealed class NamedEntityRecognizer(NerTagger? tagger = null)
{
    private readonly NerTagger _tagger = tagger ?? NerTagger.Default;

    /// <summary>Every named entity in <paramref name="text"/>, in order. The text is tagged as one document, so a name's mentions inform each other.</summary>
    public IReadOnlyList<NamedEntity> Recognize(string text, TextAnalysis analysis, CancellationToken cancellationToken = default)
    {
        var sentences = new List<int>();
        var words = new List<IReadOnlyList<string>>();
        var spans = new List<List<TextSpan>>();
        for (int s = 0; s < analysis.Sentences.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sentenceWords = new List<string>();
            var sentenceSpans = new List<TextSpan>();
            foreach (var token in analysis.TokensOf(analysis.Sentences[s])) AddConllTokens(text, token, sentenceWords, sentenceSpans);
            if (sentenceWords.Count == 0) continue;
            sentences.Add(s);
            words.Add(sentenceWords);
            spans.Add(sentenceSpans);
        }
        var entities = new List<NamedEntity>();
        var tagged = _tagger.TagDocument(words, cancellationToken);
        for (int j = 0; j < tagged.Count; j++)
            foreach (var e in tagged[j])
                entities.Add(new NamedEntity(TextSpan.FromBounds(spans[j][e.StartToken].Start, spans[j][e.EndToken - 1].End), e.Type, sentences[j]));
        return entities;
    }

    private static void AddConllTokens(string text, Token token, List<string> words, List<TextSpan> spans)
    {
        var value = token.Text(text);
        if (token.Kind is TokenKind.OpenQuote or TokenKind.CloseQuote or TokenKind.AmbiguousQuote)
        {
            words.Add("\"");
            spans.Add(token.Span);
            return;
        }
        if (token.Kind == TokenKind.Word && value.Length > 2 && (value.EndsWith("'s", StringComparison.Ordinal) || value.EndsWith("’s", StringComparison.Ordinal)))
        {
            words.Add(value[..^2]);
            spans.Add(new TextSpan(token.Span.Start, token.Span.Length - 2));
            words.Add("'s");
            spans.Add(new TextSpan(token.Span.End - 2, 2));
            return;
        }
        words.Add(value.Replace('’', '\''));
        spans.Add(token.Span);
    }
}
