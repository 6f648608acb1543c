using Storyline.Learning;
using Storyline.Training;

namespace Storyline.Tests.Training;

public class StructuredPerceptronTests
{
    // A toy attribution task over tags O, B-CUE, I-CUE, B-CONTENT, I-CONTENT: "said" is the cue and every word after it is content.
    private const int Tags = 5, O = 0, BCue = 1, BContent = 3, IContent = 4;

    private static readonly string[] Sentences =
    [
        "officials said prices rose",
        "he said the talks failed",
        "the weather was fine",
        "she said nothing",
        "the minister said taxes would fall next year",
        "prices rose again",
        "they said it was late",
        "nobody came",
    ];

    private static (ulong[] Hashes, int[] Offsets) Features(string[] words)
    {
        var hashes = new List<ulong>();
        var offsets = new int[words.Length + 1];
        bool afterCue = false;
        for (int i = 0; i < words.Length; i++)
        {
            offsets[i] = hashes.Count;
            hashes.Add(FeatureHash.Combine(1, 0));                                        // bias
            hashes.Add(FeatureHash.Combine(2, FeatureHash.Of(words[i])));                 // word
            hashes.Add(FeatureHash.Combine(3, i > 0 ? FeatureHash.Of(words[i - 1]) : 0)); // previous word
            hashes.Add(FeatureHash.Combine(4, afterCue ? 1UL : 0));                       // a cue to the left
            if (words[i] == "said") afterCue = true;
        }
        offsets[words.Length] = hashes.Count;
        return ([.. hashes], offsets);
    }

    private static int[] Gold(string[] words)
    {
        var tags = new int[words.Length];
        int cue = Array.IndexOf(words, "said");
        if (cue < 0) return tags;
        tags[cue] = BCue;
        for (int i = cue + 1; i < words.Length; i++) tags[i] = i == cue + 1 ? BContent : IContent;
        return tags;
    }

    private static (FeatureTable Table, List<int[]> Gold, List<(ulong[] Hashes, int[] Offsets)> Features) Data()
    {
        var table = new FeatureTable();
        var gold = new List<int[]>();
        var features = new List<(ulong[], int[])>();
        foreach (var sentence in Sentences)
        {
            var words = sentence.Split(' ');
            var (hashes, offsets) = Features(words);
            table.Add(hashes, offsets, words.Length);
            gold.Add(Gold(words));
            features.Add((hashes, offsets));
        }
        return (table, gold, features);
    }

    private static StructuredPerceptron Trained(FeatureTable table, List<int[]> gold, int epochs = 10)
    {
        var learner = new StructuredPerceptron(Tags, table, gold);
        var order = Enumerable.Range(0, gold.Count).ToArray();
        for (int e = 0; e < epochs; e++) learner.Epoch(order, CancellationToken.None);
        return learner;
    }

    [Fact]
    public void Epoch_SeparableToyTask_ReachesZeroMistakes()
    {
        var (table, gold, _) = Data();
        var learner = new StructuredPerceptron(Tags, table, gold);
        var order = Enumerable.Range(0, gold.Count).ToArray();

        var mistakes = new List<int>();
        for (int e = 0; e < 10 && (mistakes.Count == 0 || mistakes[^1] > 0); e++) mistakes.Add(learner.Epoch(order, CancellationToken.None));

        mistakes[0].ShouldBeGreaterThan(0);   // an untrained learner tags everything O and misses every cue and content
        mistakes[^1].ShouldBe(0);
    }

    [Fact]
    public void Averaged_AfterTraining_PredictsGoldTags()
    {
        var (table, gold, features) = Data();
        var model = Trained(table, gold).Averaged(0);

        for (int s = 0; s < features.Count; s++)
        {
            var (hashes, offsets) = features[s];
            model.Predict(hashes, offsets, offsets.Length - 1, CancellationToken.None).ShouldBe(gold[s], Sentences[s]);
        }
    }

