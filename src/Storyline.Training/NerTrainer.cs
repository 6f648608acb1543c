using System.Diagnostics;
using Storyline.Entities;
using Storyline.Learning;

namespace Storyline.Training;

/// <summary>Training settings; the defaults are the ones the shipped model was trained with.</summary>
public sealed record NerTrainingOptions
{
    /// <summary>Most passes over the training data.</summary>
    public int MaxEpochs { get; init; } = 20;

    /// <summary>Stop after this many epochs without a better dev F1 (when dev data is given).</summary>
    public int Patience { get; init; } = 3;

    /// <summary>Seed of the sentence shuffle and the cluster initialisation.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Folds for jack-knifed lexicon features (each training sentence sees a lexicon built without its own fold).</summary>
    public int Folds { get; init; } = 10;

    /// <summary>Distributional clusters (0 = none). Off by default: on CoNLL dev they gave no gain (0.9224 with 256 clusters, 0.9227 without).</summary>
    public int Clusters { get; init; }

    /// <summary>Averaged weights smaller than this in magnitude are dropped from the saved model.</summary>
    public float PruneBelow { get; init; } = 0.01f;
}

/// <summary>One training epoch's figures.</summary>
public sealed record NerEpoch(int Epoch, int Mistakes, double DevF1, double Seconds);

/// <summary>Trains a <see cref="NerTagger"/>: an averaged structured perceptron with Viterbi decoding, early-stopped on dev F1.</summary>
public static class NerTrainer
{
    /// <summary>Trains on <paramref name="train"/> (tags in any IOB scheme), choosing the epoch by F1 on <paramref name="dev"/> when given.</summary>
    public static NerTagger Train(IReadOnlyList<ConllSentence> train, IReadOnlyList<ConllSentence>? dev, NerTrainingOptions options,
        Action<NerEpoch>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        int t = BioTags.Count;
        var labelled = train.Select(s => (Sentence: s, Tags: BioTags.FromSpans(ConllCorpus.Entities(s), s.Tokens.Count))).ToList();
        var clusters = options.Clusters > 0
            ? DistributionalClusters.Build(train.Select(s => s.Tokens), options.Clusters, seed: options.Seed, cancellationToken: cancellationToken)
            : [];

        // Jack-knifed lexicons: a sentence's lexicon features come from the other folds, as they will for unseen text.
        int folds = Math.Max(2, options.Folds);
        var foldLexicons = Enumerable.Range(0, folds).Select(k => NerLexicon.Build(
            labelled.Where(x => x.Sentence.Document % folds != k).Select(x => (x.Sentence.Tokens, x.Tags)), clusters)).ToArray();
        var fullLexicon = NerLexicon.Build(labelled.Select(x => (x.Sentence.Tokens, x.Tags)), clusters);

        // Features interned to dense ids.
        var table = new FeatureTable();
        var buffer = new List<ulong>();
        foreach (var (sentence, _) in labelled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            buffer.Clear();
            var offsets = new int[sentence.Tokens.Count + 1];
            NerFeatures.Extract(sentence.Tokens, foldLexicons[sentence.Document % folds], buffer, offsets);
            table.Add(buffer, offsets, sentence.Tokens.Count);
        }
        var learner = new StructuredPerceptron(BioTags.Count, table, [.. labelled.Select(x => x.Tags)]);
        var order = Enumerable.Range(0, labelled.Count).ToArray();
        var random = new Random(options.Seed);
        double bestF1 = -1;
        NerTagger? best = null;
        int sinceBest = 0;
        for (int epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            random.Shuffle(order);
            int mistakes = learner.Epoch(order, cancellationToken);
            var tagger = new NerTagger(fullLexicon, learner.Averaged(options.PruneBelow));
            double f1 = dev is null ? double.NaN : Evaluate(tagger, dev, cancellationToken).Overall.F1;
            onEpoch?.Invoke(new NerEpoch(epoch, mistakes, f1, clock.Elapsed.TotalSeconds));
            if (dev is null || f1 > bestF1) { bestF1 = f1; best = tagger; sinceBest = 0; }
            else if (++sinceBest >= options.Patience) break;
        }
        return best ?? new NerTagger(fullLexicon, learner.Averaged(options.PruneBelow));
    }

    /// <summary>Tags every sentence of <paramref name="sentences"/> and scores the result with conlleval's definition.</summary>
    public static ConllEval Evaluate(NerTagger tagger, IEnumerable<ConllSentence> sentences, CancellationToken cancellationToken = default)
    {
        var eval = new ConllEval();
        foreach (var s in sentences) eval.Add(s.Tags, tagger.TagBio(s.Tokens, cancellationToken));
        return eval;
    }
}
