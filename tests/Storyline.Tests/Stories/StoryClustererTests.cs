using Storyline.Stories;

namespace Storyline.Tests.Stories;

public class StoryClustererTests
{
    private static StoryClusterer New() => new(new StoryClustererOptions(), new TermVectorizer(new TermVectorizerOptions()));

    private static long _next;

    private static long Add(StoryClusterer c, string? title, string text) => c.Add(0, title, text, () => Interlocked.Increment(ref _next)).Story;

    [Fact]
    public void Add_ArticlesOnTwoStories_GroupsThemApart()
    {
        var clusterer = New();
        var a1 = Add(clusterer, "US sanctions Xinjiang officials", "Washington imposed sanctions on Chen Quanguo and the Xinjiang police over the detention of Uygurs. Beijing vowed reciprocal action against the sanctions.");
        var b1 = Add(clusterer, "Meteorite hits Managua", "A small meteorite crashed near the airport in Managua, Nicaragua, leaving a crater, the government of Nicaragua said.");
        var a2 = Add(clusterer, "China retaliates over Xinjiang sanctions", "Beijing announced reciprocal sanctions after Washington targeted Chen Quanguo and Xinjiang officials over Uygur detention.");
        var b2 = Add(clusterer, "Nicaragua crater was a meteorite", "Scientists in Nicaragua confirmed that the crater near the Managua airport was made by a meteorite.");
        a2.ShouldBe(a1);
        b2.ShouldBe(b1);
        b1.ShouldNotBe(a1);
        clusterer.Count.ShouldBe(2);
    }

    [Fact]
    public void Add_SameWordsTwoYearsApart_StartsNewClusterWhenTimeBounded()
    {
        var clusterer = new StoryClusterer(new StoryClustererOptions(MaxGap: TimeSpan.FromDays(21)), new TermVectorizer(new TermVectorizerOptions()));
        const string Text = "Washington imposed sanctions on Chen Quanguo and the Xinjiang police over the detention of Uygurs. Beijing vowed reciprocal action.";
        var day = new DateTimeOffset(2020, 7, 10, 0, 0, 0, TimeSpan.Zero);
        var first = clusterer.Add(1, null, Text, new PublicationInterval(day, day.AddDays(1)), () => 1).Story;
        clusterer.Add(2, null, Text, new PublicationInterval(day.AddDays(5), day.AddDays(6)), () => 2).Story.ShouldBe(first);
        clusterer.Add(3, null, Text, new PublicationInterval(day.AddYears(2), day.AddYears(2).AddDays(1)), () => 3).IsNew.ShouldBeTrue();
    }

    [Fact]
    public void Add_EmptyText_StartsItsOwnStory()
    {
        var clusterer = New();
        var first = Add(clusterer, null, "Washington imposed sanctions on Xinjiang officials.");
        Add(clusterer, null, "").ShouldNotBe(first);
        clusterer.Count.ShouldBe(2);
    }
}

public class BCubedTests
{
    [Fact]
    public void Score_PerfectClustering_IsOne() =>
        BCubed.Score(new Dictionary<int, int> { [1] = 0, [2] = 0, [3] = 1 }, new Dictionary<int, int> { [1] = 5, [2] = 5, [3] = 7 }).F1.ShouldBe(1.0);

    [Fact]
    public void Score_AllInOne_HandComputed()
    {
        // Gold {1,2},{3}; predicted {1,2,3}: precision per item 2/3, 2/3, 1/3 → 5/9; recall 1.
        var (p, r, _) = BCubed.Score(new Dictionary<int, int> { [1] = 0, [2] = 0, [3] = 1 }, new Dictionary<int, int> { [1] = 0, [2] = 0, [3] = 0 });
        p.ShouldBe(5.0 / 9, 1e-9);
        r.ShouldBe(1.0);
    }
}
