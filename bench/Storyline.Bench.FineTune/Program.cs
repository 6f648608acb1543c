using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Storyline.Attribution;
using Storyline.Attribution.Transformer;
using Storyline.Bench;
using Storyline.Bench.Attribution;
using Storyline.Bench.FineTune;
using Storyline.Language.Embeddings;
using Storyline.Training;
using TorchSharp;
using Tensor = TorchSharp.torch.Tensor;
using Linear = TorchSharp.Modules.Linear;
using static TorchSharp.torch;

// Experiment: all-MiniLM-L6-v2 fine-tuned (top layers, or all) as a BIO tagger of PolNeAR sources, cues and contents over the engine's
// own tokens (the label of a token is predicted from its first word piece), decoded by AttributionTagger.ToAttributions and scored by
// the attribution bench's AttributionMetrics, exactly as `Storyline.Bench attribution` scores an extractor.
//   verify                         the TorchSharp encoder against ONNX Runtime on the package's model
//   train --data DIR --trainable K --epochs N [--lr X] [--out FILE] [--threads T]
//   eval --data DIR --model FILE [--time]   oracle --data DIR
//   export --model FILE --out TAGGER        what fine-tuning changed, as the engine's TransformerAttributionTagger reads it
var argv = args.ToList();
string Arg(string name, string fallback) { int i = argv.IndexOf(name); return i >= 0 && i + 1 < argv.Count ? argv[i + 1] : fallback; }
torch.set_num_threads(int.Parse(Arg("--threads", "2")));
torch.manual_seed(1);
var onnxBytes = ReadModel();
var model = new MiniLmTagger(AttributionTagger.TagCount);
model.LoadOnnx(ModelProto.Parser.ParseFrom(onnxBytes));
var pieces = new WordPieces();

switch (argv.FirstOrDefault())
{
    case "verify": Verify(); break;
    case "train": Train(); break;
    case "eval": EvaluateSaved(); break;
    case "oracle": Oracle(); break;
    case "export": Export(); break;
    default: Console.Error.WriteLine("usage: verify | train --data ../shared/eval/polnear/data --trainable 2 --epochs 3"); return 2;
}
return 0;

static byte[] ReadModel()
{
    using var stream = Storyline.Language.Embeddings.QuantizedMiniLm.OpenPackageModel();
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    return memory.ToArray();
}

void Verify()
{
    string[] sentences = ["The senator said on Tuesday that the bill would pass.", "“We will not back down,” Trump told reporters in Ohio, according to a transcript.", "Hello."];
    var ids = sentences.Select(s => { var l = new List<int> { WordPieces.Cls }; foreach (var w in s.Split(' ')) pieces.Append(w, l); l.Add(WordPieces.Sep); return l; }).ToList();
    int length = ids.Max(x => x.Count), count = ids.Count;
    var flat = new long[count * length];
    var mask = new long[count * length];
    for (int s = 0; s < count; s++) for (int t = 0; t < ids[s].Count; t++) { flat[s * length + t] = ids[s][t]; mask[s * length + t] = 1; }
    using var session = new InferenceSession(onnxBytes);
    int[] shape = [count, length];
    using var output = session.Run([
        NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(flat, shape)),
        NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
        NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[count * length], shape))]);
    var reference = ((DenseTensor<float>)output[0].Value).Buffer.ToArray();
    model.eval();
    using var _ = no_grad();
    using var hidden = model.forward(tensor(flat, [count, length]), tensor(mask, [count, length]));
    var mine = hidden.data<float>().ToArray();
    double maxDiff = 0;
    for (int s = 0; s < count; s++) for (int t = 0; t < ids[s].Count; t++) for (int d = 0; d < 384; d++)
    {
        int k = (s * length + t) * 384 + d;
        maxDiff = Math.Max(maxDiff, Math.Abs(mine[k] - reference[k]));
    }
    Console.WriteLine($"verify: {count} sentences, {length} pieces, output '{output[0].Name}', max |TorchSharp - ONNX Runtime| over real pieces = {maxDiff:E2}; first values {string.Join(" ", mine.Take(4).Select(x => x.ToString("0.0000")))} vs {string.Join(" ", reference.Take(4).Select(x => x.ToString("0.0000")))}");
}

