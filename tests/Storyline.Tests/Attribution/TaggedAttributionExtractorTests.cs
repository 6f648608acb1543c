using Storyline.Attribution;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Tests.TestSupport;
using Storyline.Text;
using AttributionRecord = Storyline.Attribution.Attribution;

namespace Storyline.Tests.Attribution;

public class TaggedAttributionExtractorTests
{
    private static readonly TextAnalyzer Analyzer = new();

    // Two sentences the tiny tagger (trained on texts like them) attributes: the governor's and the officials'.
    private const string Text = "The governor said the harbour would reopen in spring. Officials said the road was closed.";

    /// <summary>Rules that find exactly what the test gives them.</summary>
    private sealed class FixedRules(params AttributionRecord[] found) : IAttributionExtractor
    {
        public IReadOnlyList<AttributionRecord> Found { get; } = found;

        public IReadOnlyList<AttributionRecord> Extract(string text, TextAnalysis analysis, IReadOnlyList<NamedEntity> entities, CancellationToken cancellationToken) => Found;
    }

    private static TextSpan Span(string part, int occurrence = 0)
    {
        int at = -1;
        for (int i = 0; i <= occurrence; i++) at = Text.IndexOf(part, at + 1, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, part);
        return new TextSpan(at, part.Length);
    }

    private static List<AttributionRecord> Extract(IAttributionExtractor rules, bool taggerFirst, string text = Text) =>
        [.. new TaggedAttributionExtractor(rules, AttributionMarkup.TinyTagger) { TaggerFirst = taggerFirst }
            .Extract(text, Analyzer.Analyze(text), [], CancellationToken.None)];

    private static string? Source(AttributionRecord a) => a.Source?.Slice(Text);

