using System.Diagnostics;
using Storyline.Attribution;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Learning;
using Storyline.Text;

namespace Storyline.Training;

/// <summary>One gold attribution of a training text: source, cue and content, each as character spans (empty when absent).</summary>
public sealed record GoldAttribution(IReadOnlyList<TextSpan> Source, IReadOnlyList<TextSpan> Cue, IReadOnlyList<TextSpan> Content);

/// <summary>An analysed text with its gold attributions.</summary>
public sealed record AttributionExample(string Text, TextAnalysis Analysis, IReadOnlyList<NamedEntity> Entities, IReadOnlyList<GoldAttribution> Gold);

/// <summary>Training settings; the defaults are the ones the shipped model was trained with.</summary>
public sealed record AttributionTrainingOptions
{
    /// <summary>Most passes over the training data.</summary>
    public int MaxEpochs { get; init; } = 25;

    /// <summary>Stop after this many epochs without a better held-out F1.</summary>
    public int Patience { get; init; } = 3;

    /// <summary>Seed of the sentence shuffle.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Averaged weights smaller than this in magnitude are dropped from the model.</summary>
    public float PruneBelow { get; init; } = 0.05f;

    /// <summary>Features seen on fewer training tokens than this are left out (a smaller model that generalises no worse).</summary>
    public int MinFeatureCount { get; init; } = 10;

    /// <summary>Train a second pass on the first pass's tags (jack-knifed over this many folds of the training texts; 0 = one pass).</summary>
    public int StackFolds { get; init; } = 5;

    /// <summary>Word clusters (normalised word hash → cluster, see <see cref="DistributionalClusters"/>) whose ids become features; null for none.</summary>
    public Dictionary<ulong, ushort>? Clusters { get; init; }
}

/// <summary>One training epoch's figures: the pass (1, or 2 for the stacked second pass), token mistakes, and token-level role F1
/// (source, cue, content) on the held-out texts of the tagger as it would be saved after this epoch.</summary>
public sealed record AttributionEpoch(int Pass, int Epoch, int Mistakes, double HeldOutF1, double Seconds);

/// <summary>Trains an <see cref="AttributionTagger"/>: an averaged structured perceptron over sentences, early-stopped on held-out texts.</summary>
public static class AttributionTaggerTrainer
{
    /// <summary>Trains on <paramref name="train"/>, choosing the epoch by token-level role F1 on <paramref name="heldOut"/> when given.</summary>
    public static AttributionTagger Train(IReadOnlyList<AttributionExample> train, IReadOnlyList<AttributionExample>? heldOut,
        AttributionTrainingOptions options, Action<AttributionEpoch>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        var clusters = options.Clusters;
        var (first, bestEpoch) = TrainPass(1, train, heldOut, options, options.MaxEpochs, null, m => new AttributionTagger(m, null, clusters), onEpoch, cancellationToken);
        if (options.StackFolds < 2) return new AttributionTagger(first, null, clusters);

        // The second pass learns from first-pass tags as the first pass will produce them on unseen text: each training text is tagged
        // by a first pass trained without its fold, for the epoch count the full first pass chose.
        int folds = options.StackFolds;
        var passTags = new Dictionary<(AttributionExample, int), int[]>();
        var buffer = new List<ulong>();
        for (int k = 0; k < folds; k++)
        {
            var inFold = train.Where((_, i) => i % folds == k).ToList();
            var (foldModel, _) = TrainPass(1, train.Where((_, i) => i % folds != k).ToList(), null, options, bestEpoch, null, m => new AttributionTagger(m, null, clusters), null, cancellationToken);
            var foldTagger = new AttributionTagger(foldModel, null, clusters);
            foreach (var example in inFold)
            {
                var doc = new AttributionTokens(example.Text, example.Analysis, example.Entities);
                for (int s = 0; s < example.Analysis.Sentences.Count; s++) passTags[(example, s)] = foldTagger.TagSentence(doc, s, buffer, cancellationToken);
            }
        }
        var (second, _) = TrainPass(2, train, heldOut, options, options.MaxEpochs, (e, s) => passTags[(e, s)], m => new AttributionTagger(first, m, clusters), onEpoch, cancellationToken);
        return new AttributionTagger(first, second, clusters);
    }

