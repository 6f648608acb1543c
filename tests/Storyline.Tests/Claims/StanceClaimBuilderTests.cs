using Storyline.Claims;

namespace Storyline.Tests.Claims;

public class StanceClaimBuilderTests
{
    private static ClaimSource Source(long document, int start, string camp, string text, string? cue = "said") =>
        new(document, camp + " speaker", null, camp, text, start, start + text.Length, new DateTimeOffset(2020, 7, (int)document, 0, 0, 0, TimeSpan.Zero),
            WordHashEmbedder.Vector(text), Cue: cue);

    private static readonly ClaimSource[] Story =
    [
        Source(1, 0, "US", "Uygur workers in Xinjiang factories face forced labour in cotton fields"),
        Source(2, 0, "UN", "Uygur workers in Xinjiang factories face forced labour and abuse"),
        Source(3, 0, "China", "Uygur workers in Xinjiang factories face no forced labour at all", "denied"),
        Source(4, 0, "Sport", "The football team won the cup final on Sunday evening"),
    ];

    private static readonly StanceClaimBuilder Builder = new(options: new StanceClaimBuilderOptions(new ClaimGroupingOptions { Threshold = 0.4f }));

    [Fact]
    public void Extend_StatementLikeAClaim_JoinsItWithItsStanceOthersWait()
    {
        var ledger = Builder.Build(Story, default);
        var claim = ledger.ShouldHaveSingleItem();
        var joining = Source(5, 10, "EU", "Uygur workers in Xinjiang factories face forced labour, the report found", "found");
        var unrelated = Source(5, 200, "EU", "The weather in Brussels was sunny and warm on Tuesday");
        var extended = Builder.Extend(ledger, [.. Story, joining, unrelated], [joining, unrelated], default).ShouldNotBeNull();
        var grown = extended.ShouldHaveSingleItem();
        grown.Statements.Count.ShouldBe(claim.Statements.Count + 1);
        grown.Statements.ShouldContain(s => s.DocumentId == 5 && s.ContentStart == 10 && s.Camp == "EU");
        grown.Statements.ShouldNotContain(s => s.ContentStart == 200);
        grown.Label.ShouldBe(claim.Label);
        // The report "found" it: the cue asserts what the model reads as reported.
        grown.Statements.Single(s => s.DocumentId == 5).Stance.ShouldBe(StanceLabels.Asserts);
    }

    [Theory]
    [InlineData("The so-called “Uygur workers in Xinjiang factories face forced labour” is an outright nonsense.")]
    [InlineData("Claims that Uygur workers in Xinjiang factories face forced labour are nothing but lies, and the world knows it")]
    public void Build_ContentCallsTheClaimFalse_DeniesWhateverTheCue(string text)
    {
        // A transcript's speaker label gives no cue to read: the content's own predicate denies.
        var ledger = Builder.Build([.. Story, Source(5, 0, "China", text, cue: ":")], default);
        ledger.SelectMany(c => c.Statements).Single(s => s.DocumentId == 5).Stance.ShouldBe(StanceLabels.Denies);
    }

    [Theory]
    [InlineData("Uygur workers in Xinjiang factories face forced labour, and the figures are false positives of nothing")]
    [InlineData("Uygur workers in Xinjiang factories face forced labour; the first survey was a false start")]
    public void Build_FalsityWordNotThePredicate_NotMadeADenial(string text)
    {
        var ledger = Builder.Build([.. Story, Source(5, 0, "EU", text, cue: "found")], default);
        ledger.SelectMany(c => c.Statements).Single(s => s.DocumentId == 5).Stance.ShouldNotBe(StanceLabels.Denies);
    }

    [Fact]
    public void Extend_NothingAdded_SameLedger()
    {
        var ledger = Builder.Build(Story, default);
        System.Text.Json.JsonSerializer.Serialize(Builder.Extend(ledger, Story, [], default)).ShouldBe(System.Text.Json.JsonSerializer.Serialize(ledger));
    }

    [Fact]
    public void Extend_AStatementOfTheLedgerGone_NullForAFullBuild()
    {
        var ledger = Builder.Build(Story, default);
        Builder.Extend(ledger, [.. Story.Skip(1)], [], default).ShouldBeNull();
    }

    [Fact]
    public void LedgerStamp_RoundTrip_KeepsStatementsFullBuildAndDocuments()
    {
        var stamp = new LedgerStamp("5/5/20010/138/1", 1000, new HashSet<long> { 9, 3, 1200, 4 });
        var read = LedgerStamp.Parse(stamp.ToString());
        read.Statements.ShouldBe("5/5/20010/138/1");
        read.FullBuildDocuments.ShouldBe(1000);
        read.Documents.Order().ShouldBe([3L, 4, 9, 1200]);
    }

    [Theory]
    [InlineData("5/5/20010/138/1")]          // written before documents were kept
    [InlineData("5/5/1\nx;1,2")]
    [InlineData("5/5/1\n7;1,-2")]
    public void LedgerStamp_OldOrDamaged_SeenNothingSoTheNextRefreshBuildsWhole(string stored) =>
        LedgerStamp.Parse(stored).FullBuildDocuments.ShouldBe(0);
}
