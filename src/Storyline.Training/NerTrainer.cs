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

    /// <summary>Folds (by document) for the out-of-fold first-pass tags the document pass learns from; below 2, no document pass is trained.</summary>
    public int DocumentFolds { get; init; } = 5;

    /// <summary>Factor on the first pass's scores under the document pass: smaller lets document evidence overrule the first pass sooner.</summary>
    public float DocumentFirstPassScale { get; init; } = 0.15f;
}

/// <summary>One training epoch's figures; <paramref name="Pass"/> is "sentence" or "document".</summary>
public sealed record NerEpoch(int Epoch, int Mistakes, double DevF1, double Seconds, string Pass = "sentence");

/// <summary>Trains a <see cref="NerTagger"/>: an averaged structured perceptron with Viterbi decoding, early-stopped on dev F1, then the
/// document pass: weights for document features (<see cref="NerDocumentFeatures"/>) added to the first pass's fixed scores. Its training input
/// comes from first-pass models that did not see the document (k-fold), so it learns how far to trust first-pass votes on unseen text.</summary>
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
        int sinceBest = 0, bestEpoch = options.MaxEpochs;
        for (int epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            random.Shuffle(order);
            int mistakes = learner.Epoch(order, cancellationToken);
            var tagger = new NerTagger(fullLexicon, learner.Averaged(options.PruneBelow));
            double f1 = dev is null ? double.NaN : Evaluate(tagger, dev, cancellationToken).Overall.F1;
            onEpoch?.Invoke(new NerEpoch(epoch, mistakes, f1, clock.Elapsed.TotalSeconds));
            if (dev is null || f1 > bestF1) { bestF1 = f1; best = tagger; sinceBest = 0; bestEpoch = epoch; }
            else if (++sinceBest >= options.Patience) break;
        }
        best ??= new NerTagger(fullLexicon, learner.Averaged(options.PruneBelow));
        if (options.DocumentFolds < 2) return best;

        // Out-of-fold first pass over the training documents: fold k is tagged by a model trained for as many epochs on the other folds.
        int docFolds = options.DocumentFolds;
        var gold = labelled.Select(x => x.Tags).ToList();
        var firstEmissions = new float[labelled.Count][];
        var firstTags = new int[labelled.Count][];
        for (int k = 0; k < docFolds; k++)
        {
            var foldLearner = new StructuredPerceptron(t, table, gold);
            var foldOrder = Enumerable.Range(0, labelled.Count).Where(i => labelled[i].Sentence.Document % docFolds != k).ToArray();
            var foldRandom = new Random(options.Seed + k + 1);
            for (int epoch = 0; epoch < bestEpoch; epoch++)
            {
                foldRandom.Shuffle(foldOrder);
                foldLearner.Epoch(foldOrder, cancellationToken);
            }
            var foldModel = foldLearner.Averaged(options.PruneBelow);
            for (int i = 0; i < labelled.Count; i++)
            {
                var sentence = labelled[i].Sentence;
                if (sentence.Document % docFolds != k) continue;
                buffer.Clear();
                var offsets = new int[sentence.Tokens.Count + 1];
                NerFeatures.Extract(sentence.Tokens, foldLexicons[sentence.Document % folds], buffer, offsets);
                firstEmissions[i] = new float[sentence.Tokens.Count * t];
                foldModel.AddEmissions(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffer), offsets, sentence.Tokens.Count, firstEmissions[i], cancellationToken);
                firstTags[i] = foldModel.Decode(firstEmissions[i], sentence.Tokens.Count);
            }
        }

        var documentTable = new FeatureTable();
        var withEvidence = new List<int>();
        foreach (var document in Documents(labelled.Select(x => x.Sentence).ToList()))
        {
            var sentences = document.Select(i => labelled[i].Sentence.Tokens).ToList();
            var features = document.Select(_ => new List<ulong>()).ToArray();
            var offsets = document.Select(i => new int[labelled[i].Sentence.Tokens.Count + 1]).ToArray();
            NerDocumentFeatures.Extract(sentences, [.. document.Select(i => firstTags[i])], [.. document.Select(i => firstEmissions[i])], features, offsets);
            for (int j = 0; j < document.Count; j++)
            {
                // Sentences without document evidence keep their first-pass tags at run time, so they teach the document pass nothing.
                if (features[j].Count > 0) withEvidence.Add(document[j]);
                documentTable.Add(features[j], offsets[j], sentences[j].Count);
            }
        }
        foreach (var e in firstEmissions) foreach (ref var x in e.AsSpan()) x *= options.DocumentFirstPassScale;
        var sentenceModel = best.SentenceModel;
        // Transitions stay the first pass's (scaled): only tokens with document evidence get new scores, so a sentence's other tags
        // change only through them.
        var documentLearner = new StructuredPerceptron(t, documentTable, gold, firstEmissions,
            [.. sentenceModel.Transitions.Select(x => x * options.DocumentFirstPassScale)], learnTransitions: false);
        var documentOrder = withEvidence.ToArray();
        NerTagger? bestDocument = null;
        double bestDocumentF1 = bestF1;
        sinceBest = 0;
        for (int epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            random.Shuffle(documentOrder);
            int mistakes = documentLearner.Epoch(documentOrder, cancellationToken);
            var tagger = new NerTagger(fullLexicon, sentenceModel, documentLearner.Averaged(options.PruneBelow), options.DocumentFirstPassScale);
            double f1 = dev is null ? double.NaN : Evaluate(tagger, dev, cancellationToken).Overall.F1;
            onEpoch?.Invoke(new NerEpoch(epoch, mistakes, f1, clock.Elapsed.TotalSeconds, "document"));
            if (dev is null || f1 > bestDocumentF1) { bestDocumentF1 = f1; bestDocument = tagger; sinceBest = 0; }
            else if (++sinceBest >= options.Patience) break;
        }
        // Without dev data the last epoch is kept; with it, the document pass is kept only when it beats the first pass alone.
        return bestDocument ?? (dev is null ? new NerTagger(fullLexicon, sentenceModel, documentLearner.Averaged(options.PruneBelow), options.DocumentFirstPassScale) : best);
    }

    /// <summary>Tags <paramref name="sentences"/> document by document and scores the result with conlleval's definition.</summary>
    public static ConllEval Evaluate(NerTagger tagger, IReadOnlyList<ConllSentence> sentences, CancellationToken cancellationToken = default)
    {
        var eval = new ConllEval();
        foreach (var document in Documents(sentences))
        {
            var guessed = tagger.TagDocumentBio([.. document.Select(i => sentences[i].Tokens)], cancellationToken);
            for (int j = 0; j < document.Count; j++) eval.Add(sentences[document[j]].Tags, guessed[j]);
        }
        return eval;
    }

    /// <summary>Indices of <paramref name="sentences"/> grouped into runs of the same document, in order.</summary>
    public static List<List<int>> Documents(IReadOnlyList<ConllSentence> sentences)
    {
        var documents = new List<List<int>>();
        for (int i = 0; i < sentences.Count; i++)
        {
            if (i == 0 || sentences[i].Document != sentences[i - 1].Document) documents.Add([]);
            documents[^1].Add(i);
        }
        return documents;
    }
}
