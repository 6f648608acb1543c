using System.CommandLine;
using System.Diagnostics;
using Storyline.Entities;
using Storyline.Training;

namespace Storyline.Bench;

/// <summary>
/// <c>ner --data FILE</c>: tags a CoNLL file document by document with the embedded model and reports conlleval precision/recall/F1 (overall
/// and per type), tokens per second after warm-up, and model load time, next to a same-run baseline: a longest-match dictionary tagger built from the training file.
/// </summary>
public static class NerBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "CoNLL file to tag and score", Required = true };
        var train = new Option<string?>("--train") { Description = "CoNLL training file for the dictionary baseline (default: conllpp_train.txt beside --data)" };
        var rounds = new Option<int>("--rounds") { Description = "Timed passes; the best is reported", DefaultValueFactory = _ => 3 };
        var predictions = new Option<string?>("--predictions") { Description = "Also write 'token gold guess' lines (conlleval input) to this file" };
        var model = new Option<string?>("--model") { Description = "Score this model file (from ner-train) instead of the embedded one" };
        var command = new Command("ner", "Named-entity tagging quality and speed on a CoNLL file") { data, train, rounds, predictions, model };
        command.SetAction(parse =>
        {
            var ct = CancellationToken.None;
            var dataPath = parse.GetValue(data)!;
            var sentences = ConllCorpus.Read(dataPath);
            long tokens = sentences.Sum(s => (long)s.Tokens.Count);
            if (tokens == 0) { Console.Error.WriteLine("error: no tokens in " + dataPath); return 1; }

            var modelPath = parse.GetValue(model);
            NerTagger Load()
            {
                if (modelPath is null) return NerTagger.LoadEmbedded();
                using var file = File.OpenRead(modelPath);
                return NerTagger.Load(file);
            }
            var clock = Stopwatch.StartNew();
            var tagger = Load();
            double loadMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            _ = Load();
            double reloadMs = clock.Elapsed.TotalMilliseconds;
            long modelBytes;
            if (modelPath is not null) modelBytes = new FileInfo(modelPath).Length;
            else using (var resource = typeof(NerTagger).Assembly.GetManifestResourceStream("Storyline.Entities.Model.ner.bin")!) modelBytes = resource.Length;

            var eval = NerTrainer.Evaluate(tagger, sentences, ct);   // also the warm-up
            if (parse.GetValue(predictions) is { } predictionsPath) WritePredictions(predictionsPath, tagger, sentences);
            var documents = NerTrainer.Documents(sentences).Select(d => (IReadOnlyList<IReadOnlyList<string>>)[.. d.Select(i => sentences[i].Tokens)]).ToList();
            double seconds = Time(d => tagger.PredictDocument(d, ct).Length, documents, parse.GetValue(rounds));
            Console.WriteLine($"model: P {eval.Overall.Precision:0.0000} R {eval.Overall.Recall:0.0000} F1 {eval.Overall.F1:0.0000}, {tokens / seconds:0} tokens/s");

            object? baseline = null;
            var trainPath = parse.GetValue(train) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataPath))!, "conllpp_train.txt");
            if (File.Exists(trainPath))
            {
                var dictionary = DictionaryTagger.Build(ConllCorpus.Read(trainPath));
                var baseEval = new ConllEval();
                foreach (var s in sentences) baseEval.Add(s.Tags, dictionary.TagBio(s.Tokens));
                double baseSeconds = Time(d => d.Sum(s => dictionary.TagBio(s).Length), documents, parse.GetValue(rounds));
                Console.WriteLine($"dictionary baseline: F1 {baseEval.Overall.F1:0.0000}, {tokens / baseSeconds:0} tokens/s");
                baseline = new
                {
                    name = "longest-match dictionary from train",
                    precision = BenchOutput.R(baseEval.Overall.Precision),
                    recall = BenchOutput.R(baseEval.Overall.Recall),
                    f1 = BenchOutput.R(baseEval.Overall.F1),
                    tokens_per_second = BenchOutput.R(tokens / baseSeconds, 0),
                };
            }

            BenchOutput.Write(new
            {
                bench = "ner",
                data = dataPath,
                sentences = sentences.Count,
                tokens,
                precision = BenchOutput.R(eval.Overall.Precision),
                recall = BenchOutput.R(eval.Overall.Recall),
                f1 = BenchOutput.R(eval.Overall.F1),
                per_type = eval.ByType.ToDictionary(s => s.Type, s => new
                {
                    precision = BenchOutput.R(s.Precision),
                    recall = BenchOutput.R(s.Recall),
                    f1 = BenchOutput.R(s.F1),
                    gold = s.Gold,
                    guessed = s.Guessed,
                    correct = s.Correct,
                }),
                token_accuracy = BenchOutput.R(eval.TokenAccuracy),
                tokens_per_second = BenchOutput.R(tokens / seconds, 0),
                load_ms = BenchOutput.R(loadMs, 1),
                reload_ms = BenchOutput.R(reloadMs, 1),
                model_bytes = modelBytes,
                features = tagger.FeatureCount,
                baseline,
            });
            return 0;
        });
        return command;
    }

    private static void WritePredictions(string path, NerTagger tagger, List<ConllSentence> sentences)
    {
        using var writer = new StreamWriter(path);
        foreach (var document in NerTrainer.Documents(sentences))
        {
            var guessed = tagger.TagDocumentBio([.. document.Select(i => sentences[i].Tokens)]);
            for (int j = 0; j < document.Count; j++)
            {
                var s = sentences[document[j]];
                for (int i = 0; i < s.Tokens.Count; i++) writer.WriteLine($"{s.Tokens[i]} {s.Tags[i]} {guessed[j][i]}");
                writer.WriteLine();
            }
        }
    }

    // Best wall time of single-threaded passes over every document (the tagger reads a document at a time, as the engine does).
    private static double Time(Func<IReadOnlyList<IReadOnlyList<string>>, int> tag, List<IReadOnlyList<IReadOnlyList<string>>> documents, int rounds)
    {
        double best = double.MaxValue;
        long sink = 0;
        foreach (var d in documents) sink += tag(d);
        for (int r = 0; r < Math.Max(1, rounds); r++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var d in documents) sink += tag(d);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        GC.KeepAlive(sink);
        return best;
    }
}

