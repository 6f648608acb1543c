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
        new StatementStage(new StatementStageOptions(Tagger: AttributionTaggerKind.Transformer)).Version.ShouldBe(AttributionVersion.Current + AttributionVersion.TransformerTagger);
    }
}
