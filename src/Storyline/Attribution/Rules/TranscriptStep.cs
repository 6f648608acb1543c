using System.Text.RegularExpressions;
using Storyline.Documents;
using Storyline.Text;

namespace Storyline.Attribution.Rules;

/// <summary>Transcripts: questions ("Q:"), answers ("A:") and named speakers' paragraphs, with the moderator's hand-over naming who answers.</summary>
internal sealed partial class TranscriptStep : IAttributionStep
{
    /// <inheritdoc />
    public string Name => "transcript";

    /// <inheritdoc />
    public void Run(AttributionWork doc, CancellationToken cancellationToken) => Transcripts(doc, cancellationToken);

    private static void Transcripts(AttributionWork doc, CancellationToken ct)
    {
        AttributionDraft? answer = null;
        TextSpan? handedTo = null;
        for (int b = 0; b < doc.Analysis.Blocks.Count; b++)
        {
            ct.ThrowIfCancellationRequested();
            var block = doc.Analysis.Blocks[b];
            if (block.SentenceCount == 0) continue;
            var first = doc.Analysis.Sentences[block.FirstSentence];
            var last = doc.Analysis.Sentences[block.FirstSentence + block.SentenceCount - 1];
            var body = TextSpan.FromBounds(first.Span.Start, last.Span.End);
            if (block.SpeakerLabel is not { } label)
            {
                // Unlabelled paragraphs after an answer continue it until the next label; a short line with no sentence end
                // ("Reporter from China Daily") or a photo caption ends the answer.
                if (answer is not null && (IsHeadingLike(doc, block) || doc.Text.AsSpan(body.Start, body.Length).StartsWith("Photo", StringComparison.Ordinal)))
                    answer = null;
                if (answer is not null) doc.Add(new AttributionDraft { Source = answer.Source, Cue = null, Label = answer.Label, Handover = answer.Handover, Block = b, Transcript = true }, body);
                continue;
            }
            var name = label.Slice(doc.Text).TrimEnd(':').Trim();
            var colon = new TextSpan(label.End - 1, 1);
            if (QuestionLabel().IsMatch(name))
            {
                answer = null;
                doc.Add(new AttributionDraft { Cue = colon, IsQuestion = true, Label = label, Block = b, Transcript = true }, body);
            }
            else if (AnswerLabel().IsMatch(name))
            {
                answer = new AttributionDraft { Source = handedTo, Cue = colon, Label = label, Handover = handedTo is not null, Block = b, Transcript = true };
                doc.Add(answer, body);
            }
            else if (!IsSpeakerLabel(doc, label))
            {
                // "Editor's Note:", "Superdelegates:", "BYLINE:": a run-in heading, not a speaker; the paragraph is ordinary text.
                answer = null;
            }
            else
            {
                answer = null;
                var source = new TextSpan(label.Start, label.Slice(doc.Text).TrimEnd(':').TrimEnd().Length);
                var speaker = new AttributionDraft { Source = source, Cue = colon, Label = label, Block = b, Transcript = true };
                doc.Add(speaker, body);
                var m = Handover().Match(doc.Text, body.Start, body.Length);
                if (m.Success)
                {
                    var g = m.Groups["name"];
                    handedTo = PreferEntity(doc, new TextSpan(g.Index, g.Length));
                }
            }
        }
    }

    private static bool IsHeadingLike(AttributionWork doc, BlockAnalysis block)
    {
        if (block.SentenceCount != 1) return false;
        var sentence = doc.Analysis.Sentences[block.FirstSentence];
        int last = sentence.FirstToken + sentence.TokenCount - 1;
        return sentence.TokenCount <= 8 && !doc.IsTerminal(last) && !doc.IsCloseQuote(last);
    }

    private static bool IsSpeakerLabel(AttributionWork doc, TextSpan label)
    {
        var name = label.Slice(doc.Text).TrimEnd(':').Trim();
        if (CueLexicon.HeadingLabels.Contains(name)) return false;
        return !(name.EndsWith(" Note", StringComparison.OrdinalIgnoreCase) || name.EndsWith(" Update", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(" Email", StringComparison.OrdinalIgnoreCase) || name.EndsWith(" of the Week", StringComparison.OrdinalIgnoreCase));
    }

    private static TextSpan PreferEntity(AttributionWork doc, TextSpan span)
    {
        foreach (var e in doc.Entities)
            if (e.Type == "PER" && e.Span.Overlaps(span)) return e.Span;
        return span;
    }

    [GeneratedRegex(@"^(Q|Q\d{1,3}|Question|Reporter|Journalist)$", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionLabel();

    [GeneratedRegex(@"^(A|A\d{1,3}|Answer)$", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerLabel();

    // "This question goes to Mehmut Usman." / "I'll give the floor to …" / "… will be answered by …"
    [GeneratedRegex(@"\b(?:goes|go|is\s+directed|is\s+addressed|floor|over|answered\s+by|turn)\s+(?:to\s+)?(?:Mr\.?\s+|Ms\.?\s+|Mrs\.?\s+|Director\s+|Spokesperson\s+)?(?<name>\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){0,4})")]
    private static partial Regex Handover();
}