/// <summary>Baseline tagger: the longest phrase (up to 6 tokens, exact case) seen as an entity in training, with its most frequent type.</summary>
internal sealed class DictionaryTagger
{
    private const int MaxLength = 6;
    private readonly Dictionary<string, string> _phrases;

    private DictionaryTagger(Dictionary<string, string> phrases) => _phrases = phrases;

    public static DictionaryTagger Build(IEnumerable<ConllSentence> train)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var s in train)
        {
            foreach (var e in ConllCorpus.Entities(s))
            {
                if (e.Length > MaxLength) continue;
                var key = e.Text(s.Tokens);
                if (!counts.TryGetValue(key, out var byType)) counts[key] = byType = new(StringComparer.Ordinal);
                byType[e.Type] = byType.GetValueOrDefault(e.Type) + 1;
            }
        }
        return new DictionaryTagger(counts.ToDictionary(kv => kv.Key, kv => kv.Value.MaxBy(t => t.Value).Key, StringComparer.Ordinal));
    }

    public string[] TagBio(IReadOnlyList<string> tokens)
    {
        var tags = new string[tokens.Count];
        Array.Fill(tags, "O");
        for (int i = 0; i < tokens.Count;)
        {
            int matched = 0;
            string? type = null;
            var phrase = "";
            for (int len = 1; len <= MaxLength && i + len <= tokens.Count; len++)
            {
                phrase = len == 1 ? tokens[i] : phrase + " " + tokens[i + len - 1];
                if (_phrases.TryGetValue(phrase, out var t)) { matched = len; type = t; }
            }
            if (type is null) { i++; continue; }
            tags[i] = "B-" + type;
            for (int k = 1; k < matched; k++) tags[i + k] = "I-" + type;
            i += matched;
        }
        return tags;
    }
}