    [Fact]
    public void Averaged_UnseenSentence_TagsCueAndContent()
    {
        var (table, gold, _) = Data();
        var model = Trained(table, gold).Averaged(0);
        var words = "the mayor said roads were closed".Split(' ');
        var (hashes, offsets) = Features(words);

        model.Predict(hashes, offsets, words.Length, CancellationToken.None).ShouldBe(Gold(words));
    }

    [Fact]
    public void Averaged_HigherPruneThreshold_KeepsFewerFeatures()
    {
        var (table, gold, features) = Data();
        var learner = Trained(table, gold);

        var all = learner.Averaged(0);
        var pruned = learner.Averaged(1f);
        var none = learner.Averaged(float.MaxValue);

        all.FeatureCount.ShouldBe(table.Ids.Count);
        pruned.FeatureCount.ShouldBeLessThan(all.FeatureCount);
        pruned.FeatureCount.ShouldBeGreaterThan(0);
        none.FeatureCount.ShouldBe(0);
        // The strong weights carry the task: the pruned model still tags the training data right.
        for (int s = 0; s < features.Count; s++)
            pruned.Predict(features[s].Hashes, features[s].Offsets, gold[s].Length, CancellationToken.None).ShouldBe(gold[s], Sentences[s]);
    }

    [Fact]
    public void Averaged_NoTraining_TagsEverythingO()
    {
        var (table, gold, features) = Data();
        var model = new StructuredPerceptron(Tags, table, gold).Averaged(0);

        model.Predict(features[0].Hashes, features[0].Offsets, gold[0].Length, CancellationToken.None).ShouldAllBe(y => y == O);
    }

    [Fact]
    public void Constructor_GoldCountMismatch_Throws()
    {
        var (table, gold, _) = Data();
        Should.Throw<ArgumentException>(() => new StructuredPerceptron(Tags, table, gold.Take(3).ToList()));
    }

    [Fact]
    public void Epoch_CancelledToken_ThrowsOperationCanceled()
    {
        var (table, gold, _) = Data();
        var learner = new StructuredPerceptron(Tags, table, gold);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Should.Throw<OperationCanceledException>(() => learner.Epoch(new[] { 0, 1 }, cts.Token));
    }

    [Fact]
    public void Add_KeepFilter_LeavesRejectedFeaturesOut()
    {
        var words = "officials said prices rose".Split(' ');
        var (hashes, offsets) = Features(words);
        var bias = FeatureHash.Combine(1, 0);
        var table = new FeatureTable();

        table.Add(hashes, offsets, words.Length, h => h != bias);
        table.Add(hashes, offsets, words.Length);   // the same features again are interned to the same ids

        table.Count.ShouldBe(2);
        table.Ids.ShouldContainKey(bias);
        var (_, tokenOffsets, sequenceStart) = table.Freeze();
        sequenceStart.ShouldBe([0, words.Length]);
        // The first sequence's tokens lost their bias feature; the second kept it.
        (tokenOffsets[words.Length] - tokenOffsets[0]).ShouldBe(hashes.Length - words.Length);
        (tokenOffsets[2 * words.Length] - tokenOffsets[words.Length]).ShouldBe(hashes.Length);
        table.Ids.Count.ShouldBe(hashes.Distinct().Count());
    }

    [Fact]
    public void WriteRows_ThenReadRows_PredictsTheSame()
    {
        var (table, gold, features) = Data();
        var model = Trained(table, gold).Averaged(0);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.WriteTransitions(w);
            model.WriteRows(w);
        }
        stream.Position = 0;
        using var r = new BinaryReader(stream);
        var loaded = LinearSequenceModel.ReadRows(r, Tags, LinearSequenceModel.ReadTransitions(r, Tags));

        loaded.FeatureCount.ShouldBe(model.FeatureCount);
        stream.Position.ShouldBe(stream.Length);
        foreach (var (hashes, offsets) in features)
            loaded.Predict(hashes, offsets, offsets.Length - 1, CancellationToken.None)
                .ShouldBe(model.Predict(hashes, offsets, offsets.Length - 1, CancellationToken.None));
    }
}
