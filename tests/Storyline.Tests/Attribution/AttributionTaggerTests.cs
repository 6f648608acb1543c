using System.IO.Compression;
using System.Text;
using Storyline.Attribution;
using Storyline.Entities;
using Storyline.Text;
using AttributionRecord = Storyline.Attribution.Attribution;

namespace Storyline.Tests.Attribution;

public class AttributionTaggerTests
{
    private static readonly TextAnalyzer Analyzer = new();
    private static readonly NamedEntityRecognizer Recognizer = new();

    private static AttributionTagger Tagger => AttributionTagger.Default!;

    private static List<AttributionRecord> Extract(AttributionTagger tagger, string text)
    {
        var analysis = Analyzer.Analyze(text);
        return [.. tagger.Extract(text, analysis, Recognizer.Recognize(text, analysis), CancellationToken.None)];
    }

    private static string Describe(string text, AttributionRecord a) =>
        $"[{a.Source?.Slice(text)}] [{a.Cue?.Slice(text)}] [{string.Join(" | ", a.Content.Parts.Select(p => p.Slice(text)))}] {a.Kind}";

    private static byte[] Saved(AttributionTagger tagger)
    {
        using var stream = new MemoryStream();
        tagger.Save(stream);
        return stream.ToArray();
    }

    // Saving compresses at the smallest size, which takes seconds: the default model is saved once for all tests.
    private static readonly Lazy<byte[]> DefaultBytes = new(() => Saved(Tagger));

    private static readonly string[] Sentences =
    [
        "Senator Carter has criticised the plan to close the hospital.",
        "The mayor has welcomed the decision to keep the library open.",
        "“We will not back down,” the union leader told reporters.",
        "The weather was cold and the streets were empty.",
    ];

    // Groups hand-made tags ("S" source, "C" cue, "X" content, "." none; one letter per token) as the tagger would.
    private static List<AttributionRecord> Grouped(string text, string roles)
    {
        var analysis = Analyzer.Analyze(text);
        analysis.Tokens.Count.ShouldBe(roles.Length);
        var tags = new int[roles.Length];
        for (int i = 0; i < roles.Length; i++)
        {
            int role = roles[i] switch { 'S' => 0, 'C' => 1, 'X' => 2, _ => -1 };
            tags[i] = role < 0 ? 0 : (i > 0 && roles[i - 1] == roles[i] ? 2 : 1) + 2 * role;
        }
        return AttributionTagger.ToAttributions(new AttributionTokens(text, analysis, []), 0, tags);
    }

    [Theory]
    [InlineData("The tariffs announced by the ministry named three firms .", "SSC...XXX.")]
    [InlineData("The cargo was weighed and reported to the harbour office .", ".....CCXXX.")]
    [InlineData("Tom Baker , a harbour master alleged to have taken bribes , resigned .", "SSSSSSCXXXX...")]
    public void ToAttributions_PassiveParticipleTaggedAsCue_Dropped(string text, string roles)
    {
        Grouped(text, roles).ShouldBeEmpty();
    }

    [Fact]
    public void ToAttributions_RunInHeadingTaggedAsSourceAndCue_Dropped()
    {
        Grouped("Editor's note : the harbour master resigned .", "SC.XXXX.").ShouldBeEmpty();
    }

    [Fact]
    public void ToAttributions_PassiveCueWithItsSubjectTaggedAsSource_SubjectJoinsTheContent()
    {
        const string text = "Peacekeepers have been blamed for spreading the disease .";
        var a = Grouped(text, "SCCCCXXX.").ShouldHaveSingleItem();

        Describe(text, a).ShouldBe("[] [have been blamed for] [Peacekeepers | spreading the disease] Indirect");
    }

    [Fact]
    public void ToAttributions_StateParticipleCue_KeepsItsSource()
    {
        const string text = "The governor was alarmed by the rising water .";
        var a = Grouped(text, "SSCCCXXX.").ShouldHaveSingleItem();

        a.Source!.Value.Slice(text).ShouldBe("The governor");
    }

    [Fact]
    public void ToAttributions_SourceOpeningOnAPreposition_NotTheSource()
    {
        const string text = "In its statement , the ministry rejected the claims .";
        var a = Grouped(text, "SSS.SSCXX.").ShouldHaveSingleItem();

        a.Source!.Value.Slice(text).ShouldBe("the ministry");
    }

