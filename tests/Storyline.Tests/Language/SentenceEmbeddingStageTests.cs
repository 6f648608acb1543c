using Storyline.Attribution;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Language.Embeddings;
using Storyline.Pipeline.Analysis;
using Storyline.Tests.Claims;
using Storyline.Tests.TestSupport;
using Storyline.Text;
using Storyline.Time;

namespace Storyline.Tests.Language;

public class SentenceEmbeddingStageTests
{
    private const string Article = "Council debates the budget\n\n"
        + "The city council met on Monday evening in the old town hall.\n\n"
        + "Mayor Ann Lee said the new property tax would pay for three schools.\n\n"
        + "Residents gathered outside the hall in the rain for most of the evening.\n\n"
        + "“The tax is fair. It pays for the schools our children need,” Lee told reporters after the vote.\n\n"
        + "The vote was postponed until the first week of December.";

    private static AnalysisContext Analyse(SentenceEmbeddingOptions options)
    {
        var document = new StoredDocument(3, "a.txt", null, Cleaner.Clean(Article), null, DateTimeOffset.UnixEpoch);
        var context = new AnalysisContext(document);
        var pipeline = new AnalysisPipelineBuilder()
            .Use(new TextAnalysisStage()).Use(new TimeExpressionStage()).Use(new EntityStage()).Use(new StatementStage())
            .Use(new SentenceEmbeddingStage(options, new WordHashEmbedder())).Build();
        AnalysisPipeline.Run(pipeline.Stages, context, CancellationToken.None);
        return context;
    }

    private static List<string> Embedded(AnalysisContext context) =>
        [.. context.RequireText().Sentences.Where((_, i) => context.SentenceVectors![i] is not null).Select(s => s.Span.Slice(context.Text).ToString())];

    [Fact]
    public void Analyze_StatementsScope_EmbedsOnlyTheSentencesOfClaimContents()
    {
        var context = Analyse(SentenceEmbeddingOptions.Default);
        context.SentenceVectors!.Count.ShouldBe(context.RequireText().Sentences.Count);
        var embedded = Embedded(context);
        embedded.ShouldContain(s => s.StartsWith("Mayor Ann Lee said", StringComparison.Ordinal));
        // A quotation of two sentences: both hold the content.
        embedded.ShouldContain(s => s.Contains("The tax is fair", StringComparison.Ordinal));
        embedded.ShouldContain(s => s.Contains("It pays for the schools", StringComparison.Ordinal));
        // Narration is not embedded.
        embedded.ShouldNotContain(s => s.Contains("gathered outside", StringComparison.Ordinal));
        embedded.ShouldNotContain(s => s.Contains("postponed", StringComparison.Ordinal));
        embedded.ShouldNotContain(s => s.Contains("met on Monday", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_StatementsScope_EveryClaimContentHasAVector()
    {
        var context = Analyse(SentenceEmbeddingOptions.Default);
        var analysis = context.RequireText();
        var claims = context.Statements!.Where(s => !s.Attribution.IsQuestion && s.Attribution.Parent is null).ToList();
        claims.ShouldNotBeEmpty();
        foreach (var s in claims)
        {
            var span = s.Attribution.Content.Span;
            Enumerable.Range(0, analysis.Sentences.Count)
                .Where(i => analysis.Sentences[i].Span.End > span.Start && analysis.Sentences[i].Span.Start < span.End)
                .ShouldContain(i => context.SentenceVectors![i] != null, s.Text);
        }
    }

    [Fact]
    public void Analyze_AllScope_EmbedsEverySentenceOfFourWords()
    {
        var context = Analyse(SentenceEmbeddingOptions.Default with { Scope = EmbeddingScope.All });
        var embedded = Embedded(context);
        embedded.ShouldContain(s => s.Contains("gathered outside", StringComparison.Ordinal));
        embedded.ShouldContain(s => s.Contains("postponed", StringComparison.Ordinal));
        embedded.Count.ShouldBeGreaterThan(Embedded(Analyse(SentenceEmbeddingOptions.Default)).Count);
    }

    [Fact]
    public void Analyze_StatementsScopeCapped_EmbedsTheFirstStatementsSentencesOnly()
    {
        var context = Analyse(SentenceEmbeddingOptions.Default with { MaxSentencesPerDocument = 1 });
        Embedded(context).ShouldHaveSingleItem().ShouldStartWith("Mayor Ann Lee said");
    }

    [Fact]
    public void Version_ScopeAndWeights_EachStoredApart() =>
        new[]
        {
            new SentenceEmbeddingStage(new SentenceEmbeddingOptions(Scope: EmbeddingScope.All, Quantized: false), new WordHashEmbedder()).Version,
            new SentenceEmbeddingStage(new SentenceEmbeddingOptions(Scope: EmbeddingScope.All), new WordHashEmbedder()).Version,
            new SentenceEmbeddingStage(new SentenceEmbeddingOptions(), new WordHashEmbedder()).Version,
            new SentenceEmbeddingStage(new SentenceEmbeddingOptions(Quantized: false), new WordHashEmbedder()).Version,
        }.ShouldBe([1, 2, 3, 4]);
}
