using Storyline.Attribution;
using Storyline.Learning;
using Storyline.Text;

namespace Storyline.Tests.Attribution;

public class AttributionTagFeaturesTests
{
    private static readonly TextAnalyzer Analyzer = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AppendWithFirstPass_EverySentence_SameFeaturesAsExtractWithFirstPass(bool withClusters)
    {
        const string text = "\"We will not back down,\" the minister said on Tuesday. According to officials, talks failed.\n\n"
            + "Smith, who leads the union, told reporters that \"nothing has changed\" and denied the claims. The report said: prices rose.";
        var analysis = Analyzer.Analyze(text);
        var doc = new AttributionTokens(text, analysis, []);
        var random = new Random(2);
        // Clusters for some of the words (the rest have none), as a tagger trained with --clusters carries them.
        Dictionary<ulong, ushort>? clusters = withClusters
            ? doc.Lower.Distinct().Where((_, i) => i % 3 != 0).Select((w, i) => (FeatureHash.OfNormalised(w), (ushort)(i % 5))).ToDictionary()
            : null;
        for (int s = 0; s < analysis.Sentences.Count; s++)
        {
            var sentence = analysis.Sentences[s];
            int n = Math.Min(analysis.Tokens.Count, sentence.FirstToken + sentence.TokenCount) - sentence.FirstToken;
            var pass = Enumerable.Range(0, n).Select(_ => random.Next(7)).ToArray();

            var expected = new List<ulong>();
            var expectedOffsets = new int[n + 1];
            AttributionTagFeatures.Extract(doc, s, expected, expectedOffsets, pass, clusters);

            var plain = new List<ulong>();
            var plainOffsets = new int[n + 1];
            var keys = AttributionTagFeatures.Extract(doc, s, plain, plainOffsets, [], clusters);
            var actual = new List<ulong>();
            var actualOffsets = new int[n + 1];
            AttributionTagFeatures.AppendWithFirstPass(doc, s, keys, plain.ToArray(), plainOffsets, pass, actual, actualOffsets);

            actual.ShouldBe(expected);
            actualOffsets.ShouldBe(expectedOffsets);
        }
        analysis.Sentences.Count.ShouldBeGreaterThan(3);
    }
}
