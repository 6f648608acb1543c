using System.Diagnostics;
using Storyline.Claims;

namespace Storyline.Training;

/// <summary>One labelled (claim, body) pair; <see cref="Dev"/> pairs only choose the epoch.</summary>
public sealed record StanceTrainingPair(StanceDocument Claim, StanceDocument Body, Stance Gold, bool Dev);

/// <summary>Stance training settings (fixed seed: the same data gives the same model).</summary>
public sealed record StanceTrainingOptions
{
    /// <summary>Most epochs per stage (the best on dev is kept).</summary>
    public int MaxEpochs { get; init; } = 30;

    /// <summary>Stop after this many epochs without a better dev score.</summary>
    public int Patience { get; init; } = 6;

    /// <summary>Hidden units of the relatedness network.</summary>
    public int RelatednessHidden { get; init; } = 16;

    /// <summary>Hidden units of the stance network.</summary>
    public int StanceHidden { get; init; } = 128;

    /// <summary>First learning rate (decays by <see cref="LearningRateDecay"/> each epoch).</summary>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>Multiplies the learning rate after each epoch.</summary>
    public float LearningRateDecay { get; init; } = 0.9f;

    /// <summary>L2 weight decay.</summary>
    public float WeightDecay { get; init; } = 1e-4f;

    /// <summary>Dropout on the hidden layer.</summary>
    public float Dropout { get; init; } = 0.3f;

    /// <summary>Loss weights of asserts, denies and reports: denials are rare (about 6% of related pairs) and would otherwise never be predicted.</summary>
    public float[] StanceClassWeights { get; init; } = [2f, 4f, 1f];

    /// <summary>Shuffle and initialisation seed.</summary>
    public int Seed { get; init; } = 17;
}

/// <summary>Progress of one epoch: which stage, training loss and the dev score it is chosen by (relatedness accuracy, or macro-F1 of the three related classes).</summary>
public sealed record StanceEpoch(string Stage, int Epoch, double Loss, double DevScore, double Seconds);

/// <summary>Trains the two-stage <see cref="StanceClassifier"/>: IDF from the training bodies, the relatedness network on every pair, the stance network on related pairs.</summary>
public static class StanceTrainer
{
    /// <summary>Trains on the non-dev pairs, keeping each stage's best dev epoch.</summary>
    public static StanceClassifier Train(IReadOnlyList<StanceTrainingPair> pairs, StanceTrainingOptions? options = null, Action<StanceEpoch>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        options ??= new StanceTrainingOptions();
        var train = pairs.Where(p => !p.Dev).ToList();
        if (train.Count == 0) throw new ArgumentException("no training pairs", nameof(pairs));
        var dev = pairs.Where(p => p.Dev).ToList();
        if (dev.Count == 0) dev = train; // no dev slice: choose the epoch on training data (tiny sets, tests)
        int dims = train[0].Claim.Centroid.Length;

        var bodies = train.Select(p => p.Body).Distinct().ToList();
        var idf = StanceIdf.Fit(bodies.Select(b => (IReadOnlyCollection<string>)b.Stems.SelectMany(s => s).ToList()));

        var trainRel = Featurise(train, idf, cancellationToken);
        var devRel = Featurise(dev, idf, cancellationToken);
        var relatedness = Fit("relatedness", new SoftmaxNetwork(StanceFeatures.RelatednessCount, 0, options.RelatednessHidden, 2, options.Seed),
            [.. trainRel.Select(r => new NetworkInput(r, []))], [.. train.Select(p => p.Gold == Stance.Unrelated ? 0 : 1)], [1f, 1f],
            [.. devRel.Select(r => new NetworkInput(r, []))], [.. dev.Select(p => p.Gold == Stance.Unrelated ? 0 : 1)], options, progress, cancellationToken);

        var relatedTrain = Enumerable.Range(0, train.Count).Where(i => train[i].Gold != Stance.Unrelated).ToList();
        var relatedDev = Enumerable.Range(0, dev.Count).Where(i => dev[i].Gold != Stance.Unrelated).ToList();
        var stance = Fit("stance", new SoftmaxNetwork(StanceFeatures.StanceDenseCount(dims), StanceFeatures.Buckets, options.StanceHidden, 3, options.Seed + 1),
            [.. relatedTrain.Select(i => StanceFeatures.Stance(train[i].Claim, train[i].Body, idf, trainRel[i]))], [.. relatedTrain.Select(i => StanceIndex(train[i].Gold))],
            options.StanceClassWeights,
            [.. relatedDev.Select(i => StanceFeatures.Stance(dev[i].Claim, dev[i].Body, idf, devRel[i]))], [.. relatedDev.Select(i => StanceIndex(dev[i].Gold))],
            options, progress, cancellationToken);
        return new StanceClassifier("all-MiniLM-L6-v2", dims, idf, relatedness, stance);
    }

