using Storyline.Attribution;
using Storyline.Learning;
using Storyline.Tests.TestSupport;
using Storyline.Text;
using Storyline.Training;

namespace Storyline.Tests.Training;

public class AttributionTaggerTrainerTests
{
    private const int O = 0;
    private static readonly int BSrc = AttributionTagger.Begin(AttributionTagger.Role.Source), ISrc = AttributionTagger.Inside(AttributionTagger.Role.Source);
    private static readonly int BCue = AttributionTagger.Begin(AttributionTagger.Role.Cue), ICue = AttributionTagger.Inside(AttributionTagger.Role.Cue);
    private static readonly int BCon = AttributionTagger.Begin(AttributionTagger.Role.Content), ICon = AttributionTagger.Inside(AttributionTagger.Role.Content);

    private static List<(string Token, int Tag)> GoldTags(string marked)
    {
        var example = AttributionMarkup.Example(marked);
        var doc = new AttributionTokens(example.Text, example.Analysis, example.Entities);
        var tags = AttributionTaggerTrainer.GoldTags(doc, example.Gold);
        return [.. example.Analysis.Tokens.Select((t, i) => (t.Span.Slice(example.Text), tags[i]))];
    }

    [Fact]
    public void GoldTags_SourceCueContent_BeginThenInside()
    {
        GoldTags("[S1 The county governor] [C1 said] [T1 the harbour would reopen].").ShouldBe(
        [
            ("The", BSrc), ("county", ISrc), ("governor", ISrc), ("said", BCue),
            ("the", BCon), ("harbour", ICon), ("would", ICon), ("reopen", ICon), (".", O),
        ]);
    }

    [Fact]
    public void GoldTags_ContentOverTwoSentences_SecondSentenceBegins()
    {
        var tags = GoldTags("[S1 She] [C1 said]: [T1 “The harbour will reopen. It will be busy.”]");

        tags.Single(t => t.Token == "“").Tag.ShouldBe(BCon);      // the opening mark is part of the content
        tags.Single(t => t.Token == "The").Tag.ShouldBe(ICon);
        tags.Single(t => t.Token == "It").Tag.ShouldBe(BCon);     // same content, but a new sentence starts a new span
        tags.Single(t => t.Token == "busy").Tag.ShouldBe(ICon);
        tags.Single(t => t.Token == ":").Tag.ShouldBe(O);
    }

    [Fact]
    public void GoldTags_TwoAttributionsSideBySide_SecondBeginsAgain()
    {
        // Adjacent contents of different attributions must not run together into one span.
        var tags = GoldTags("[S1 Ann] [C1 said] [T1 it rained] [T2 and it snowed], [S2 Bob] [C2 said].");

        tags.Select(t => t.Tag).Take(6).ShouldBe([BSrc, BCue, BCon, ICon, BCon, ICon]);   // Ann said it rained and it
        tags.Single(t => t.Token == "and").Tag.ShouldBe(BCon);
        tags.Single(t => t.Token == "snowed").Tag.ShouldBe(ICon);
        tags.Single(t => t.Token == "Bob").Tag.ShouldBe(BSrc);
    }

    [Fact]
    public void GoldTags_CueInsideContentSpan_CueWins()
    {
        // A token under two gold spans of one attribution takes the cue role, which is marked first.
        var tags = GoldTags("[T1 Prices will rise, ][C1 warned] the bank.");
        tags.Single(t => t.Token == "warned").Tag.ShouldBe(BCue);

        var overlapping = AttributionMarkup.Example("Prices will rise, warned the bank.");
        var text = overlapping.Text;
        var warned = new Storyline.Documents.TextSpan(text.IndexOf("warned", StringComparison.Ordinal), 6);
        var gold = new GoldAttribution([], [warned], [new Storyline.Documents.TextSpan(0, text.Length)]);
        var doc = new AttributionTokens(text, overlapping.Analysis, []);
        var result = AttributionTaggerTrainer.GoldTags(doc, [gold]);
        int index = overlapping.Analysis.Tokens.ToList().FindIndex(t => t.Span == warned);
        result[index].ShouldBe(BCue);
        result[index + 1].ShouldBe(BCon);   // content resumes after the cue with a new span
        result[0].ShouldBe(BCon);
    }

    [Fact]
    public void Train_WrittenExamples_EvaluatesHighOnTheSameData()
    {
        var examples = AttributionMarkup.TrainingTexts.Select(AttributionMarkup.Example).ToList();

        AttributionTaggerTrainer.Evaluate(AttributionMarkup.TinyTagger, examples).ShouldBeGreaterThan(0.9);
    }

    [Fact]
    public void Train_NoEpochs_EvaluatesFarLowerThanTrained()
    {
        var examples = AttributionMarkup.TrainingTexts.Select(AttributionMarkup.Example).ToList();
        var untrained = AttributionTaggerTrainer.Train(examples, null, new AttributionTrainingOptions { MaxEpochs = 0, MinFeatureCount = 1 });

        double before = AttributionTaggerTrainer.Evaluate(untrained, examples);
        double after = AttributionTaggerTrainer.Evaluate(AttributionMarkup.TinyTagger, examples);

        before.ShouldBeLessThan(0.5);
        after.ShouldBeGreaterThan(before + 0.4);
    }

    [Fact]
    public void Train_TinyTagger_ExtractsUnseenSentence()
    {
        const string text = "The fishermen said the harbour was too shallow.";
        var analysis = new TextAnalyzer().Analyze(text);

        var a = AttributionMarkup.TinyTagger.Extract(text, analysis, [], CancellationToken.None).ShouldHaveSingleItem();

        a.Cue!.Value.Slice(text).ShouldBe("said");
        a.Source!.Value.Slice(text).ShouldContain("fishermen");
        a.Content.Span.Slice(text).ShouldStartWith("the harbour");
    }