void Train()
{
    string data = Arg("--data", "../shared/eval/polnear/data");
    int trainable = int.Parse(Arg("--trainable", "2")), epochs = int.Parse(Arg("--epochs", "3"));
    double lr = double.Parse(Arg("--lr", "1e-4"), System.Globalization.CultureInfo.InvariantCulture);
    int limit = int.Parse(Arg("--limit", "0")), evalEvery = int.Parse(Arg("--eval-every", "0"));
    string output = Arg("--out", $"minilm-top{trainable}.bin");
    // Continue from a saved model (same architecture) with a fresh schedule; --seed changes the batch order.
    if (Arg("--init", "") is { Length: > 0 } init) { model.load(init); Console.WriteLine($"initialised from {init}"); }
    int frozen = 6 - trainable;
    var clock = Stopwatch.StartNew();
    var ct = CancellationToken.None;
    var trainDocs = PolnearCorpus.Load(Path.Combine(data, "train"));
    if (limit > 0) trainDocs = trainDocs.Take(limit).ToList();
    var devDocs = PolnearCorpus.Load(Path.Combine(data, "dev"));
    var train = AttributionTrainBench.ToExamples(trainDocs, ct);
    var dev = AttributionTrainBench.ToExamples(devDocs, ct);
    var trainChunks = Chunks(train, withLabels: true);
    var devChunks = Chunks(dev, withLabels: false);
    Console.WriteLine($"prepared {train.Count} train documents ({trainChunks.Count} chunks, {trainChunks.Sum(c => c.Ids.Length)} pieces), {dev.Count} dev ({devChunks.Count} chunks) in {clock.Elapsed.TotalSeconds:0}s");

    model.eval();
    clock.Restart();
    var trainBatches = Batches(trainChunks, frozen);
    var devBatches = Batches(devChunks, frozen);
    Console.WriteLine($"cached layer-{frozen} states of {trainBatches.Count} train and {devBatches.Count} dev batches in {clock.Elapsed.TotalSeconds:0}s");

    var parameters = model.Layers.Skip(frozen).SelectMany(l => l.parameters()).Concat(model.Head.parameters()).ToList();
    foreach (var p in model.parameters()) p.requires_grad = false;
    foreach (var p in parameters) p.requires_grad = true;
    var optimizer = optim.AdamW(parameters, lr: lr, weight_decay: 0.01);
    int steps = epochs * trainBatches.Count, step = 0;
    var random = new Random(int.Parse(Arg("--seed", "1")));
    for (int epoch = 1; epoch <= epochs; epoch++)
    {
        model.train();
        clock.Restart();
        var order = Enumerable.Range(0, trainBatches.Count).ToArray();
        random.Shuffle(order);
        double lossSum = 0;
        foreach (int b in order)
        {
            using var scope = NewDisposeScope();
            var batch = trainBatches[b];
            // Linear warm-up over the first 5% of steps, then linear decay to zero.
            double warm = Math.Max(1, steps * 0.05);
            double rate = lr * (step < warm ? (step + 1) / warm : Math.Max(0, (steps - step) / (steps - warm)));
            foreach (var g in optimizer.ParamGroups) g.LearningRate = rate;
            var x = model.Run(batch.Hidden, batch.MaskAdd, frozen, 6);
            var logits = model.Classify(x.view(-1, BertLayer.Hidden).index_select(0, batch.Positions));
            var loss = nn.functional.cross_entropy(logits, batch.Labels!);
            optimizer.zero_grad();
            loss.backward();
            nn.utils.clip_grad_norm_(parameters, 1.0);
            optimizer.step();
            lossSum += loss.item<float>();
            step++;
            if (evalEvery > 0 && step % evalEvery == 0 && step % trainBatches.Count != 0)
            {
                Console.WriteLine($"step {step}: mean loss {lossSum / (step - (epoch - 1) * trainBatches.Count):0.0000}, {clock.Elapsed.TotalSeconds:0}s into epoch {epoch}");
                Evaluate(dev, devDocs, devChunks, devBatches, frozen, $"step {step}");
                model.save(output);
                File.Copy(output, $"{output}.step{step}", overwrite: true);
                model.train();
            }
        }
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"epoch {epoch}: mean loss {lossSum / trainBatches.Count:0.0000}, {seconds:0}s");
        Evaluate(dev, devDocs, devChunks, devBatches, frozen, $"epoch {epoch}");
        model.save(output);
        File.Copy(output, $"{output}.epoch{epoch}", overwrite: true);
    }
    Console.WriteLine($"saved {output} ({new FileInfo(output).Length / 1e6:0.0} MB whole model; trained part {parameters.Sum(p => p.numel()) * 4 / 1e6:0.0} MB as float32)");
    TimeInference(devChunks);
}

