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

    /// <summary>Every named entity in <paramref name="text"/>, in order.</summary>
    public IReadOnlyList<NamedEntity> Recognize(string text, TextAnalysis analysis, CancellationToken cancellationToken = default)
    {
        var entities = new List<NamedEntity>();
        var words = new List<string>();
        var spans = new List<TextSpan>();
        for (int s = 0; s < analysis.Sentences.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sentence = analysis.Sentences[s];
            words.Clear();
            spans.Clear();
            foreach (var token in analysis.TokensOf(sentence)) AddConllTokens(text, token, words, spans);
            if (words.Count == 0) continue;
            foreach (var e in _tagger.Tag(words, cancellationToken))
                entities.Add(new NamedEntity(TextSpan.FromBounds(spans[e.StartToken].Start, spans[e.EndToken - 1].End), e.Type, s));
        }
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