    [Fact]
    public void TinyTagger_TestText_FindsBothStatements()
    {
        // The premise of the tests below: the tagger alone finds one attribution per sentence.
        var found = AttributionMarkup.TinyTagger.Extract(Text, Analyzer.Analyze(Text), [], CancellationToken.None);

        found.Select(a => (Source(a), a.Content.Span.Slice(Text))).ShouldBe(
        [
            ("The governor", "the harbour would reopen in spring"),
            ("Officials", "the road was closed"),
        ]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Extract_NestedRuleAttribution_ParentRepointedAfterTaggedOneGoesBefore(bool taggerFirst)
    {
        var parent = new AttributionRecord(AttributionContent.Of(Span("the road was closed")), Span("said", 1), Span("Officials"), AttributionKind.Indirect);
        var child = new AttributionRecord(AttributionContent.Of(Span("was closed")), null, Span("the road"), AttributionKind.Indirect, Parent: 0);

        var result = Extract(new FixedRules(parent, child), taggerFirst);

        result.Count.ShouldBe(3);
        Source(result[0]).ShouldBe("The governor");       // the tagger's find in the first sentence comes first
        result[1].ShouldBeSameAs(parent);
        result[2].Content.ShouldBeSameAs(child.Content);
        result[2].Parent.ShouldBe(1);
        result[result[2].Parent!.Value].Content.Span.Start.ShouldBeLessThanOrEqualTo(result[2].Content.Span.Start);
    }

    [Fact]
    public void Extract_RulesAndTagged_OrderedByContentStart()
    {
        // The rules' find is in the second sentence, listed before a find in the first: the merge orders by content start.
        var second = new AttributionRecord(AttributionContent.Of(Span("the road was closed")), Span("said", 1), Span("Officials"), AttributionKind.Indirect);

        var result = Extract(new FixedRules(second), taggerFirst: false);

        result.Count.ShouldBe(2);
        result.Select(a => a.Content.Span.Start).ShouldBeInOrder();
        result[1].ShouldBeSameAs(second);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Extract_TaggerFirst_TranscriptTurnKeptButPlainSourcelessRuleYields(bool transcript)
    {
        // A source-less rule find over the governor's words: as a transcript turn it is structural and beats the overlapping tagged
        // find; as a plain one (its cue in the same sentence) it gives way to the tagged find, which has a source.
        var turn = new AttributionRecord(AttributionContent.Of(Span("the harbour would reopen in spring")), Span("said"), null, AttributionKind.Indirect,
            SpeakerLabel: transcript ? new TextSpan(0, 3) : null);

        var result = Extract(new FixedRules(turn), taggerFirst: true);

        result.Count.ShouldBe(2);
        if (transcript)
        {
            result[0].ShouldBeSameAs(turn);
            result.ShouldNotContain(a => Source(a) == "The governor");
        }
        else
        {
            result.ShouldNotContain(turn);
            Source(result[0]).ShouldBe("The governor");
        }
        Source(result[1]).ShouldBe("Officials");
    }

    [Fact]
    public void Extract_TaggerFirst_CuelessContinuationKeptOverTaggedFind()
    {
        // A rule find with no cue (a quoted paragraph continuing an earlier speaker) is structural: only the rules can tie it to its
        // speaker, so it stays even where the tagger finds something overlapping.
        var continuation = new AttributionRecord(AttributionContent.Of(Span("the harbour would reopen in spring")), null, Span("Officials"), AttributionKind.Indirect);

        var result = Extract(new FixedRules(continuation), taggerFirst: true);

        result.ShouldContain(continuation);
        result.ShouldNotContain(a => Source(a) == "The governor");
    }

    [Fact]
    public void Extract_RulesFirst_TaggedFindTouchingRuleSpanNotAdded()
    {
        // The rule's content covers only "in spring"; the tagged find for that sentence overlaps it and is left out.
        var rule = new AttributionRecord(AttributionContent.Of(Span("in spring")), null, null, AttributionKind.Indirect);

        var result = Extract(new FixedRules(rule), taggerFirst: false);

        result.Count.ShouldBe(2);
        result[0].ShouldBeSameAs(rule);
        Source(result[1]).ShouldBe("Officials");
        result.ShouldNotContain(a => Source(a) == "The governor");
    }

    [Fact]
    public void Extract_RulesFirst_TaggedFindTouchingRuleCueNotAdded()
    {
        // Only a cue of the rules' find lies in the second sentence ("said"); that is enough to keep the officials' tagged find out.
        var rule = new AttributionRecord(AttributionContent.Of(Span("reopen in spring")), Span("said", 1), null, AttributionKind.Indirect);

        var result = Extract(new FixedRules(rule), taggerFirst: false);

        result.ShouldNotContain(a => Source(a) == "Officials");
        result.ShouldContain(rule);
    }

    [Fact]
    public void Extract_TaggerFindsNothingNew_ReturnsTheRulesList()
    {
        const string text = "The weather was cold and the streets were empty.";
        var rules = new FixedRules(new AttributionRecord(AttributionContent.Of(new TextSpan(4, 7)), null, null, AttributionKind.Indirect));

        var extractor = new TaggedAttributionExtractor(rules, AttributionMarkup.TinyTagger);

        extractor.Extract(text, Analyzer.Analyze(text), [], CancellationToken.None).ShouldBeSameAs(rules.Found);
    }

    [Fact]
    public void Extract_NoRuleFinds_ReturnsTheTaggedOnes()
    {
        var result = Extract(new FixedRules(), taggerFirst: false);

        result.Select(Source).ShouldBe(["The governor", "Officials"]);
    }

    [Fact]
    public void CreateDefault_EmbeddedModel_IsTaggerFirst()
    {
        var extractor = TaggedAttributionExtractor.CreateDefault().ShouldBeOfType<TaggedAttributionExtractor>();
        extractor.TaggerFirst.ShouldBeTrue();
    }

    [Fact]
    public void CreateDefault_NestedReportedSpeech_ParentsHoldTheirChildren()
    {
        string[] texts =
        [
            "The minister said that the governor had announced that the harbour would reopen. The governor laid out a plan to rebuild it.",
            "“Officials told us the road was closed,” the driver said. Critics argue that the new rules will hurt small shops.",
            "Q: Did the mayor say the library would close?\n\nA: The mayor said it would stay open, and teachers said they were glad.",
        ];
        var extractor = TaggedAttributionExtractor.CreateDefault();
        var recognizer = new NamedEntityRecognizer();
        int nested = 0;
        foreach (var text in texts)
        {
            var analysis = Analyzer.Analyze(text);
            var found = extractor.Extract(text, analysis, recognizer.Recognize(text, analysis), CancellationToken.None);
            AttributionTaggerTests.CheckWellFormed(text, found);
            foreach (var a in found.Where(a => a.Parent is not null))
            {
                nested++;
                var parent = found[a.Parent!.Value].Content.Span;
                (parent.Start <= a.Content.Span.Start && a.Content.Span.End <= parent.End).ShouldBeTrue(text);
            }
        }
        nested.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void CreateDefault_RandomTexts_NeverThrowsAndStaysWellFormed()
    {
        var extractor = TaggedAttributionExtractor.CreateDefault();
        var recognizer = new NamedEntityRecognizer();
        for (int seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var text = AttributionTaggerTests.RandomText(random, random.Next(60));
            try
            {
                var analysis = Analyzer.Analyze(text);
                var found = extractor.Extract(text, analysis, recognizer.Recognize(text, analysis), CancellationToken.None);
                AttributionTaggerTests.CheckWellFormed(text, found);
                foreach (var a in found.Where(a => a.Parent is not null))
                {
                    var parent = found[a.Parent!.Value].Content.Span;
                    (parent.Start <= a.Content.Span.Start && a.Content.Span.End <= parent.End).ShouldBeTrue();
                }
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}: {e.Message}\n{text}");
            }
        }
    }
}