// The ceiling of any sentence-level tagger decoded this way: the gold tags of dev's tokens through the same decoding and scoring.
void Oracle()
{
    string data = Arg("--data", "../shared/eval/polnear/data");
    var devDocs = PolnearCorpus.Load(Path.Combine(data, "dev"));
    var dev = AttributionTrainBench.ToExamples(devDocs, CancellationToken.None);
    var tagsOf = new Dictionary<(int Doc, int Sentence), int[]>();
    for (int d = 0; d < dev.Count; d++)
    {
        var tags = AttributionTaggerTrainer.GoldTags(new AttributionTokens(dev[d].Text, dev[d].Analysis, dev[d].Entities), dev[d].Gold);
        var tokens = dev[d].Analysis.Tokens;
        for (int s = 0; s < dev[d].Analysis.Sentences.Count; s++)
        {
            var sentence = dev[d].Analysis.Sentences[s];
            int end = Math.Min(tokens.Count, sentence.FirstToken + sentence.TokenCount);
            tagsOf[(d, s)] = tags[sentence.FirstToken..end];
        }
    }
    Score(dev, devDocs, tagsOf, "oracle (gold token tags)");
}

void EvaluateSaved()
{
    string data = Arg("--data", "../shared/eval/polnear/data");
    model.load(Arg("--model", "minilm-top2.bin"));
    var devDocs = PolnearCorpus.Load(Path.Combine(data, "dev"));
    var dev = AttributionTrainBench.ToExamples(devDocs, CancellationToken.None);
    var devChunks = Chunks(dev, withLabels: false);
    model.eval();
    var clock = Stopwatch.StartNew();
    var devBatches = Batches(devChunks, 0);
    Console.WriteLine($"embedded {devChunks.Count} dev chunks in {clock.Elapsed.TotalSeconds:0.0}s");
    Evaluate(dev, devDocs, devChunks, devBatches, 0, "saved");
    if (argv.Contains("--time")) TimeInference(devChunks);
}

// The engine's chunking (PieceChunks), with the gold tags of each chunk's tokens for training.
List<Chunk> Chunks(List<AttributionExample> examples, bool withLabels)
{
    var chunks = new List<Chunk>();
    var pieceChunks = new List<PieceChunk>();
    for (int d = 0; d < examples.Count; d++)
    {
        var e = examples[d];
        int[]? tags = withLabels ? AttributionTaggerTrainer.GoldTags(new AttributionTokens(e.Text, e.Analysis, e.Entities), e.Gold) : null;
        pieceChunks.Clear();
        for (int s = 0; s < e.Analysis.Sentences.Count; s++) PieceChunks.Add(pieces, e.Text, e.Analysis, s, pieceChunks);
        foreach (var c in pieceChunks) chunks.Add(new Chunk(d, c.Sentence, c.First, c.Ids, c.Starts, tags?[c.First..(c.First + c.Starts.Length)]));
    }
    return chunks;
}

