using Storyline.Stories;
using Storyline.Training;

namespace Storyline.Tests.Stories;

public class TwoLevelClustererTests
{
    private static TwoLevelClusterer New() => new(StoryAssignerOptions.Default, new TermVectorizer(new TermVectorizerOptions()));

    private static long _next;

    private static async Task<TwoLevelClusterer.Placement> Place(TwoLevelClusterer c, string? title, string text, PublicationInterval published = default) =>
        await c.PlaceAsync(Interlocked.Increment(ref _next), title, text, published, null, default);

    [Fact]
    public async Task PlaceAsync_ArticlesOnTwoStories_GroupsThemApart()
    {
        var clusterer = New();
        var a1 = await Place(clusterer, "US sanctions Xinjiang officials", "Washington imposed sanctions on Chen Quanguo and the Xinjiang police over the detention of Uygurs. Beijing vowed reciprocal action against the sanctions.");
        var b1 = await Place(clusterer, "Meteorite hits Managua", "A small meteorite crashed near the airport in Managua, Nicaragua, leaving a crater, the government of Nicaragua said.");
        var a2 = await Place(clusterer, "China retaliates over Xinjiang sanctions", "Beijing announced reciprocal sanctions after Washington targeted Chen Quanguo and Xinjiang officials over Uygur detention.");
        var b2 = await Place(clusterer, "Nicaragua crater was a meteorite", "Scientists in Nicaragua confirmed that the crater near the Managua airport was made by a meteorite.");
        a2.Development.ShouldBe(a1.Development);
        b2.Development.ShouldBe(b1.Development);
        b1.Story.ShouldNotBe(a1.Story);
        (a1.NewStory, b1.NewStory, a2.NewStory, b2.NewStory).ShouldBe((true, true, false, false));
    }

    [Fact]
    public async Task PlaceAsync_SameWordsTwoYearsApart_NewDevelopmentOfTheSameStory()
    {
        var clusterer = New();
        const string Text = "Washington imposed sanctions on Chen Quanguo and the Xinjiang police over the detention of Uygurs. Beijing vowed reciprocal action.";
        var day = new DateTimeOffset(2020, 7, 10, 0, 0, 0, TimeSpan.Zero);
        var first = await Place(clusterer, null, Text, new PublicationInterval(day, day.AddDays(1)));
        (await Place(clusterer, null, Text, new PublicationInterval(day.AddDays(5), day.AddDays(6)))).Development.ShouldBe(first.Development);
        var later = await Place(clusterer, null, Text, new PublicationInterval(day.AddYears(2), day.AddYears(2).AddDays(1)));
        later.Development.ShouldNotBe(first.Development);
        later.Story.ShouldBe(first.Story);
    }

    [Fact]
    public async Task PlaceAsync_EmptyText_StartsItsOwnStory()
    {
        var clusterer = New();
        var first = await Place(clusterer, null, "Washington imposed sanctions on Xinjiang officials.");
        var empty = await Place(clusterer, null, "");
        empty.Story.ShouldNotBe(first.Story);
        empty.NewStory.ShouldBeTrue();
    }
}

public class ClusterArithmeticTests
{
    private static readonly TermVector Vector = new([1, 4, 9], [0.6f, 0.0f, 0.8f]);

    [Fact]
    public void FromBytes_ToBytes_RoundTripsExactly()
    {
        var back = ClusterArithmetic.FromBytes(ClusterArithmetic.ToBytes(Vector));
        back.Terms.ShouldBe(Vector.Terms);
        back.Weights.ShouldBe(Vector.Weights);
    }

    [Fact]
    public void Join_TwoVectors_NormMatchesRecomputedOne()
    {
        var sums = new Dictionary<int, double>();
        double norm = 0;
        foreach (var v in new[] { Vector, new TermVector([1, 2], [0.8f, 0.6f]) })
        {
            var (newSums, change) = ClusterArithmetic.Join(sums, v);
            for (int i = 0; i < newSums.Length; i++) sums[v.Terms[i]] = newSums[i];
            norm += change;
        }
        norm.ShouldBe(sums.Values.Sum(x => x * x), 1e-9);
        sums[1].ShouldBe(1.4, 1e-6);
    }

    [Fact]
    public void CentroidSimilarity_VectorAloneInCluster_IsOne()
    {
        var (sums, change) = ClusterArithmetic.Join(new Dictionary<int, double>(), Vector);
        ClusterArithmetic.CentroidSimilarity(Vector, Vector.Terms.Select((t, i) => (t, sums[i])).ToDictionary(x => x.t, x => x.Item2), change).ShouldBe(1, 1e-6);
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
