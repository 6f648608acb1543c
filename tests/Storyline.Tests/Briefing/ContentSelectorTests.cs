using Storyline.Briefing.Selection;

namespace Storyline.Tests.Briefing;

public class PorterStemmerTests
{
    // Martin Porter's published examples (the 1980 paper and the reference implementation's vocabulary).
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("troubled", "troubl")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("falling", "fall")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("relational", "relat")]
    [InlineData("generalizations", "gener")]
    [InlineData("sensitivity", "sensit")]
    [InlineData("controlling", "control")]
    [InlineData("sanctions", "sanction")]
    [InlineData("2019", "2019")]
    [InlineData("us", "us")]
    public void Stem_PorterExamples_GivesReferenceStem(string word, string stem) => PorterStemmer.Stem(word).ShouldBe(stem);
}

public class ContentSelectorTests
{
    private static readonly SelectionUnit[] Units =
    [
        new(1, 0, "The United States imposed sanctions on four Xinjiang officials over the detention of Uygurs."),
        new(2, 0, "Washington imposed sanctions on four Xinjiang officials over the detention of Uygurs on Thursday."),
        new(3, 0, "China vowed reciprocal action against the sanctions on Xinjiang officials."),
        new(3, 1, "The weather in the capital was mild and sunny for the whole of the week."),
    ];

    [Fact]
    public void Select_TwoSentencesSayingTheSame_SecondPickIsNotTheRepeat()
    {
        var selector = new ContentSelector(Units);
        var picked = selector.Select([0, 1, 2, 3], 2, new SelectionState());
        picked.Count.ShouldBe(2);
        picked.ShouldContain(2);
        (picked.Contains(0) && picked.Contains(1)).ShouldBeFalse();
    }

    [Fact]
    public void Select_ChosenInAnEarlierSection_NeverPickedOrRepeatedAgain()
    {
        var selector = new ContentSelector(Units);
        var state = new SelectionState();
        var first = selector.Select([0], 1, state).ShouldHaveSingleItem();
        selector.Select([0, 1], 2, state).ShouldBeEmpty();
        state.ChosenUnits.ShouldBe([first]);
    }

    [Fact]
    public void Centrality_SideDetail_LowestInItsGroup()
    {
        var centrality = new ContentSelector(Units).Centrality([0, 1, 2, 3]);
        centrality.MinBy(kv => kv.Value).Key.ShouldBe(3);
    }

    [Fact]
    public void Overlap_IssueExampleBullets_AboveTheBound()
    {
        // The two executive-summary bullets issue 12 quotes as repeating each other.
        const string a = "The visit occurs under significant international scrutiny regarding alleged human rights abuses against ethnic Uyghurs, with the U.S. asserting the existence of internment camps, while Beijing denies abuses and claims its “vocational education centers” closed in 2019.";
        const string b = "President Xi Jinping’s visit to Xinjiang occurs amidst significant international scrutiny and U.S. sanctions over alleged human rights abuses against ethnic Uyghurs, including claims of forced labor and a prolonged security crackdown that Beijing denies, asserting its “vocational education centers” were for counter-terrorism.";
        ContentSelector.Overlap(a, b).ShouldBeGreaterThanOrEqualTo(new SelectionOptions().MaxOverlap);
        ContentSelector.Overlap(a, a).ShouldBe(1);
        ContentSelector.Overlap(a, "The weather was mild.").ShouldBe(0);
    }

    [Fact]
    public void Select_WithVectors_NearIdenticalVectorsCountAsRepeats()
    {
        float[] v = [1, 0];
        float[] w = [0, 1];
        var selector = new ContentSelector([new(1, 0, "Officials met in Geneva on Monday.", v), new(2, 0, "Talks opened in the Swiss city.", v), new(3, 0, "Markets fell sharply in Asia.", w)]);
        var picked = selector.Select([0, 1, 2], 3, new SelectionState());
        picked.Count.ShouldBe(2);
        picked.ShouldContain(2);
    }
}