// Chunks of similar length batched together (at most 32 chunks or about 3,000 pieces), with the frozen layers' output cached.
List<Batch> Batches(List<Chunk> chunks, int frozen)
{
    var order = Enumerable.Range(0, chunks.Count).OrderBy(i => chunks[i].Ids.Length).ToList();
    var batches = new List<Batch>();
    for (int i = 0; i < order.Count;)
    {
        int length = chunks[order[i]].Ids.Length, j = i;
        while (j < order.Count && j - i < 32 && (j - i + 1) * chunks[order[j]].Ids.Length <= 3000) j++;
        j = Math.Max(j, i + 1);
        var members = order.GetRange(i, j - i);
        int l = chunks[members[^1]].Ids.Length, n = members.Count;
        var ids = new long[n * l];
        var mask = new long[n * l];
        var positions = new List<long>();
        var labels = new List<long>();
        for (int b = 0; b < n; b++)
        {
            var c = chunks[members[b]];
            for (int t = 0; t < c.Ids.Length; t++) { ids[b * l + t] = c.Ids[t]; mask[b * l + t] = 1; }
            foreach (var p in c.Starts) positions.Add(b * l + p);
            if (c.Labels is not null) labels.AddRange(c.Labels.Select(x => (long)x));
        }
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var idTensor = tensor(ids, [n, l]);
        var maskAdd = MiniLmTagger.MaskAdd(tensor(mask, [n, l]));
        var e = model.Embed(idTensor);
        var hidden = model.Run(e, maskAdd, 0, frozen);
        batches.Add(new Batch(members, (frozen == 0 ? e.clone() : hidden).MoveToOuterDisposeScope(), maskAdd.MoveToOuterDisposeScope(),
            tensor(positions.ToArray()).MoveToOuterDisposeScope(), labels.Count > 0 ? tensor(labels.ToArray()).MoveToOuterDisposeScope() : null));
        i = j;
    }
    return batches;
}

void Evaluate(List<AttributionExample> dev, List<PolnearDocument> devDocs, List<Chunk> chunks, List<Batch> batches, int frozen, string label)
{
    model.eval();
    var clock = Stopwatch.StartNew();
    var scoresOf = new Dictionary<(int Doc, int Sentence), float[][]>();
    using (no_grad())
    {
        foreach (var batch in batches)
        {
            using var scope = NewDisposeScope();
            var x = model.Run(batch.Hidden, batch.MaskAdd, frozen, 6);
            var predicted = nn.functional.log_softmax(model.Classify(x.view(-1, BertLayer.Hidden).index_select(0, batch.Positions)), -1).data<float>().ToArray();
            int k = 0;
            foreach (int m in batch.Members)
            {
                var c = chunks[m];
                var sentence = dev[c.Doc].Analysis.Sentences[c.Sentence];
                if (!scoresOf.TryGetValue((c.Doc, c.Sentence), out var scores))
                    scoresOf[(c.Doc, c.Sentence)] = scores = new float[Math.Min(dev[c.Doc].Analysis.Tokens.Count, sentence.FirstToken + sentence.TokenCount) - sentence.FirstToken][];
                for (int t = 0; t < c.Starts.Length; t++, k++) scores[c.First - sentence.FirstToken + t] = predicted[(k * AttributionTagger.TagCount)..((k + 1) * AttributionTagger.TagCount)];
            }
        }
    }
    double seconds = clock.Elapsed.TotalSeconds;
    foreach (var decoding in new[] { "argmax", "merged", "viterbi", "joined" })
    {
        var tagsOf = scoresOf.ToDictionary(x => x.Key, x => Decode(x.Value, decoding));
        Score(dev, devDocs, tagsOf, $"{label} {decoding}");
    }
    Console.WriteLine($"{label} dev top-layer tagging {seconds:0.0}s for {chunks.Count} chunks");
}

// The engine's decodings (BioDecoder): argmax, merged, viterbi, joined.
static int[] Decode(float[][] scores, string decoding) => BioDecoder.Decode(scores, Enum.Parse<BioDecoding>(decoding, ignoreCase: true));

