using Storyline.Documents;

namespace Storyline.Attribution.Rules;

/// <summary>A headline that opens with its speaker and a colon ("Xi: Reform will continue").</summary>
internal sealed class HeadlineStep : IAttributionStep
{
    /// <inheritdoc />
    public string Name => "headline";

    /// <inheritdoc />
    public void Run(AttributionWork doc, CancellationToken cancellationToken) => Headline(doc);

    // "A lesson from Loretta Lynch: 'Be the voice that people hear.'": a headline whose colon follows a named speaker reports what
    // follows as said by them (a headline that is only a label, "Black Democrats: Send Money …", is a transcript turn already). Only the text's first block, and only when it is one short sentence: a colon in running text introduces lists and
    // explanations as often as speech.
    private static void Headline(AttributionWork doc)
    {
        if (doc.Analysis.Blocks.Count == 0 || doc.Analysis.Blocks[0].SpeakerLabel is not null || doc.Analysis.Blocks[0].SentenceCount != 1) return;
        var sentence = doc.Analysis.Sentences[doc.Analysis.Blocks[0].FirstSentence];
        int lo = sentence.FirstToken, hi = Math.Min(doc.Tokens.Count, lo + sentence.TokenCount);
        if (hi - lo > 30) return;
        int colon = lo;
        while (colon < hi && doc.Lower[colon] != ":") colon++;
        if (colon >= hi - 2 || colon - lo > 10 || colon == lo || doc.Used[colon] || doc.Owner[colon] is not null) return;
        int end = hi - 1;
        while (end > colon && doc.IsTerminal(end)) end--;
        if (doc.CountContent(colon + 1, end) < 3) return;
        var before = doc.Range(lo, colon - 1);
        TextSpan? source = null;
        foreach (var e in doc.Entities)
            if (e.Type is "PER" or "ORG" && e.Span.End == before.End && e.Span.Start >= before.Start) source = e.Span;
        if (source is null) return;
        var d = new AttributionDraft { Block = 0, Cue = doc.Tokens[colon].Span, Source = source };
        d.Parts.Add(doc.Range(colon + 1, end));
        doc.Commit(d);
    }
}