    [Fact]
    public void Train_HeldOut_ReportsEveryEpochAndStopsEarly()
    {
        var examples = AttributionMarkup.TrainingTexts.Select(AttributionMarkup.Example).ToList();
        var epochs = new List<AttributionEpoch>();

        AttributionTaggerTrainer.Train(examples, examples, new AttributionTrainingOptions { MaxEpochs = 30, Patience = 2, MinFeatureCount = 1, PruneBelow = 0, StackFolds = 0 }, epochs.Add);

        epochs.Select(e => e.Epoch).ShouldBe(Enumerable.Range(1, epochs.Count));
        epochs.Count.ShouldBeLessThan(30);   // held-out F1 on the training data stops improving long before 30 epochs
        epochs.Max(e => e.HeldOutF1).ShouldBeGreaterThan(0.9);
    }

    [Fact]
    public void Train_Stacked_SecondPassSavedAndReloaded()
    {
        var examples = AttributionMarkup.TrainingTexts.Select(AttributionMarkup.Example).ToList();
        var options = new AttributionTrainingOptions { MaxEpochs = 10, MinFeatureCount = 1, PruneBelow = 0 };
        var onePass = AttributionTaggerTrainer.Train(examples, examples, options with { StackFolds = 0 });
        var twoPass = AttributionTaggerTrainer.Train(examples, examples, options with { StackFolds = 3 });

        // The second pass has its own weights (first-pass tags as features) and survives a save and load.
        twoPass.FeatureCount.ShouldBeGreaterThan(onePass.FeatureCount);
        using var stream = new MemoryStream();
        twoPass.Save(stream);
        stream.Position = 0;
        var loaded = AttributionTagger.Load(stream);
        loaded.FeatureCount.ShouldBe(twoPass.FeatureCount);
        AttributionTaggerTrainer.Evaluate(loaded, examples).ShouldBe(AttributionTaggerTrainer.Evaluate(twoPass, examples));
    }

    [Fact]
    public void Train_CancelledToken_Throws()
    {
        var examples = AttributionMarkup.TrainingTexts.Select(AttributionMarkup.Example).ToList();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Should.Throw<OperationCanceledException>(() => AttributionTaggerTrainer.Train(examples, null, new AttributionTrainingOptions(), cancellationToken: cts.Token));
    }

    // Made-up verbs no lexicon holds: the training texts report with "zonked", and only its cluster ties "blorfed" to it.
    private const string Unseen = "The mayor blorfed that prices rose.";

    private static AttributionTagger TinyWithClusters(Dictionary<ulong, ushort>? clusters) => AttributionTaggerTrainer.Train(
        [.. AttributionMarkup.TrainingTexts.Select(t => AttributionMarkup.Example(t.Replace(" said]", " zonked]", StringComparison.Ordinal)))], null,
        new AttributionTrainingOptions { MaxEpochs = 10, MinFeatureCount = 1, PruneBelow = 0, StackFolds = 0, Clusters = clusters });

    private static IEnumerable<string> Cues(AttributionTagger tagger, string text) =>
        tagger.Extract(text, new TextAnalyzer().Analyze(text), [], CancellationToken.None).Select(a => a.Cue!.Value.Slice(text));

    [Fact]
    public void Train_WithClusters_FindsAnUnseenCueInATrainedCuesCluster()
    {
        var clusters = new Dictionary<ulong, ushort> { [FeatureHash.OfNormalised("zonked")] = 7, [FeatureHash.OfNormalised("blorfed")] = 7 };

        Cues(TinyWithClusters(clusters), Unseen).ShouldBe(["blorfed"]);
        Cues(TinyWithClusters(null), Unseen).ShouldNotContain("blorfed");
    }

    [Fact]
    public void Save_WithClusters_LoadsTheSameTaggerAndBytes()
    {
        var clusters = new Dictionary<ulong, ushort> { [FeatureHash.OfNormalised("zonked")] = 7, [FeatureHash.OfNormalised("blorfed")] = 7 };
        var tagger = TinyWithClusters(clusters);
        using var stream = new MemoryStream();
        tagger.Save(stream);
        var bytes = stream.ToArray();

        var loaded = AttributionTagger.Load(new MemoryStream(bytes));

        Cues(loaded, Unseen).ShouldBe(["blorfed"]);
        using var again = new MemoryStream();
        loaded.Save(again);
        again.ToArray().ShouldBe(bytes);
    }

    [Fact]
    public void BuildClusters_WordsInTheSameContexts_ShareACluster()
    {
        string[] nouns = ["cat", "dog", "cow", "pig", "hen"], verbs = ["said", "stated", "claimed", "argued", "insisted"];
        var texts = new List<string>();
        for (int round = 0; round < 4; round++)
        {
            foreach (var noun in nouns) texts.Add($"The {noun} sat on the mat. A {noun} ran to the barn.");
            foreach (var verb in verbs) texts.Add($"He {verb} that it rained. She {verb} it was late.");
        }

        var clusters = AttributionTaggerTrainer.BuildClusters(texts, clusters: 4);

        int Of(string w) => clusters[FeatureHash.OfNormalised(w)];
        nouns.Select(Of).Distinct().ShouldHaveSingleItem();
        verbs.Select(Of).Distinct().ShouldHaveSingleItem();
        Of("cat").ShouldNotBe(Of("said"));
    }
}