    [Fact]
    public void ToAttributions_OneWordObjectOfStanceCue_Kept()
    {
        const string text = "The senator endorsed Smith .";
        var a = Grouped(text, "SSCX.").ShouldHaveSingleItem();

        Describe(text, a).ShouldBe("[The senator] [endorsed] [Smith] Indirect");
    }

    [Fact]
    public void ToAttributions_LoneQuestionWordOfAHeading_Dropped()
    {
        Grouped("Who Thinks What ?", "SCXX").ShouldBeEmpty();
    }

    [Fact]
    public void ToAttributions_PunctuationOnlyContent_Dropped()
    {
        Grouped("The senator endorsed .", "SSCX").ShouldBeEmpty();
    }

    [Fact]
    public void ToAttributions_TwoSourcesBeforeTheCue_NearerOneSpeaks()
    {
        const string text = "The old harbour master , the mayor said , had served for years .";
        var a = Grouped(text, "SSSS.SSC.XXXX.").ShouldHaveSingleItem();

        a.Source!.Value.Slice(text).ShouldBe("the mayor");
    }

    [Fact]
    public void ToAttributions_ActiveCue_Kept()
    {
        Grouped("The ministry announced three new tariffs .", "SSCXXX.").ShouldHaveSingleItem();
    }

    [Fact]
    public void Default_EmbeddedModel_IsPresent()
    {
        AttributionTagger.HasEmbeddedModel.ShouldBeTrue();
        AttributionTagger.Default.ShouldNotBeNull();
        AttributionTagger.Default.FeatureCount.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void Save_ThenLoad_ExtractsTheSameAndSavesTheSameBytes()
    {
        var bytes = DefaultBytes.Value;
        var loaded = AttributionTagger.Load(new MemoryStream(bytes));

        loaded.FeatureCount.ShouldBe(Tagger.FeatureCount);
        Saved(loaded).ShouldBe(bytes);
        foreach (var text in Sentences)
            Extract(loaded, text).Select(a => Describe(text, a)).ShouldBe(Extract(Tagger, text).Select(a => Describe(text, a)), text);
    }

    [Fact]
    public void Load_Garbage_ThrowsInvalidData()
    {
        var garbage = new byte[500];
        new Random(7).NextBytes(garbage);

        Should.Throw<InvalidDataException>(() => AttributionTagger.Load(new MemoryStream(garbage)));
    }

    [Fact]
    public void Load_Empty_ThrowsInvalidData()
    {
        Should.Throw<InvalidDataException>(() => AttributionTagger.Load(new MemoryStream()));
    }

    [Fact]
    public void Load_Truncated_ThrowsInvalidData()
    {
        var bytes = DefaultBytes.Value;

        foreach (var keep in new[] { 1, 10, 1000, bytes.Length / 2, bytes.Length * 9 / 10, bytes.Length - 1 })
            Should.Throw<InvalidDataException>(() => AttributionTagger.Load(new MemoryStream(bytes[..keep])), $"{keep} of {bytes.Length} bytes");
    }

    [Fact]
    public void Load_OtherBrotliContent_ThrowsInvalidData()
    {
        using var stream = new MemoryStream();
        using (var brotli = new BrotliStream(stream, CompressionLevel.Fastest, leaveOpen: true))
            brotli.Write(Encoding.UTF8.GetBytes("this is not an attribution model at all"));
        stream.Position = 0;

        Should.Throw<InvalidDataException>(() => AttributionTagger.Load(stream));
    }

    [Fact]
    public void Load_WrongTagCount_ThrowsInvalidData()
    {
        using var stream = new MemoryStream();
        using (var brotli = new BrotliStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new BinaryWriter(brotli))
        {
            w.Write("SLATT"u8.ToArray());
            w.Write(2);
            w.Write(9);
        }
        stream.Position = 0;

        Should.Throw<InvalidDataException>(() => AttributionTagger.Load(stream)).Message.ShouldContain("9");
    }

    [Fact]
    public void Extract_StanceVerb_FindsSourceCueAndContent()
    {
        const string text = "Senator John Carter has long been critical of the plan, which he called wasteful.";

        // The relative clause is a statement of its own ("which" is what he called wasteful), as PolNeAR reads it.
        var found = Extract(Tagger, text);
        found.Count.ShouldBeLessThanOrEqualTo(2);
        found.Skip(1).ShouldAllBe(x => x.Source != null && x.Source.Value.Slice(text) == "he");
        var a = found[0];

        a.Source!.Value.Slice(text).ShouldBe("Senator John Carter");
        a.Cue!.Value.Slice(text).ShouldContain("critical");
        a.Content.Span.Slice(text).ShouldContain("the plan");
        a.Kind.ShouldBe(AttributionKind.Indirect);
    }

    [Fact]
    public void Extract_ActionCue_FindsWhatTheRulesDoNot()
    {
        const string text = "The governor laid out a plan to rebuild the harbour by next spring.";

        var a = Extract(Tagger, text).ShouldHaveSingleItem();

        a.Source!.Value.Slice(text).ShouldBe("The governor");
        a.Cue!.Value.Slice(text).ShouldStartWith("laid out");
        a.Content.Span.Slice(text).ShouldContain("rebuild the harbour");
    }

    [Fact]
    public void Extract_QuoteBeforeCue_IsDirect()
    {
        const string text = "“We will not back down,” the union leader told reporters.";

        var a = Extract(Tagger, text).ShouldHaveSingleItem();

        a.Source!.Value.Slice(text).ShouldBe("the union leader");
        a.Cue!.Value.Slice(text).ShouldBe("told");
        a.Content.Span.Slice(text).ShouldContain("We will not back down");
        a.Kind.ShouldBe(AttributionKind.Direct);
    }

    [Fact]
    public void Extract_NoReportedSpeech_FindsNothing()
    {
        Extract(Tagger, "The weather was cold and the streets were empty. The train left at noon.").ShouldBeEmpty();
    }

    [Fact]
    public void Extract_EmptyText_FindsNothing()
    {
        Extract(Tagger, "").ShouldBeEmpty();
    }

    [Fact]
    public void Extract_CancelledToken_ThrowsOperationCanceled()
    {
        const string text = "The mayor said the library would stay open.";
        var analysis = Analyzer.Analyze(text);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Should.Throw<OperationCanceledException>(() => Tagger.Extract(text, analysis, [], cts.Token));
    }

    // Pieces for random texts: words, cues, names, stray and curly quotes, dashes, colons, non-Latin script, emoji, line breaks.
    private static readonly string[] Pieces =
    [
        "the", "plan", "said", "told", "according to", "has been critical of", "warned", "Senator", "Carter", "Ms. Lee", "he", "they",
        "“", "”", "\"", "'", "‘", "’", "«", "»", ",", ".", ":", ";", "?", "!", "—", "-", "(", ")", "\n", "\n\n", "Q:", "A:",
        "北京", "Привет", "مرحبا", "🙂", "e\u0301", "\u200b", "\t", "3.5", "2024", "U.S.", "...", "ﬁne", "\uD83D",
    ];

    internal static string RandomText(Random random, int pieces)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < pieces; i++)
        {
            sb.Append(Pieces[random.Next(Pieces.Length)]);
            if (random.Next(4) > 0) sb.Append(' ');
        }
        return sb.ToString();
    }

    internal static void CheckWellFormed(string text, IReadOnlyList<AttributionRecord> found)
    {
        bool Inside(Storyline.Documents.TextSpan s) => s.Start >= 0 && s.Length > 0 && s.End <= text.Length;
        for (int i = 0; i < found.Count; i++)
        {
            var a = found[i];
            Inside(a.Content.Span).ShouldBeTrue();
            a.Content.Parts.ShouldNotBeEmpty();
            foreach (var part in a.Content.Parts)
                (Inside(part) && part.Start >= a.Content.Span.Start && part.End <= a.Content.Span.End).ShouldBeTrue();
            a.Content.Span.Slice(text).Trim().ShouldNotBeEmpty();
            if (a.Cue is { } cue) Inside(cue).ShouldBeTrue();
            if (a.Source is { } source) Inside(source).ShouldBeTrue();
            if (i > 0) a.Content.Span.Start.ShouldBeGreaterThanOrEqualTo(found[i - 1].Content.Span.Start);
            if (a.Parent is { } p) p.ShouldBeInRange(0, found.Count - 1);
        }
    }

    [Fact]
    public void Extract_RandomTexts_NeverThrowsAndSpansLieInText()
    {
        for (int seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var text = RandomText(random, random.Next(seed % 10 == 0 ? 400 : 40));
            try
            {
                CheckWellFormed(text, Extract(Tagger, text));
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}: {e.Message}\n{text}");
            }
        }
    }

    [Fact]
    public void Extract_VeryLongSentence_NeverThrows()
    {
        var text = "Officials said " + string.Join(", ", Enumerable.Repeat("the plan was critical of the committee that said “no”", 400)) + ".";

        CheckWellFormed(text, Extract(Tagger, text));
    }
}
