using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Storyline.Entities;

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
        var ids = new Dictionary<ulong, int>();
        var featureIds = new List<int>();
        var sentenceStart = new List<int>();   // index into tokenOffsets of each sentence's first token
        var tokenOffsets = new List<int> { 0 };
        var buffer = new List<ulong>();
        foreach (var (sentence, _) in labelled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            buffer.Clear();
            var offsets = new int[sentence.Tokens.Count + 1];
            NerFeatures.Extract(sentence.Tokens, foldLexicons[sentence.Document % folds], buffer, offsets);
            sentenceStart.Add(tokenOffsets.Count - 1);
            for (int i = 0; i < sentence.Tokens.Count; i++)
            {
                for (int f = offsets[i]; f < offsets[i + 1]; f++)
                {
                    if (!ids.TryGetValue(buffer[f], out var id)) ids[buffer[f]] = id = ids.Count;
                    featureIds.Add(id);
                }
                tokenOffsets.Add(featureIds.Count);
            }
        }
        var feats = CollectionsMarshal.AsSpan(featureIds).ToArray();
        var tokOff = tokenOffsets.ToArray();

        var weights = new float[ids.Count * t];
        var totals = new float[ids.Count * t];   // Σ step × update, for averaging (Daumé's trick)
        var transitions = new float[(t + 1) * t];
        var transitionTotals = new float[(t + 1) * t];
        float step = 1;
        var order = Enumerable.Range(0, labelled.Count).ToArray();
        var random = new Random(options.Seed);
        double bestF1 = -1;
        NerTagger? best = null;
        int sinceBest = 0;
        for (int epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            random.Shuffle(order);
            int mistakes = 0;
            foreach (var s in order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var gold = labelled[s].Tags;
                int n = gold.Length, first = sentenceStart[s];
                var emissions = new float[n * t];
                for (int i = 0; i < n; i++)
                    for (int f = tokOff[first + i]; f < tokOff[first + i + 1]; f++)
                    {
                        int row = feats[f] * t;
                        for (int y = 0; y < t; y++) emissions[i * t + y] += weights[row + y];
                    }
                var guess = new int[n];
                Viterbi.Decode(emissions, n, transitions, guess);
                for (int i = 0; i < n; i++)
                {
                    int goldPrev = i == 0 ? Viterbi.StartRow : gold[i - 1], guessPrev = i == 0 ? Viterbi.StartRow : guess[i - 1];
                    if (gold[i] != guess[i])
                    {
                        mistakes++;
                        for (int f = tokOff[first + i]; f < tokOff[first + i + 1]; f++)
                        {
                            int row = feats[f] * t;
                            weights[row + gold[i]]++;
                            weights[row + guess[i]]--;
                            totals[row + gold[i]] += step;
                            totals[row + guess[i]] -= step;
                        }
                    }
                    if (gold[i] != guess[i] || goldPrev != guessPrev)
                    {
                        transitions[goldPrev * t + gold[i]]++;
                        transitions[guessPrev * t + guess[i]]--;
                        transitionTotals[goldPrev * t + gold[i]] += step;
                        transitionTotals[guessPrev * t + guess[i]] -= step;
                    }
                }
                step++;
            }
            var tagger = Build(ids, weights, totals, transitions, transitionTotals, step, fullLexicon, options.PruneBelow);
            double f1 = dev is null ? double.NaN : Evaluate(tagger, dev, cancellationToken).Overall.F1;
            onEpoch?.Invoke(new NerEpoch(epoch, mistakes, f1, clock.Elapsed.TotalSeconds));
            if (dev is null || f1 > bestF1) { bestF1 = f1; best = tagger; sinceBest = 0; }
            else if (++sinceBest >= options.Patience) break;
        }
        return best ?? Build(ids, weights, totals, transitions, transitionTotals, step, fullLexicon, options.PruneBelow);
    }

    /// <summary>Tags every sentence of <paramref name="sentences"/> and scores the result with conlleval's definition.</summary>
    public static ConllEval Evaluate(NerTagger tagger, IEnumerable<ConllSentence> sentences, CancellationToken cancellationToken = default)
    {
        var eval = new ConllEval();
        foreach (var s in sentences) eval.Add(s.Tags, tagger.TagBio(s.Tokens, cancellationToken));
        return eval;
    }

    // Averaged weights (w − Σ step·Δ / step), keeping only features with some weight above the pruning threshold.
    private static NerTagger Build(Dictionary<ulong, int> ids, float[] weights, float[] totals, float[] transitions, float[] transitionTotals,
        float step, NerLexicon lexicon, float pruneBelow)
    {
        int t = BioTags.Count;
        var rows = new Dictionary<ulong, int>();
        var kept = new List<float>();
        foreach (var (hash, id) in ids)
        {
            bool keep = false;
            for (int y = 0; y < t; y++)
            {
                float avg = weights[id * t + y] - totals[id * t + y] / step;
                if (Math.Abs(avg) >= pruneBelow) keep = true;
            }
            if (!keep) continue;
            rows[hash] = rows.Count;
            for (int y = 0; y < t; y++)
            {
                float avg = weights[id * t + y] - totals[id * t + y] / step;
                kept.Add(Math.Abs(avg) >= pruneBelow ? avg : 0);
            }
        }
        var averagedTransitions = new float[transitions.Length];
        for (int i = 0; i < transitions.Length; i++) averagedTransitions[i] = transitions[i] - transitionTotals[i] / step;
        return new NerTagger(lexicon, rows, [.. kept], averagedTransitions);
    }
}