void Score(List<AttributionExample> dev, List<PolnearDocument> devDocs, Dictionary<(int Doc, int Sentence), int[]> tagsOf, string label)
{
    var tagged = new List<List<Storyline.Attribution.Attribution>>();
    for (int d = 0; d < dev.Count; d++)
    {
        var doc = new AttributionTokens(dev[d].Text, dev[d].Analysis, dev[d].Entities);
        var found = new List<Storyline.Attribution.Attribution>();
        for (int s = 0; s < dev[d].Analysis.Sentences.Count; s++)
            if (tagsOf.TryGetValue((d, s), out var tags)) found.AddRange(AttributionTagger.ToAttributions(doc, dev[d].Analysis.Sentences[s].FirstToken, tags));
        tagged.Add(found);
    }
    var byText = dev.Select((e, d) => (e.Text, d)).ToDictionary(x => x.Text, x => x.d, StringComparer.Ordinal);
    var hybrid = new TaggedAttributionExtractor(new AttributionExtractor(), new FixedTagger(tokens => tagged[byText[tokens.Text]])) { TaggerFirst = true };
    var alone = new AttributionMetrics();
    var merged = new AttributionMetrics();
    for (int d = 0; d < dev.Count; d++)
    {
        alone.Add(devDocs[d].Text, devDocs[d].Gold, tagged[d].Where(a => a.Parent is null).Select(ToTriple).ToList());
        merged.Add(devDocs[d].Text, devDocs[d].Gold, hybrid.Extract(dev[d].Text, dev[d].Analysis, dev[d].Entities, CancellationToken.None).Where(a => a.Parent is null).Select(ToTriple).ToList());
    }
    if (argv.Contains("--boundaries")) Boundaries(devDocs, tagged);
    foreach (var (name, m) in new[] { ("tagger", alone), ("hybrid", merged) })
        Console.WriteLine($"{label} dev {name}: content overlap P {m.ContentOverlap.Precision:0.000} R {m.ContentOverlap.Recall:0.000} F1 {m.ContentOverlap.F1:0.000} | exact F1 {m.ContentExact.F1:0.000} | source overlap {m.SourceOverlap.F1:0.000} exact {m.SourceExact.F1:0.000} | cue overlap {m.CueOverlap.F1:0.000} | triples {m.TripleOverlap.F1:0.000}");
}

// Contents that overlap gold but miss it exactly, by kind of miss, with a few examples.
void Boundaries(List<PolnearDocument> docs, List<List<Storyline.Attribution.Attribution>> tagged)
{
    var tally = new Dictionary<string, int>(StringComparer.Ordinal);
    int shown = 0;
    for (int d = 0; d < docs.Count; d++)
    {
        var text = docs[d].Text;
        var gold = docs[d].Gold.Select(g => g.Content).ToList();
        var predicted = tagged[d].Select(ToTriple).Select(t => t.Content).ToList();
        var exact = AttributionMetrics.Match(gold, predicted, text, exact: true).Select(x => x.Gold).ToHashSet();
        foreach (var (g, p) in AttributionMetrics.Match(gold, predicted, text, exact: false))
        {
            if (exact.Contains(g)) continue;
            var a = gold[g].Trimmed(text); var b = predicted[p].Trimmed(text);
            string kind = a.Parts.Count != b.Parts.Count ? $"fragments {a.Parts.Count}/{b.Parts.Count}"
                : (a.Parts[0].Start != b.Parts[0].Start ? "start" : "") + (a.Parts[^1].End != b.Parts[^1].End ? " end" : "");
            tally[kind] = tally.GetValueOrDefault(kind) + 1;
            if (shown++ < 12) Console.WriteLine($"  {kind}: gold ⟦{string.Join(" || ", a.Parts.Select(x => text[x.Item1..x.Item2]))}⟧\n      pred ⟦{string.Join(" || ", b.Parts.Select(x => text[x.Item1..x.Item2]))}⟧".ReplaceLineEndings(" "));
        }
    }
    foreach (var (k, v) in tally.OrderByDescending(x => x.Value)) Console.WriteLine($"  {v,5} {k}");
}

// Whole-model inference (embeddings, 6 layers, head) one chunk at a time, as an engine would run a sentence.
void TimeInference(List<Chunk> chunks)
{
    model.eval();
    using var _ = no_grad();
    var sample = chunks.Take(400).ToList();
    var clock = Stopwatch.StartNew();
    foreach (var c in sample)
    {
        using var scope = NewDisposeScope();
        var ids = tensor(c.Ids.Select(x => (long)x).ToArray(), [1, c.Ids.Length]);
        var x = model.forward(ids, ones_like(ids));
        model.Classify(x).argmax(-1).data<long>().ToArray();
    }
    Console.WriteLine($"inference: {clock.Elapsed.TotalMilliseconds / sample.Count:0.0} ms per sentence chunk (batch 1, {torch.get_num_threads()} threads, {sample.Average(c => c.Ids.Length):0.0} pieces on average)");
}

