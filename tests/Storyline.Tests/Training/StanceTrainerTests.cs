using Storyline.Claims;
using Storyline.Tests.Claims;
using Storyline.Training;

namespace Storyline.Tests.Training;

public class StanceTrainerTests
{
    private static readonly WordHashEmbedder Embedder = new();

    private static readonly (string Claim, string Body, Stance Gold)[] Written =
    [
        ("Mayor Smith resigned from office", "Mayor Smith resigned from office on Monday. He confirmed the resignation in a statement.", Stance.Asserts),
        ("Mayor Smith resigned from office", "Mayor Smith denied that he resigned. Reports of his resignation are false, he said.", Stance.Denies),
        ("Mayor Smith resigned from office", "Local media reported that Mayor Smith may have resigned. The claim could not be verified.", Stance.Reports),
        ("Mayor Smith resigned from office", "The football club won its third match of the season.", Stance.Unrelated),
        ("A shark was found in the river", "A shark was found in the river by fishermen. Officials confirmed the find.", Stance.Asserts),
        ("A shark was found in the river", "Officials said no shark was found in the river and called the photo a hoax.", Stance.Denies),
        ("A shark was found in the river", "Reports claim a shark may have been seen in the river, according to social media.", Stance.Reports),
        ("A shark was found in the river", "Bread prices rose again this week in the capital.", Stance.Unrelated),
        ("The company recalled its phones", "The company recalled its phones after fires. It confirmed the recall.", Stance.Asserts),
        ("The company recalled its phones", "The company denied that it recalled its phones, calling the story false.", Stance.Denies),
        ("The company recalled its phones", "A blog reported the company might recall its phones, but it is unconfirmed.", Stance.Reports),
        ("The company recalled its phones", "Snow fell across the mountains overnight.", Stance.Unrelated),
    ];

    // Trained once for the class: the tests read it, none changes it.
    private static readonly Lazy<StanceClassifier> Tiny = new(Train);

    private static StanceClassifier TrainTiny() => Tiny.Value;

    private static StanceClassifier Train()
    {
        var pairs = Written.Select(w => new StanceTrainingPair(StanceDocument.FromText(w.Claim, Embedder, asOneSentence: true), StanceDocument.FromText(w.Body, Embedder), w.Gold, Dev: false)).ToList();
        return StanceTrainer.Train(pairs, new StanceTrainingOptions { MaxEpochs = 40, Patience = 40, LearningRate = 0.05f, Dropout = 0, StanceHidden = 8, StanceClassWeights = [1, 1, 1] });
    }

    [Fact]
    public void Train_WrittenExamples_LearnsRelatedness()
    {
        var model = TrainTiny().WithRules(false, false);
        var correct = Written.Count(w => (model.Classify(w.Claim, w.Body, Embedder).Stance == Stance.Unrelated) == (w.Gold == Stance.Unrelated));
        correct.ShouldBe(Written.Length);
    }

    [Fact]
    public void Train_WrittenExamples_FitsMostStances()
    {
        var model = TrainTiny().WithRules(false, false);
        Written.Count(w => model.Classify(w.Claim, w.Body, Embedder).Stance == w.Gold).ShouldBeGreaterThanOrEqualTo(10);
    }

    [Fact]
    public void SaveLoad_TrainedModel_SamePredictions()
    {
        var model = TrainTiny();
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var read = StanceClassifier.Load(stream);
        foreach (var w in Written)
        {
            var a = model.Classify(w.Claim, w.Body, Embedder);
            var b = read.Classify(w.Claim, w.Body, Embedder);
            b.Stance.ShouldBe(a.Stance);
            b.Related.ShouldBe(a.Related, 0.02f);
        }
    }

    [Fact]
    public void Train_NoTrainingPairs_Throws()
    {
        Should.Throw<ArgumentException>(() => StanceTrainer.Train([]));
    }
}