    private static int StanceIndex(Stance s) => s switch
    {
        Stance.Asserts => 0,
        Stance.Denies => 1,
        _ => 2,
    };

    private static List<float[]> Featurise(List<StanceTrainingPair> pairs, StanceIdf idf, CancellationToken cancellationToken)
    {
        var result = new float[pairs.Count][];
        Parallel.For(0, pairs.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => result[i] = StanceFeatures.Relatedness(pairs[i].Claim, pairs[i].Body, idf));
        return [.. result];
    }

    private static SoftmaxNetwork Fit(string stage, SoftmaxNetwork network, List<NetworkInput> inputs, List<int> labels, float[] weights,
        List<NetworkInput> devInputs, List<int> devLabels, StanceTrainingOptions options, Action<StanceEpoch>? progress, CancellationToken cancellationToken)
    {
        var bad = inputs.SelectMany(x => x.Dense.Select((v, d) => (v, d))).Where(x => !float.IsFinite(x.v)).Select(x => x.d).Distinct().ToList();
        if (bad.Count > 0) throw new InvalidDataException($"{stage}: non-finite feature values at {string.Join(',', bad.Take(10))}");
        network.FitScaling(inputs);
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, inputs.Count).ToArray();
        SoftmaxNetwork best = network.Clone();
        double bestScore = double.NegativeInfinity;
        int sinceBest = 0;
        float rate = options.LearningRate;
        for (int epoch = 1; epoch <= options.MaxEpochs && sinceBest < options.Patience; epoch++)
        {
            var clock = Stopwatch.StartNew();
            random.Shuffle(order);
            var loss = network.TrainEpoch(inputs, labels, weights, order, rate, options.WeightDecay, options.Dropout, random, cancellationToken);
            rate *= options.LearningRateDecay;
            var predicted = devInputs.Select(x => ArgMax(network.Predict(x))).ToList();
            double score = network.Classes == 2 ? Accuracy(predicted, devLabels) : MacroF1(predicted, devLabels, network.Classes);
            progress?.Invoke(new StanceEpoch(stage, epoch, loss, score, clock.Elapsed.TotalSeconds));
            if (score > bestScore) { bestScore = score; best = network.Clone(); sinceBest = 0; }
            else sinceBest++;
        }
        return best;
    }

    private static int ArgMax(float[] p)
    {
        int best = 0;
        for (int i = 1; i < p.Length; i++) if (p[i] > p[best]) best = i;
        return best;
    }

    private static double Accuracy(List<int> predicted, List<int> gold) =>
        gold.Count == 0 ? 0 : predicted.Zip(gold).Count(x => x.First == x.Second) / (double)gold.Count;

    private static double MacroF1(List<int> predicted, List<int> gold, int classes)
    {
        double sum = 0;
        for (int c = 0; c < classes; c++)
        {
            int tp = predicted.Zip(gold).Count(x => x.First == c && x.Second == c);
            int fp = predicted.Zip(gold).Count(x => x.First == c && x.Second != c);
            int fn = predicted.Zip(gold).Count(x => x.First != c && x.Second == c);
            sum += tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
        }
        return sum / classes;
    }
}
