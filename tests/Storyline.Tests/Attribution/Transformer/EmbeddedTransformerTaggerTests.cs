using Storyline.Attribution;
using Storyline.Attribution.Transformer;
using Storyline.Pipeline.Analysis;
using Storyline.Text;

namespace Storyline.Tests.Attribution.Transformer;

/// <summary>The trained tagger file the engine ships (Attribution/Model/transformer-tagger.bin) loads and finds plain attributions, and
/// the environment chooses the tagger every host runs.</summary>
public sealed class EmbeddedTransformerTaggerTests
{
    [Fact]
    public void Extract_EmbeddedTagger_FindsSourceCueAndContent()
    {
        TransformerAttributionTagger.HasEmbeddedModel.ShouldBeTrue();
        const string text = "The mayor said on Tuesday that the bridge would reopen in May. Residents were relieved.";
        var tagger = TransformerAttributionTagger.Shared(TransformerTaggerOptions.Default);
        var found = tagger.Extract(text, new TextAnalyzer().Analyze(text), [], CancellationToken.None);
        var said = found.ShouldHaveSingleItem();
        said.Source!.Value.Slice(text).ShouldBe("The mayor");
        said.Cue!.Value.Slice(text).ShouldContain("said");
        said.Content.Span.Slice(text).ShouldContain("the bridge would reopen in May");
    }

    [Theory]
    [InlineData(null, AttributionTaggerKind.Linear)]
    [InlineData("", AttributionTaggerKind.Linear)]
    [InlineData("linear", AttributionTaggerKind.Linear)]
    [InlineData(" Transformer ", AttributionTaggerKind.Transformer)]
    public void FromEnvironment_TaggerVariable_ChoosesTagger(string? value, AttributionTaggerKind expected)
    {
        var options = AnalysisOptions.FromEnvironment(name => name == AnalysisOptions.TaggerVariable ? value : null);
        (options.Statements?.Tagger ?? AttributionTaggerKind.Linear).ShouldBe(expected);
        new StatementStage(options.Statements).Version.ShouldBe(AttributionVersion.For(expected));
    }

    [Fact]
    public void FromEnvironment_TaggerFile_GivesItsPath()
    {
        var options = AnalysisOptions.FromEnvironment(name => name switch
        {
            AnalysisOptions.TaggerVariable => "transformer",
            AnalysisOptions.TaggerFileVariable => "/models/tagger.bin",
            _ => null,
        });
        options.Statements!.Transformer!.ModelPath.ShouldBe("/models/tagger.bin");
    }

    [Fact]
    public void FromEnvironment_UnknownTagger_ErrorNamesTheVariable()
    {
        var error = Should.Throw<ArgumentException>(() => AnalysisOptions.FromEnvironment(name => name == AnalysisOptions.TaggerVariable ? "bert" : null));
        error.Message.ShouldContain(AnalysisOptions.TaggerVariable);
        error.Message.ShouldContain("'bert'");
    }
}
