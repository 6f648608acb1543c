using Storyline.Claims;

namespace Storyline.Tests.Claims;

public class ClaimGrouperTests
{
    private static ClaimCandidate Candidate(long id, string text, string camp = "", params string[] terms) =>
        new(id, text, WordHashEmbedder.Vector(text), camp, new DateTimeOffset(2020, 7, (int)id % 28 + 1, 0, 0, 0, TimeSpan.Zero), terms);

    private static readonly ClaimCandidate[] Statements =
    [
        Candidate(1, "Uygur workers in Xinjiang factories face forced labour", "US", "Xinjiang"),
        Candidate(2, "Forced labour of Uygur workers in Xinjiang factories is widespread", "UN", "Xinjiang"),
        Candidate(3, "Xinjiang factory workers were not forced labour, they work voluntarily", "China", "Xinjiang"),
        Candidate(4, "Sanctions will hurt the economy of the region and its farmers", "China"),
        Candidate(5, "The sanctions hurt farmers and the regional economy", "US"),
        Candidate(6, "The weather in Beijing was sunny on Tuesday", ""),
    ];

    [Fact]
    public void Cluster_TwoTopics_GroupsEachTopicApart()
    {
        var groups = ClaimGrouper.Cluster(Statements, new ClaimGroupingOptions { Threshold = 0.4f });
        groups.ShouldContain(g => g.Order().SequenceEqual(new[] { 0, 1, 2 }));
        groups.ShouldContain(g => g.Order().SequenceEqual(new[] { 3, 4 }));
        groups.ShouldContain(g => g.SequenceEqual(new[] { 5 }));
    }

    [Fact]
    public void Cluster_EveryCandidate_InExactlyOneGroup()
    {
        var random = new Random(5);
        var words = "camps labour forced sanctions economy detention denied workers region china officials report".Split(' ');
        var candidates = Enumerable.Range(0, 60).Select(i => Candidate(i, string.Join(' ', Enumerable.Range(0, random.Next(1, 9)).Select(_ => words[random.Next(words.Length)])))).ToList();
        var groups = ClaimGrouper.Cluster(candidates, new ClaimGroupingOptions { Threshold = 0.3f });
        groups.SelectMany(g => g).Order().ShouldBe(Enumerable.Range(0, 60));
    }

    [Fact]
    public void Cluster_HigherThreshold_NeverFewerGroups()
    {
        var loose = ClaimGrouper.Cluster(Statements, new ClaimGroupingOptions { Threshold = 0.2f }).Count;
        var strict = ClaimGrouper.Cluster(Statements, new ClaimGroupingOptions { Threshold = 0.9f }).Count;
        strict.ShouldBeGreaterThan(loose);
        strict.ShouldBe(Statements.Length);
    }

    [Fact]
    public void Similarity_NoVectors_FallsBackToSharedWords()
    {
        var a = new ClaimCandidate(1, "forced labour in Xinjiang", null, "", null, ["Xinjiang"]);
        var b = new ClaimCandidate(2, "Xinjiang forced labour claims", null, "", null, ["Xinjiang"]);
        var c = new ClaimCandidate(3, "sunny weather today", null, "", null, []);
        ClaimGrouper.Similarity(a, b).ShouldBeGreaterThan(0.5f);
        ClaimGrouper.Similarity(a, c).ShouldBe(0);
    }

    [Fact]
    public void CampStances_OppositeCamps_MajorityPerCamp()
    {
        var members = new[]
        {
            new ClaimMember(Statements[0], Stance.Asserts, 1),
            new ClaimMember(Statements[1], Stance.Asserts, 1),
            new ClaimMember(Statements[2], Stance.Denies, 1),
            new ClaimMember(Statements[5], Stance.Denies, 1),
        };
        var camps = ClaimGrouper.CampStances(members);
        camps.OrderBy(kv => kv.Key, StringComparer.Ordinal).ShouldBe([new("China", Stance.Denies), new("UN", Stance.Asserts), new("US", Stance.Asserts)]);
    }

