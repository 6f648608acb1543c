using System.IO.Compression;
using Storyline.Claims;

namespace Storyline.Tests.Claims;

public class StanceClassifierTests
{
    private static readonly WordHashEmbedder FastEmbedder = new();

    private static byte[] EmbeddedBytes()
    {
        using var stream = typeof(StanceClassifier).Assembly.GetManifestResourceStream("Storyline.Claims.Model.stance.bin")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void Default_EmbeddedModel_LoadsWithMiniLmDimensions()
    {
        StanceClassifier.HasEmbeddedModel.ShouldBeTrue();
        var model = StanceClassifier.Default;
        model.Dimensions.ShouldBe(384);
        model.EmbedderId.ShouldBe("all-MiniLM-L6-v2");
    }

    [Fact]
    public void Load_Garbage_ThrowsInvalidData()
    {
        var e = Should.Throw<InvalidDataException>(() => StanceClassifier.Load(new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8, 9])));
        e.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void Load_Empty_ThrowsInvalidData() => Should.Throw<InvalidDataException>(() => StanceClassifier.Load(new MemoryStream()));

    [Fact]
    public void Load_Truncated_ThrowsInvalidData()
    {
        var bytes = EmbeddedBytes();
        Should.Throw<InvalidDataException>(() => StanceClassifier.Load(new MemoryStream(bytes[..(bytes.Length / 2)])));
    }

    [Fact]
    public void Load_ForeignCompressedFile_ThrowsInvalidData()
    {
        using var stream = new MemoryStream();
        using (var brotli = new BrotliStream(stream, CompressionLevel.Fastest, leaveOpen: true)) brotli.Write("SLNER and other things entirely"u8);
        stream.Position = 0;
        Should.Throw<InvalidDataException>(() => StanceClassifier.Load(stream)).Message.ShouldContain("not a Storyline stance model");
    }

    [Fact]
    public void Classify_OtherTopic_Unrelated()
    {
        var p = StanceClassifier.Default.Classify("Mayor Smith resigned from office", "The football club won its third match of the season on Saturday, with two late goals.");
        p.Stance.ShouldBe(Stance.Unrelated);
        p.Related.ShouldBeLessThan(0.5f);
    }

    [Fact]
    public void Classify_ExplicitDenial_Denies()
    {
        var p = StanceClassifier.Default.Classify("Mayor Smith resigned from office",
            "Mayor Smith has not resigned. A spokesman denied the reports, calling the story of his resignation a hoax that is completely false.");
        p.Stance.ShouldBe(Stance.Denies);
    }

    [Fact]
    public void Classify_QuestionAboutClaim_Questions()
    {
        var p = StanceClassifier.Default.Classify("Mayor Smith resigned from office", "Did Mayor Smith really resign from office?");
        p.Stance.ShouldBe(Stance.Questions);
        StanceClassifier.Default.WithRules(false, false).Classify("Mayor Smith resigned from office", "Did Mayor Smith really resign from office?").Stance.ShouldNotBe(Stance.Questions);
    }

    [Fact]
    public void Classify_EmptyStatement_Unrelated()
    {
        StanceClassifier.Default.Classify("Mayor Smith resigned", "   ", FastEmbedder).Stance.ShouldBe(Stance.Unrelated);
        StanceClassifier.Default.Classify("", "Mayor Smith resigned.", FastEmbedder).Stance.ShouldBe(Stance.Unrelated);
    }

    [Fact]
    public void Classify_WrongVectorLength_Throws()
    {
        var claim = StanceDocument.FromSentences(["Mayor Smith resigned"], [new float[10]]);
        var body = StanceDocument.FromSentences(["He did."], [new float[10]]);
        Should.Throw<ArgumentException>(() => StanceClassifier.Default.Classify(claim, body));
    }

    [Fact]
    public void Classify_RandomText_AlwaysAStanceWithProbabilities()
    {
        var random = new Random(11);
        const string alphabet = "abc XYZ 123 .,!?\"“”'’\n\t-–é中文🙂 not denied hoax reportedly ";
        for (int i = 0; i < 200; i++)
        {
            string Text() => new([.. Enumerable.Range(0, random.Next(0, 400)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var p = StanceClassifier.Default.Classify(Text(), Text(), FastEmbedder);
            Enum.IsDefined(p.Stance).ShouldBeTrue();
            foreach (var x in new[] { p.Related, p.Asserts, p.Denies, p.Reports }) x.ShouldBeInRange(0f, 1f);
        }
    }

    [Fact]
    public void Classify_VeryLongBody_ReadsAtMostMaxSentences()
    {
        var body = StanceDocument.FromText(string.Concat(Enumerable.Repeat("Mayor Smith resigned from office today. ", 5000)), FastEmbedder);
        body.Sentences.Count.ShouldBe(StanceText.MaxSentences);
        var claim = StanceDocument.FromText("Mayor Smith resigned from office", FastEmbedder, asOneSentence: true);
        StanceClassifier.Default.Classify(claim, body).Stance.ShouldNotBe(Stance.Unrelated);
    }

    [Fact]
    public void Classify_ShortStatementNegatingClaimTerm_Denies()
    {
        var p = StanceClassifier.Default.Classify("Workers in Xinjiang are subjected to forced labour",
            "Chen Weijun said workers from all ethnic groups were working voluntarily and there was no forced labour.");
        p.Stance.ShouldBe(Stance.Denies);
    }

    [Fact]
    public void Classify_ShortStatementNegatingAnotherPredicate_DoesNotDeny()
    {
        // The negation is about lifting the sanctions, not about the harm the claim says they did.
        var claim = "US sanctions have negatively impacted the local economy";
        var statement = "It is expected that after the report is released neither the attacks on the policy nor the sanctions will be lifted.";
        StanceClassifier.Default.Classify(claim, statement).Stance.ShouldNotBe(Stance.Denies);
    }

    [Fact]
    public void Classify_ShortStatementRepeatingClaim_DoesNotDeny()
    {
        var p = StanceClassifier.Default.Classify("Workers in Xinjiang are subjected to forced labour",
            "The UN report said workers in Xinjiang were subjected to forced labour in cotton fields.");
        p.Stance.ShouldBeOneOf(Stance.Asserts, Stance.Reports);
    }
}
