using System.CommandLine;
using System.Diagnostics;
using Storyline.Attribution;
using Storyline.Attribution.Transformer;
using Storyline.Bench.Attribution;
using Storyline.Entities;
using Storyline.Text;

namespace Storyline.Bench;

/// <summary><c>attribution --data FOLDER</c>: scores the attribution extractor on a PolNeAR split (text/ and attributions/),
/// with a same-run baseline that takes every closed quotation as a content with no source.</summary>
public static class AttributionBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "A PolNeAR split folder, e.g. ../shared/eval/polnear/data/dev", Required = true };
        var errors = new Option<int>("--errors") { Description = "Print up to N missed and spurious contents" };
        var nested = new Option<bool>("--nested") { Description = "Also score nested attributions (PolNeAR annotates each token in at most one attribution, so by default only top-level ones are scored)" };
        var show = new Option<string?>("--show") { Description = "Print gold and predicted attributions of the documents whose name contains this" };
        var samples = new Option<string?>("--samples") { Description = "Also print what the extractor finds in each .txt file of this folder (e.g. ../shared/samples/xinjiang)" };
        var learned = new Option<string>("--learned") { Description = "rules (the rule extractor alone), tagger (the learned tagger alone), hybrid (the default pipeline: the rules' structural finds, then the tagger, then the rules where it found nothing) or rules-first (all the rules' finds, then the tagger)", DefaultValueFactory = _ => "hybrid" };
        var model = new Option<string?>("--model") { Description = "Attribution tagger model file to use instead of the embedded one" };
        var rounds = new Option<int>("--rounds") { Description = "Timed passes over the split (documents per second is the best pass)", DefaultValueFactory = _ => 1 };
        var boundaries = new Option<int>("--boundaries") { Description = "Tally the boundary errors of contents that overlap gold but miss it exactly (words added or left out at each edge) and print the N most common" };
        var boundaryExamples = new Option<bool>("--boundary-examples") { Description = "With --boundaries, also print each boundary error: the differing edge text (⟦…⟧) with its context, or both contents when their fragment counts differ" };
        var dump = new Option<string?>("--dump") { Description = "Write every document's gold and predicted spans (character offsets of source, cue and content parts) to this JSON file, for error analysis" };
        var transformer = new Option<string?>("--transformer") { Description = "A transformer tagger file (bench/Storyline.Bench.FineTune export): tagger and hybrid use it instead of the linear tagger" };
        var batch = new Option<int>("--batch") { Description = "With --transformer: sentence chunks per ONNX Runtime call", DefaultValueFactory = _ => TransformerTaggerOptions.Default.BatchSize };
        var threads = new Option<int>("--threads") { Description = "With --transformer: ONNX Runtime intra-op threads", DefaultValueFactory = _ => TransformerTaggerOptions.Default.IntraOpThreads };
        var floatModel = new Option<bool>("--float") { Description = "With --transformer: run the float model instead of int8" };
        var command = new Command("attribution", "Who said what: attribution extraction against PolNeAR gold (source, cue, content)") { data, errors, nested, show, samples, learned, model, rounds, boundaries, boundaryExamples, dump, transformer, batch, threads, floatModel };
        command.SetAction((parse, ct) =>
        {
            var folder = parse.GetValue(data)!;
            var docs = PolnearCorpus.Load(folder);
            if (docs.Count == 0) { Console.Error.WriteLine($"error: {folder}: no annotated PolNeAR documents (text/*.txt with attributions/*.ann) found"); return Task.FromResult(1); }
            var analyzer = new TextAnalyzer();
            var ner = new NamedEntityRecognizer();
            AttributionTagger? tagger = parse.GetValue(model) is { } modelPath ? LoadModel(modelPath) : AttributionTagger.Default;
            var rules = new AttributionExtractor();
            var neural = parse.GetValue(transformer) is { } taggerPath
                ? TransformerAttributionTagger.Load(new TransformerTaggerOptions(taggerPath, parse.GetValue(threads), parse.GetValue(batch), Quantized: !parse.GetValue(floatModel)))
                : null;
            IAttributionExtractor extractor = parse.GetValue(learned) switch
            {
                "tagger" when neural is not null => neural,
                "hybrid" when neural is not null => new TaggedAttributionExtractor(rules, neural) { TaggerFirst = true },
                "rules-first" when neural is not null => new TaggedAttributionExtractor(rules, neural),
                "rules" => rules,
                "tagger" when tagger is not null => tagger,
                "hybrid" when tagger is not null => new TaggedAttributionExtractor(rules, tagger) { TaggerFirst = true },
                "rules-first" when tagger is not null => new TaggedAttributionExtractor(rules, tagger),
                var other => throw new ArgumentException($"--learned {other}: expected rules, tagger, hybrid or rules-first (all but rules need a model)"),
            };
            bool withNested = parse.GetValue(nested);

            // Analysis and NER are earlier stages: run them first so the timing covers the attribution stage alone.
            var inputs = docs.Select(d =>
            {
                var analysis = analyzer.Analyze(d.Text, ct);
                return (Analysis: analysis, Entities: ner.Recognize(d.Text, analysis, ct));
            }).ToList();
            for (int i = 0; i < Math.Min(docs.Count, 20); i++) extractor.Extract(docs[i].Text, inputs[i].Analysis, inputs[i].Entities, ct);

            var outputs = new List<IReadOnlyList<Storyline.Attribution.Attribution>>(docs.Count);
            double seconds = double.MaxValue;
            for (int round = 0; round < Math.Max(1, parse.GetValue(rounds)); round++)
            {
                outputs.Clear();
                var sw = Stopwatch.StartNew();
                for (int i = 0; i < docs.Count; i++) outputs.Add(extractor.Extract(docs[i].Text, inputs[i].Analysis, inputs[i].Entities, ct));
                seconds = Math.Min(seconds, sw.Elapsed.TotalSeconds);
            }

            var metrics = new AttributionMetrics();
            var baseline = new AttributionMetrics();
            var tally = new Dictionary<string, int>(StringComparer.Ordinal);
            int shown = 0, limit = parse.GetValue(errors);
            for (int i = 0; i < docs.Count; i++)
            {
                var predicted = outputs[i].Where(a => withNested || a.Parent is null).Select(ToTriple).ToList();
                metrics.Add(docs[i].Text, docs[i].Gold, predicted);
                var quotes = inputs[i].Analysis.Quotations.Where(q => q.IsClosed && q.Depth == 1)
                    .Select(q => new AttributionTriple(null, null, new Fragments(q.Segments.Select(s => (s.Start, s.End)).ToList()))).ToList();
                baseline.Add(docs[i].Text, docs[i].Gold, quotes);
                if (shown < limit) shown += PrintErrors(docs[i], predicted, limit - shown);
                if (parse.GetValue(boundaries) > 0) TallyBoundaries(docs[i], predicted, tally, parse.GetValue(boundaryExamples));
                if (parse.GetValue(show) is { Length: > 0 } name && docs[i].Name.Contains(name, StringComparison.Ordinal)) PrintAll(docs[i], predicted);
            }

            if (parse.GetValue(dump) is { Length: > 0 } dumpPath)
                File.WriteAllText(dumpPath, System.Text.Json.JsonSerializer.Serialize(docs.Select((d, i) => new
                {
                    name = d.Name,
                    text = d.Text,
                    gold = d.Gold.Select(DumpTriple),
                    predicted = outputs[i].Where(a => withNested || a.Parent is null).Select(ToTriple).Select(DumpTriple),
                })));
            foreach (var (kind, count) in tally.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Take(parse.GetValue(boundaries)))
                Console.WriteLine($"{count,5} {kind}");
            if (parse.GetValue(samples) is { Length: > 0 } sampleFolder) PrintSamples(sampleFolder, analyzer, ner, extractor, ct);
            var m = metrics;
            Console.WriteLine($"documents {docs.Count}, gold {m.ContentOverlap.Gold}, predicted {m.ContentOverlap.Predicted}");
            Console.WriteLine($"content overlap P {m.ContentOverlap.Precision:0.000} R {m.ContentOverlap.Recall:0.000} F1 {m.ContentOverlap.F1:0.000} | exact F1 {m.ContentExact.F1:0.000}");
            Console.WriteLine($"source  overlap F1 {m.SourceOverlap.F1:0.000} | exact F1 {m.SourceExact.F1:0.000} | cue overlap F1 {m.CueOverlap.F1:0.000} | triples F1 {m.TripleOverlap.F1:0.000}");
            Console.WriteLine($"baseline (closed quotations, no source): content overlap F1 {baseline.ContentOverlap.F1:0.000}, triples F1 {baseline.TripleOverlap.F1:0.000}");
            BenchOutput.Write(new
            {
                bench = "attribution",
                data = folder,
                documents = docs.Count,
                nested = withNested,
                learned = parse.GetValue(learned),
                transformer = parse.GetValue(transformer),
                transformer_batch = neural is null ? (int?)null : parse.GetValue(batch),
                transformer_float = neural is null ? (bool?)null : parse.GetValue(floatModel),
                metrics = metrics.ToJson(),
                documents_per_second = BenchOutput.R(docs.Count / Math.Max(seconds, 1e-9), 1),
                baseline_closed_quotes = baseline.ToJson(),
            });
            return Task.FromResult(0);
        });
        return command;
    }

    private static AttributionTagger LoadModel(string path)
    {
        using var file = File.OpenRead(path);
        return AttributionTagger.Load(file);
    }

    private static object DumpTriple(AttributionTriple t)
    {
        static int[][]? Parts(Fragments? f) => f?.Parts.Select(p => new[] { p.Start, p.End }).ToArray();
        return new { source = Parts(t.Source), cue = Parts(t.Cue), content = Parts(t.Content) };
    }

    internal static AttributionTriple ToTriple(Storyline.Attribution.Attribution a) => new(
        a.Source is { } s ? Fragments.Of(s.Start, s.End) : null,
        a.Cue is { } c ? Fragments.Of(c.Start, c.End) : null,
        new Fragments(a.Content.Parts.Select(p => (p.Start, p.End)).ToList()));

    private static int PrintErrors(PolnearDocument doc, List<AttributionTriple> predicted, int limit)
    {
        var pairs = AttributionMetrics.Match(doc.Gold.Select(g => g.Content).ToList(), predicted.Select(p => p.Content).ToList(), doc.Text, exact: false);
        var matchedGold = pairs.Select(p => p.Gold).ToHashSet();
        var matchedPredicted = pairs.Select(p => p.Predicted).ToHashSet();
        int shown = 0;
        string Show(Fragments? f) => f is null ? "-" : string.Join(" | ", f.Parts.Select(p => doc.Text[p.Start..Math.Min(p.End, doc.Text.Length)])).ReplaceLineEndings(" ");
        for (int g = 0; g < doc.Gold.Count && shown < limit; g++)
        {
            if (matchedGold.Contains(g)) continue;
            // A miss whose content is inside a prediction matched to another gold: the prediction ran over two statements.
            var covered = predicted.Any(p => p.Content.OverlapWith(doc.Gold[g].Content) > 0) ? "MISS+" : "MISS";
            Console.WriteLine($"{covered} {doc.Name}: [{Show(doc.Gold[g].Source)}] [{Show(doc.Gold[g].Cue)}] {Truncate(Show(doc.Gold[g].Content))}");
            if (covered == "MISS+" && predicted.FirstOrDefault(p => p.Content.OverlapWith(doc.Gold[g].Content) > 0) is { } host)
                Console.WriteLine($"    in: [{Show(host.Source)}] [{Show(host.Cue)}] {Show(host.Content)}");
            shown++;
        }
        for (int p = 0; p < predicted.Count && shown < limit; p++)
        {
            if (matchedPredicted.Contains(p)) continue;
            Console.WriteLine($"FALSE {doc.Name}: [{Show(predicted[p].Source)}] [{Show(predicted[p].Cue)}] {Truncate(Show(predicted[p].Content))}");
            shown++;
        }
        foreach (var (g, p) in pairs)
        {
            if (shown >= limit) break;
            var gs = doc.Gold[g].Source;
            var ps = predicted[p].Source;
            if (gs is not null && (ps is null || gs.OverlapWith(ps) == 0))
            {
                Console.WriteLine($"SOURCE {doc.Name}: gold [{Show(gs)}] got [{Show(ps)}] for {Truncate(Show(doc.Gold[g].Content))}");
                shown++;
            }
        }
        return shown;
    }

    // Each content matched by overlap but not exactly counts once per differing edge, as the words the prediction adds ("+") or
    // leaves out ("-") there (a long difference is shown by its first words), so that the commonest boundary mistakes stand out.
    private static void TallyBoundaries(PolnearDocument doc, List<AttributionTriple> predicted, Dictionary<string, int> tally, bool examples)
    {
        var text = doc.Text;
        var exact = AttributionMetrics.Match(doc.Gold.Select(g => g.Content).ToList(), predicted.Select(p => p.Content).ToList(), text, exact: true)
            .Select(p => p.Gold).ToHashSet();
        foreach (var (g, p) in AttributionMetrics.Match(doc.Gold.Select(g => g.Content).ToList(), predicted.Select(p => p.Content).ToList(), text, exact: false))
        {
            if (exact.Contains(g)) continue;
            var gold = doc.Gold[g].Content.Trimmed(text);
            var guess = predicted[p].Content.Trimmed(text);
            if (gold.Parts.Count == 0 || guess.Parts.Count == 0) continue;
            if (gold.Parts.Count != guess.Parts.Count)
            {
                Count(tally, $"fragments gold {Math.Min(gold.Parts.Count, 3)} predicted {Math.Min(guess.Parts.Count, 3)}");
                if (examples)
                    Console.WriteLine($"FRAG gold {string.Join(" || ", gold.Parts.Select(x => text[x.Start..x.End]))}\n     pred {string.Join(" || ", guess.Parts.Select(x => text[x.Start..x.End]))}".ReplaceLineEndings(" "));
                continue;
            }
            int gs = gold.Parts[0].Start, ps = guess.Parts[0].Start, ge = gold.Parts[^1].End, pe = guess.Parts[^1].End;
            if (gs != ps) Count(tally, "start " + (ps < gs ? "+" + Words(text[ps..gs], first: false) : "-" + Words(text[gs..ps], first: false)));
            if (ge != pe) Count(tally, "end   " + (pe > ge ? "+" + Words(text[ge..pe], first: true) : "-" + Words(text[pe..ge], first: true)));
            if (ge != pe && examples)
                Console.WriteLine($"EDGE end {(pe > ge ? "+" : "-")} {text[Math.Max(gs, Math.Min(ge, pe) - 60)..Math.Min(ge, pe)]} ⟦{text[Math.Min(ge, pe)..Math.Max(ge, pe)]}⟧".ReplaceLineEndings(" "));
            if (gs != ps && examples)
                Console.WriteLine($"EDGE start {(ps < gs ? "+" : "-")} ⟦{text[Math.Min(gs, ps)..Math.Max(gs, ps)]}⟧ {text[Math.Max(gs, ps)..Math.Min(Math.Max(gs, ps) + 50, Math.Min(ge, pe))]}".ReplaceLineEndings(" "));
            if (gs == ps && ge == pe) Count(tally, "inner fragment edges");
        }

        static void Count(Dictionary<string, int> tally, string key) => tally[key] = tally.GetValueOrDefault(key) + 1;

        // The word nearest the boundary (the last before a start, the first after an end) and how many words the difference has.
        static string Words(string s, bool first)
        {
            var words = s.ReplaceLineEndings(" ").Replace(",", " , ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) return "(space)";
            var near = (first ? words[0] : words[^1]).ToLowerInvariant();
            var size = words.Length switch { 1 => "1", <= 3 => "2-3", <= 8 => "4-8", _ => "9+" };
            return first ? $"{near} … ({size} words)" : $"… {near} ({size} words)";
        }
    }

    private static void PrintSamples(string folder, TextAnalyzer analyzer, NamedEntityRecognizer ner, IAttributionExtractor extractor, CancellationToken ct)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var analysis = analyzer.Analyze(text, ct);
            var found = extractor.Extract(text, analysis, ner.Recognize(text, analysis, ct), ct);
            Console.WriteLine($"== {Path.GetFileName(file)}: {found.Count} attributions");
            foreach (var a in found)
            {
                var flags = (a.IsQuestion ? "Q " : "") + (a.SourceFromHandover ? "H " : "") + (a.Parent is { } p ? $"^{p} " : "");
                var content = string.Join(" | ", a.Content.Parts.Select(x => x.Slice(text))).ReplaceLineEndings(" ");
                Console.WriteLine($"  {flags}{a.Kind} [{a.Source?.Slice(text)}] [{a.Cue?.Slice(text)}] {Truncate(content)}");
            }
        }
    }

    private static void PrintAll(PolnearDocument doc, List<AttributionTriple> predicted)
    {
        string Show(Fragments? f) => f is null ? "-" : string.Join(" | ", f.Parts.Select(p => doc.Text[p.Start..Math.Min(p.End, doc.Text.Length)])).ReplaceLineEndings(" ");
        foreach (var (label, list) in new[] { ("GOLD", doc.Gold), ("PRED", (IReadOnlyList<AttributionTriple>)predicted) })
            foreach (var t in list.OrderBy(t => t.Content.Parts[0].Start))
                Console.WriteLine($"{label} [{Show(t.Source)}] [{Show(t.Cue)}] {Truncate(Show(t.Content))}");
    }

    private static string Truncate(string s) => s.Length <= 110 ? s : s[..110] + "…";
}