    [Fact]
    public void Group_AssertedAndDeniedClaim_ContestedWithCampStances()
    {
        ClaimCandidate Statement(long id, string text, string camp) => new(id, text, null, camp, new DateTimeOffset(2020, 7, (int)id, 0, 0, 0, TimeSpan.Zero), ["Xinjiang"]);
        var claims = ClaimGrouper.Group(
        [
            Statement(3, "Uygur workers in Xinjiang are subjected to forced labour in cotton fields", "US"),
            Statement(2, "The UN report said Uygurs in Xinjiang face forced labour in factories", "UN"),
            Statement(4, "There is no forced labour in Xinjiang, workers from all ethnic groups work voluntarily", "China"),
            Statement(5, "The football team won the cup final on Sunday", "Sport"),
        ], StanceClassifier.Default);
        var claim = claims.ShouldHaveSingleItem();
        claim.Members.Select(m => m.Statement.Id).ShouldBe([2L, 3L, 4L]);
        claim.FirstSeen.ShouldBe(new DateTimeOffset(2020, 7, 2, 0, 0, 0, TimeSpan.Zero));
        claim.Contested.ShouldBeTrue();
        claim.Camps["China"].ShouldBe(Stance.Denies);
        claim.Camps["US"].ShouldBe(Stance.Asserts);
    }

    [Fact]
    public void Group_NoStatements_Empty()
    {
        ClaimGrouper.Group([], StanceClassifier.Default).ShouldBeEmpty();
        ClaimGrouper.Group([new ClaimCandidate(1, "  ", null, "US", null, [])], StanceClassifier.Default).ShouldBeEmpty();
    }

    private static readonly ClaimCandidate[] Dispute =
    [
        Candidate(1, "The report linked employment policies in the region to forced labour and found evidence of torture", "UN"),
        Candidate(2, "Officials imposed sanctions alleging forced labour in cotton fields of the region", "US"),
        Candidate(3, "accusations of forced labour", "China") with { Denies = true },
        Candidate(4, "workers from all ethnic groups were working voluntarily and happily", "China"),
        Candidate(5, "The football team won the cup final on Sunday evening", "Sport"),
        Candidate(6, "Heavy rain is expected across the north of the country", "Weather"),
    ];

    [Fact]
    public void Group_DenialNamingWhatOtherCampsAllege_JoinsTheirStatementsAsOneContestedClaimWithTopic()
    {
        // Threshold 0.95: no two statements group by similarity, so the denial's phrase is what brings them together.
        var claims = ClaimGrouper.Group(Dispute, StanceClassifier.Default, new ClaimGroupingOptions { Threshold = 0.95f, MaxPhraseShare = 0.5f });
        var claim = claims.ShouldHaveSingleItem();
        claim.Topic.ShouldBe("forced labour");
        claim.Members.Select(m => m.Statement.Id).ShouldContain(3L);
        claim.Members.Single(m => m.Statement.Id == 3).Stance.ShouldBe(Stance.Denies);
        claim.LabelId.ShouldNotBe(3L); // the claim is stated by what is asserted, not by its denial
        claim.Members.ShouldNotContain(m => m.Statement.Id == 4 || m.Statement.Id == 5);
        claim.Camps["China"].ShouldBe(Stance.Denies);
        claim.Contested.ShouldBe(claim.Camps.Values.Contains(Stance.Asserts));
    }

    [Fact]
    public void Group_SamePhraseWithoutDenial_NothingJoins()
    {
        var claims = ClaimGrouper.Group([.. Dispute.Select(c => c with { Denies = false })], StanceClassifier.Default,
            new ClaimGroupingOptions { Threshold = 0.95f, MaxPhraseShare = 0.5f });
        claims.ShouldBeEmpty();
    }

    [Fact]
    public void Group_PhraseMostStatementsShare_NotATopic()
    {
        // Three of six statements name "forced labour": above a share of 0.1 it is the story's subject, not one claim.
        var claims = ClaimGrouper.Group(Dispute, StanceClassifier.Default, new ClaimGroupingOptions { Threshold = 0.95f, MaxPhraseShare = 0.1f });
        claims.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(2, 1, 0, Stance.Reports)]   // a denial weighs as two assertions: a tie
    [InlineData(3, 1, 0, Stance.Asserts)]
    [InlineData(1, 1, 0, Stance.Denies)]
    [InlineData(0, 0, 2, Stance.Questions)]
    [InlineData(0, 1, 2, Stance.Denies)]
    [InlineData(0, 0, 0, Stance.Reports)]
    public void CampPosition_Counts_SideWithMoreWeight(int asserts, int denies, int questions, Stance expected) =>
        ClaimGrouper.CampPosition(asserts, denies, questions).ShouldBe(expected);
}