static AttributionTriple ToTriple(Storyline.Attribution.Attribution a) => new(
    a.Source is { } s ? Fragments.Of(s.Start, s.End) : null,
    a.Cue is { } c ? Fragments.Of(c.Start, c.End) : null,
    new Fragments(a.Content.Parts.Select(p => (p.Start, p.End)).ToList()));

// Export: the six layers (matrices [in, out] in int8 per column, biases, LayerNorms) and the head, keyed by the ONNX initializer names
// of the package's graph, in the engine's TransformerTaggerFile format. The embeddings were frozen, so they stay the package's.
void Export()
{
    string path = Arg("--model", "/tmp/ft/full.bin"), output = Arg("--out", "transformer-tagger.bin");
    model.load(path);
    var matrices = TransformerAttributionTagger.LayerMatrices(ModelProto.Parser.ParseFrom(onnxBytes).Graph);
    var tensors = new List<(string Name, int[] Dims, float[] Values, bool Quantize)>();
    static float[] Values(Tensor t) => t.contiguous().data<float>().ToArray();
    using (no_grad())
    {
        string[] biases = ["attention.self.query.bias", "attention.self.key.bias", "attention.self.value.bias", "attention.output.dense.bias", "intermediate.dense.bias", "output.dense.bias"];
        for (int i = 0; i < 6; i++)
        {
            var l = model.Layers[i];
            string p = $"encoder.layer.{i}.";
            Linear[] linears = [l.Query, l.Key, l.Value, l.AttentionOut, l.Intermediate, l.Output];
            for (int j = 0; j < 6; j++)
            {
                // TorchSharp keeps [out, in]; the ONNX graph multiplies by [in, out].
                var w = linears[j].weight!;
                tensors.Add((matrices[6 * i + j], [(int)w.shape[1], (int)w.shape[0]], Values(w.t()), true));
                tensors.Add((p + biases[j], [(int)w.shape[0]], Values(linears[j].bias!), false));
            }
            tensors.Add((p + "attention.output.LayerNorm.weight", [BertLayer.Hidden], Values(l.AttentionNorm.weight!), false));
            tensors.Add((p + "attention.output.LayerNorm.bias", [BertLayer.Hidden], Values(l.AttentionNorm.bias!), false));
            tensors.Add((p + "output.LayerNorm.weight", [BertLayer.Hidden], Values(l.OutputNorm.weight!), false));
            tensors.Add((p + "output.LayerNorm.bias", [BertLayer.Hidden], Values(l.OutputNorm.bias!), false));
        }
        var head = model.Head.weight!;
        tensors.Add((TransformerTaggerFile.HeadWeight, [BertLayer.Hidden, (int)head.shape[0]], Values(head.t()), false));
        tensors.Add((TransformerTaggerFile.HeadBias, [(int)head.shape[0]], Values(model.Head.bias!), false));
    }
    using (var file = File.Create(output)) TransformerTaggerFile.Write(file, AttributionTagger.TagCount, tensors);
    // Read back: the largest rounding of the int8 matrices, against their float values.
    var back = TransformerTaggerFile.Read(File.ReadAllBytes(output), output);
    double worst = 0;
    foreach (var t in tensors) worst = Math.Max(worst, t.Values.Zip(back[t.Name].Values, (a, b) => (double)Math.Abs(a - b)).Max());
    Console.WriteLine($"exported {path} to {output}: {new FileInfo(output).Length / 1e6:0.00} MB, {tensors.Count} tensors ({tensors.Count(t => t.Quantize)} int8 matrices), max |int8 - float| {worst:E2}");
}

/// <summary>Attributions found beforehand, handed to the hybrid in place of a tagger.</summary>
internal sealed class FixedTagger(Func<AttributionTokens, IReadOnlyList<Storyline.Attribution.Attribution>> found) : IAttributionTagger
{
    public IReadOnlyList<Storyline.Attribution.Attribution> Extract(AttributionTokens doc, CancellationToken cancellationToken) => found(doc);
}

internal sealed record Chunk(int Doc, int Sentence, int First, int[] Ids, int[] Starts, int[]? Labels);

internal sealed record Batch(List<int> Members, Tensor Hidden, Tensor MaskAdd, Tensor Positions, Tensor? Labels);
