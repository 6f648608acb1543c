using System.CommandLine;
using Storyline.Attribution;
using Storyline.Attribution.Transformer;
using Storyline.Bench.Attribution;
using Storyline.Entities;
using Storyline.Text;

namespace Storyline.Bench;

/// <summary><c>attribution-agreement --data SPLIT...</c>: how well PolNeAR's annotators agree with each other on the articles several of them
/// annotated, scored with the metric <c>attribution</c> scores the engine with (each pair of annotators once, one taken as gold), beside
/// the engine scored against each of the same annotators: the ceiling a goal on that metric can sensibly ask for.</summary>
public static class AttributionAgreementBench
{
    public static Command Create()
    {
        var data = new Option<string[]>("--data")
        {
            Description = "PolNeAR split folders, e.g. ../shared/eval/polnear/data/train ../shared/eval/polnear/data/dev",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var transformer = new Option<string?>("--transformer") { Description = "Also score the hybrid with this transformer tagger file (default: the embedded one when the assembly has it)" };
        var command = new Command("attribution-agreement", "Inter-annotator agreement on PolNeAR's multiply annotated articles, beside the engine") { data, transformer };
        command.SetAction(parse =>
        {
            var ct = CancellationToken.None;
            var articles = parse.GetValue(data)!.SelectMany(folder => PolnearCorpus.LoadMultiplyAnnotated(folder).Select(a => (Folder: folder, a.Name, a.Text, a.Annotators))).ToList();
            if (articles.Count == 0) { Console.Error.WriteLine($"error: {string.Join(", ", parse.GetValue(data)!)}: no article annotated by several annotators"); return 1; }
            var analyzer = new TextAnalyzer();
            var ner = new NamedEntityRecognizer();
            var engines = new List<(string Name, IAttributionExtractor Extractor)> { ("linear hybrid", TaggedAttributionExtractor.CreateDefault()) };
            if (parse.GetValue(transformer) is { } path || TransformerAttributionTagger.HasEmbeddedModel)
                engines.Add(("transformer hybrid", TaggedAttributionExtractor.Create(AttributionTaggerKind.Transformer, TransformerTaggerOptions.Default with { ModelPath = parse.GetValue(transformer) })));

            var human = new AttributionMetrics();
            var engineMetrics = engines.Select(_ => new AttributionMetrics()).ToList();
            int pairs = 0;
            foreach (var (_, _, text, annotators) in articles)
            {
                for (int i = 0; i < annotators.Count; i++)
                    for (int j = i + 1; j < annotators.Count; j++, pairs++) human.Add(text, annotators[i], annotators[j]);
                var analysis = analyzer.Analyze(text, ct);
                var entities = ner.Recognize(text, analysis, ct);
                for (int e = 0; e < engines.Count; e++)
                {
                    var predicted = engines[e].Extractor.Extract(text, analysis, entities, ct).Where(a => a.Parent is null).Select(AttributionBench.ToTriple).ToList();
                    foreach (var gold in annotators) engineMetrics[e].Add(text, gold, predicted);
                }
            }
            static string Line(AttributionMetrics m) =>
                $"content overlap P {m.ContentOverlap.Precision:0.000} R {m.ContentOverlap.Recall:0.000} F1 {m.ContentOverlap.F1:0.000} | exact F1 {m.ContentExact.F1:0.000} | source exact {m.SourceExact.F1:0.000} | cue overlap {m.CueOverlap.F1:0.000}";
            Console.WriteLine($"{articles.Count} articles ({string.Join(", ", articles.GroupBy(a => a.Folder).Select(g => $"{g.Count()} in {g.Key}"))}), {pairs} annotator pairs");
            Console.WriteLine($"annotators vs annotators: {Line(human)}");
            for (int e = 0; e < engines.Count; e++) Console.WriteLine($"{engines[e].Name} vs annotators: {Line(engineMetrics[e])}");
            BenchOutput.Write(new
            {
                bench = "attribution-agreement",
                data = parse.GetValue(data),
                articles = articles.Count,
                annotator_pairs = pairs,
                annotators = human.ToJson(),
                engines = engines.Select((x, e) => new { name = x.Name, metrics = engineMetrics[e].ToJson() }),
            });
            return 0;
        });
        return command;
    }
}
