using Storyline.Attribution;
using Storyline.Attribution.Transformer;

namespace Storyline.Tests.Attribution;

public class StatementStageTests
{
    [Fact]
    public void Version_TransformerTagger_DiffersFromLinear()
    {
        new StatementStage().Version.ShouldBe(AttributionVersion.Current);
        new StatementStage(new StatementStageOptions(Tagger: AttributionTaggerKind.Linear)).Version.ShouldBe(AttributionVersion.Current);
        var transformer = new StatementStage(new StatementStageOptions(Tagger: AttributionTaggerKind.Transformer)).Version;
        transformer.ShouldNotBe(AttributionVersion.Current);
        // Positive, and its low part is the shared version: a bump of either part changes it.
        transformer.ShouldBeGreaterThan(0);
        (transformer % AttributionVersion.TransformerTagger).ShouldBe(AttributionVersion.Current);
    }

    [Fact]
    public void Version_TransformerOutputBumped_TransformerVersionChangesLinearStays()
    {
        // Version 1 of the transformer's output was stored as Current + 2^24; any later one must differ from it.
        AttributionVersion.For(AttributionTaggerKind.Transformer).ShouldNotBe(AttributionVersion.Current + AttributionVersion.TransformerTagger);
        AttributionVersion.For(AttributionTaggerKind.Linear).ShouldBe(AttributionVersion.Current);
    }
}