    private static (LinearSequenceModel Model, int BestEpoch) TrainPass(int pass, IReadOnlyList<AttributionExample> train, IReadOnlyList<AttributionExample>? heldOut,
        AttributionTrainingOptions options, int maxEpochs, Func<AttributionExample, int, int[]>? firstPass, Func<LinearSequenceModel, AttributionTagger> asTagger,
        Action<AttributionEpoch>? onEpoch, CancellationToken cancellationToken)
    {
        var sequences = new List<(ulong[] Hashes, int[] Offsets)>();
        var gold = new List<int[]>();
        var buffer = new List<ulong>();
        var counts = new Dictionary<ulong, int>();
        foreach (var example in train)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var doc = new AttributionTokens(example.Text, example.Analysis, example.Entities);
            var tags = GoldTags(doc, example.Gold);
            for (int s = 0; s < example.Analysis.Sentences.Count; s++)
            {
                var (lo, n) = Bounds(doc, s);
                if (n <= 0) continue;
                buffer.Clear();
                var offsets = new int[n + 1];
                AttributionTagFeatures.Extract(doc, s, buffer, offsets, firstPass is null ? [] : firstPass(example, s), options.Clusters);
                foreach (var h in buffer) counts[h] = counts.GetValueOrDefault(h) + 1;
                sequences.Add(([.. buffer], offsets));
                gold.Add(tags[lo..(lo + n)]);
            }
        }
        var table = new FeatureTable();
        foreach (var (hashes, offsets) in sequences) table.Add(hashes, offsets, offsets.Length - 1, h => counts[h] >= options.MinFeatureCount);
        sequences.Clear();
        var learner = new StructuredPerceptron(AttributionTagger.TagCount, table, gold);
        var order = Enumerable.Range(0, gold.Count).ToArray();
        var random = new Random(options.Seed);
        double bestF1 = -1;
        LinearSequenceModel? best = null;
        int bestEpoch = maxEpochs, sinceBest = 0;
        for (int epoch = 1; epoch <= maxEpochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            random.Shuffle(order);
            int mistakes = learner.Epoch(order, cancellationToken);
            var model = learner.Averaged(options.PruneBelow);
            double f1 = heldOut is null ? double.NaN : Evaluate(asTagger(model), heldOut, cancellationToken);
            onEpoch?.Invoke(new AttributionEpoch(pass, epoch, mistakes, f1, clock.Elapsed.TotalSeconds));
            if (heldOut is null || f1 > bestF1) { bestF1 = f1; best = model; bestEpoch = epoch; sinceBest = 0; }
            else if (++sinceBest >= options.Patience) break;
        }
        return (best ?? learner.Averaged(options.PruneBelow), bestEpoch);
    }

    /// <summary>Word clusters for <see cref="AttributionTrainingOptions.Clusters"/> from unlabelled <paramref name="texts"/>, tokenised as the
    /// engine tokenises and keyed as the tagger's features key words.</summary>
    public static Dictionary<ulong, ushort> BuildClusters(IEnumerable<string> texts, int clusters, int seed = 1, CancellationToken cancellationToken = default)
    {
        var analyzer = new TextAnalyzer();
        var sentences = new List<IReadOnlyList<string>>();
        foreach (var text in texts)
        {
            var analysis = analyzer.Analyze(text, cancellationToken);
            var tokens = analysis.Tokens;
            foreach (var s in analysis.Sentences)
            {
                int end = Math.Min(tokens.Count, s.FirstToken + s.TokenCount);
                var words = new string[Math.Max(0, end - s.FirstToken)];
                for (int i = s.FirstToken; i < end; i++) words[i - s.FirstToken] = tokens[i].Text(text).ToLowerInvariant().Replace('’', '\'');
                if (words.Length > 0) sentences.Add(words);
            }
        }
        return DistributionalClusters.Build(sentences, clusters, seed: seed, cancellationToken: cancellationToken);
    }

    /// <summary>Micro-averaged F1 of token roles (source, cue, content; B/I ignored) over <paramref name="examples"/>.</summary>
    public static double Evaluate(AttributionTagger tagger, IEnumerable<AttributionExample> examples, CancellationToken cancellationToken = default)
    {
        long correct = 0, predicted = 0, expected = 0;
        var buffer = new List<ulong>();
        foreach (var example in examples)
        {
            var doc = new AttributionTokens(example.Text, example.Analysis, example.Entities);
            var tags = GoldTags(doc, example.Gold);
            for (int s = 0; s < example.Analysis.Sentences.Count; s++)
            {
                var (lo, n) = Bounds(doc, s);
                if (n <= 0) continue;
                var guess = tagger.TagSentence(doc, s, buffer, cancellationToken);
                for (int i = 0; i < n; i++)
                {
                    int g = Viterbi.TypeOf(tags[lo + i]), p = Viterbi.TypeOf(guess[i]);
                    if (g >= 0) expected++;
                    if (p >= 0) predicted++;
                    if (g >= 0 && g == p) correct++;
                }
            }
        }
        double precision = predicted == 0 ? 0 : (double)correct / predicted, recall = expected == 0 ? 0 : (double)correct / expected;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    private static (int Lo, int Count) Bounds(AttributionTokens doc, int sentence)
    {
        var s = doc.Analysis.Sentences[sentence];
        return (s.FirstToken, Math.Min(doc.Analysis.Tokens.Count, s.FirstToken + s.TokenCount) - s.FirstToken);
    }

    /// <summary>IOB2 tags for every token of the text: a token takes the role of the first gold span it overlaps, and begins a span unless the
    /// token before it in its sentence has the same role in the same attribution.</summary>
    internal static int[] GoldTags(AttributionTokens doc, IReadOnlyList<GoldAttribution> gold)
    {
        var tokens = doc.Analysis.Tokens;
        int n = tokens.Count;
        var owner = new int[n];
        var role = new int[n];
        Array.Fill(owner, -1);
        for (int a = 0; a < gold.Count; a++)
        {
            void Mark(IReadOnlyList<TextSpan> spans, AttributionTagger.Role r)
            {
                foreach (var span in spans)
                    for (int i = doc.FirstAtOrAfter(span.Start); i < n && tokens[i].Span.Start < span.End; i++)
                        if (owner[i] < 0) { owner[i] = a; role[i] = (int)r; }
            }
            Mark(gold[a].Cue, AttributionTagger.Role.Cue);
            Mark(gold[a].Source, AttributionTagger.Role.Source);
            Mark(gold[a].Content, AttributionTagger.Role.Content);
        }
        var tags = new int[n];
        var sentenceStart = new bool[n];
        foreach (var s in doc.Analysis.Sentences) if (s.FirstToken < n) sentenceStart[s.FirstToken] = true;
        for (int i = 0; i < n; i++)
        {
            if (owner[i] < 0) continue;
            bool continues = i > 0 && !sentenceStart[i] && owner[i - 1] == owner[i] && role[i - 1] == role[i];
            tags[i] = continues ? AttributionTagger.Inside((AttributionTagger.Role)role[i]) : AttributionTagger.Begin((AttributionTagger.Role)role[i]);
        }
        return tags;
    }
}
