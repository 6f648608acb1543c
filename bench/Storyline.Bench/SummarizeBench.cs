using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Storyline.Attribution;
using Storyline.Briefing;
using Storyline.Briefing.Selection;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Language.Embeddings;
using Storyline.Pipeline;
using Storyline.Pipeline.Analysis;
using Storyline.Storage.Sqlite;
using Storyline.Text;

namespace Storyline.Bench;

/// <summary><c>summarize --data DUC2004_FOLDER</c>: ROUGE-1/2 recall of the briefing's first 100 words (summary line, Executive Summary,
/// The Story So Far, as <c>brief</c> writes them) on DUC 2004 Task 2 clusters, each ingested into a fresh store the way the CLI does,
/// against a lead and a LexRank baseline computed in the same run.</summary>
public static class SummarizeBench
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "DUC 2004 folder (dXXXXXt/docs/C*.txt, dXXXXXt/refs/*)", Required = true };
        var embeddings = new Option<string>("--embeddings") { Description = "on | all | off | float: attach MiniLM sentence vectors to the loaded evidence (on: statements' sentences, as the pipeline does; all: every sentence; float: every sentence from the unquantized model)", DefaultValueFactory = _ => "off" };
        var limit = new Option<int>("--clusters") { Description = "Score only the first N clusters (0: all)", DefaultValueFactory = _ => 0 };
        var show = new Option<bool>("--show") { Description = "Print each system's 100 words per cluster" };
        var selection = new Option<string?>("--selection") { Description = "Selector weights to compare, e.g. 'PositionWeight=0.3,LengthExponent=0.5;PositionWeight=0' (each ';'-separated set is one more system)" };
        var command = new Command("summarize", "ROUGE-1/2 recall of the briefing on DUC 2004 clusters, with lead and LexRank baselines") { data, embeddings, limit, show, selection };
        command.SetAction(async (parse, ct) =>
        {
            var embedding = parse.GetValue(embeddings)!.ToLowerInvariant() switch
            {
                "on" => new SentenceEmbeddingOptions(),
                "all" => new SentenceEmbeddingOptions(Scope: EmbeddingScope.All),
                "float" => new SentenceEmbeddingOptions(Quantized: false, Scope: EmbeddingScope.All),
                "off" => new SentenceEmbeddingOptions(Enabled: false),
                var other => throw new ArgumentException($"--embeddings: 'on', 'all', 'off' or 'float', not '{other}'"),
            };
            bool embed = embedding.Enabled;
            var clusters = Directory.GetDirectories(parse.GetValue(data)!).Order(StringComparer.Ordinal).ToList();
            if (parse.GetValue(limit) is > 0 and var n) clusters = [.. clusters.Take(n)];
            var variants = (parse.GetValue(selection) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            string[] systems = ["storyline", "before", "lead", "lexrank", .. variants];
            var scores = systems.ToDictionary(s => s, _ => new List<(double R1, double R2)>());
            double embedSeconds = 0, writeSeconds = 0;
            long embeddedSentences = 0;
            int storyDocs = 0, clusterDocs = 0;
            foreach (var cluster in clusters)
            {
                var name = Path.GetFileName(cluster);
                var files = Directory.GetFiles(Path.Combine(cluster, "docs"), "C*.txt").OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)[1..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
                var texts = files.Select(File.ReadAllText).ToList();
                var refs = Directory.GetFiles(Path.Combine(cluster, "refs")).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
                var run = await BriefClusterAsync(name, files, texts, embedding, variants, ct);
                embedSeconds += run.EmbedSeconds;
                embeddedSentences += run.EmbeddedSentences;
                writeSeconds += run.WriteSeconds;
                storyDocs += run.StoryDocuments;
                clusterDocs += texts.Count(t => t.Trim().Length > 0);
                var outputs = new Dictionary<string, string>
                {
                    ["storyline"] = run.Summary,
                    ["lead"] = texts.FirstOrDefault(t => t.Trim().Length > 0) ?? "",
                    ["lexrank"] = LexRank.Summarize(texts, 100),
                };
                foreach (var (variant, text) in run.Variants) outputs[variant] = text;
                outputs["before"] = run.Before;
                var line = new StringBuilder($"{name} ({run.StoryDocuments}/{texts.Count(t => t.Trim().Length > 0)} docs in the story, {run.Developments} developments):");
                foreach (var system in systems)
                {
                    var score = (Rouge.Recall(outputs[system], refs, 1), Rouge.Recall(outputs[system], refs, 2));
                    scores[system].Add(score);
                    line.Append($" {system} {score.Item1:0.000}/{score.Item2:0.000}");
                }
                Console.WriteLine(line);
                if (parse.GetValue(show))
                    foreach (var system in systems) Console.WriteLine($"  [{system}] {string.Join(' ', Rouge.Words(outputs[system]).Take(100))}");
            }
            double Mean(string system, int n) => scores[system].Average(s => n == 1 ? s.R1 : s.R2);
            foreach (var system in systems)
                Console.WriteLine($"{system,-10} R-1 {Mean(system, 1):0.0000}  R-2 {Mean(system, 2):0.0000}  (ratio to lead {Mean(system, 1) / Mean("lead", 1):0.000} / {Mean(system, 2) / Mean("lead", 2):0.000}; to lexrank {Mean(system, 1) / Mean("lexrank", 1):0.000} / {Mean(system, 2) / Mean("lexrank", 2):0.000})");
            BenchOutput.Write(new
            {
                bench = "summarize",
                clusters = clusters.Count,
                embeddings = parse.GetValue(embeddings)!.ToLowerInvariant(),
                storyline_r1 = BenchOutput.R(Mean("storyline", 1)),
                storyline_r2 = BenchOutput.R(Mean("storyline", 2)),
                before_r1 = BenchOutput.R(Mean("before", 1)),
                before_r2 = BenchOutput.R(Mean("before", 2)),
                lead_r1 = BenchOutput.R(Mean("lead", 1)),
                lead_r2 = BenchOutput.R(Mean("lead", 2)),
                lexrank_r1 = BenchOutput.R(Mean("lexrank", 1)),
                lexrank_r2 = BenchOutput.R(Mean("lexrank", 2)),
                storyline_to_lead_r1 = BenchOutput.R(Mean("storyline", 1) / Mean("lead", 1), 3),
                storyline_to_lead_r2 = BenchOutput.R(Mean("storyline", 2) / Mean("lead", 2), 3),
                storyline_to_lexrank_r1 = BenchOutput.R(Mean("storyline", 1) / Mean("lexrank", 1), 3),
                storyline_to_lexrank_r2 = BenchOutput.R(Mean("storyline", 2) / Mean("lexrank", 2), 3),
                documents_in_story = storyDocs,
                documents = clusterDocs,
                write_ms_per_cluster = BenchOutput.R(writeSeconds * 1000 / clusters.Count, 1),
                embedded_sentences = embeddedSentences,
                // With embeddings on: the whole analysis (all stages) per 1,000 sentences embedded; compare with an --embeddings off run.
                analysis_seconds_per_1000_embedded_sentences = embeddedSentences == 0 ? (double?)null : BenchOutput.R(embedSeconds / embeddedSentences * 1000, 2),
            });
            return 0;
        });
        return command;
    }

    private sealed record ClusterRun(string Summary, string Before, int StoryDocuments, int Developments, double EmbedSeconds, long EmbeddedSentences, double WriteSeconds,
        Dictionary<string, string> Variants);

    // The CLI's path: ingest every article (Ingestor, then IngestFinisher: stories, entities, statements), pick the story most of the
    // inputs belong to, load its evidence and write the extractive briefing.
    private static async Task<ClusterRun> BriefClusterAsync(string name, List<string> files, List<string> texts, SentenceEmbeddingOptions embedding, List<string> variants, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("storyline-bench-summarize-");
        try
        {
            await using var store = await SqliteDocumentStore.OpenAsync(Path.Combine(dir.FullName, "bench.db"), cancellationToken: ct);
            var ingestor = new Ingestor(DocumentPipeline.CreateDefault(), store);
            var ids = new List<long>();
            for (int i = 0; i < files.Count; i++)
            {
                if (texts[i].Trim().Length == 0) continue; // a few parsed bodies are empty
                var input = new RawInput($"{name}/{Path.GetFileName(files[i])}", null, "text/plain", Encoding.UTF8.GetBytes(texts[i]), DateTimeOffset.UnixEpoch, InputHints.None);
                var result = await ingestor.IngestAsync(new InputItem(input), ct);
                if (result.DocumentId is { } id && !ids.Contains(id)) ids.Add(id);
            }
            // The product's analysis: sentence vectors are computed here, once, and stored; the briefing reads them back.
            var pipeline = new AnalysisPipelineBuilder().UseDefaults(new AnalysisOptions(EmbeddingOptions: embedding)).Build();
            var analysisClock = Stopwatch.StartNew();
            await IngestFinisher.For(store, pipeline).FinishAsync(cancellationToken: ct);
            double embedSeconds = embedding.Enabled ? analysisClock.Elapsed.TotalSeconds : 0;
            var index = await store.ReadStoryIndexAsync(ct);
            var storyId = index.Where(e => ids.Contains(e.DocumentId) && e.StoryId is not null).GroupBy(e => e.StoryId!.Value)
                .OrderByDescending(g => g.Count()).Select(g => g.Key).First();
            var loader = StoryEvidenceLoader.For(store);
            var evidence = await loader.LoadAsync(storyId, ct) ?? throw new InvalidOperationException($"{name}: story {storyId} has no documents");
            var documents = evidence.Documents;
            long embedded = documents.Sum(d => d.SentenceVectors?.Count(v => v is not null) ?? 0);
            var watch = Stopwatch.StartNew();
            var briefing = new ExtractiveBriefingWriter().Write(evidence.StoryId, documents, evidence.BriefingStatements(), ct);
            var writeSeconds = watch.Elapsed.TotalSeconds;
            var others = variants.ToDictionary(v => v, v => ScoredText(new ExtractiveBriefingWriter(new BriefingOptions(Selection: ParseSelection(v)))
                .Write(evidence.StoryId, documents, evidence.BriefingStatements(), ct)));
            var originals = documents.Where(d => d.Document.DuplicateOf is null).ToList();
            // The writer before issue 12, on the same evidence: the same-run "before" figure.
            var before = ScoredText(new Baseline.BaselineBriefingWriter().Write(evidence.StoryId, evidence.Documents, evidence.BriefingStatements(), ct));
            return new ClusterRun(ScoredText(briefing), before, originals.Count, originals.Select(d => d.Development).Distinct().Count(), embedSeconds, embedded, writeSeconds, others);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(true);
        }
    }

    // "Name=value,Name=value" over SelectionOptions' defaults.
    private static SelectionOptions ParseSelection(string text)
    {
        var options = new SelectionOptions();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (key, value) = (pair.Split('=')[0].Trim(), double.Parse(pair.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
            options = key switch
            {
                nameof(SelectionOptions.CentralityWeight) => options with { CentralityWeight = value },
                nameof(SelectionOptions.PositionWeight) => options with { PositionWeight = value },
                nameof(SelectionOptions.LengthExponent) => options with { LengthExponent = value },
                nameof(SelectionOptions.UnigramWeight) => options with { UnigramWeight = value },
                nameof(SelectionOptions.MaxOverlap) => options with { MaxOverlap = value },
                nameof(SelectionOptions.MaxCosine) => options with { MaxCosine = value },
                nameof(SelectionOptions.EmbeddingShare) => options with { EmbeddingShare = value },
                _ => throw new ArgumentException($"--selection: unknown weight '{key}'"),
            };
        }
        return options;
    }

    /// <summary>What the issue scores: the summary line, then the Executive Summary bullets, then The Story So Far (sentence texts; date labels are not part of the summary).</summary>
    internal static string ScoredText(StoryBriefing briefing)
    {
        var parts = new List<string> { briefing.Summary.Text };
        parts.AddRange(briefing.Sections.Where(s => s.Title == SectionTitles.ExecutiveSummary).SelectMany(s => s.Sentences).Select(s => s.Text));
        // A chronology entry is "date label: sentence"; the label is the reader's signpost, like a section title, not summary text (labels
        // hold no colon: "1998-11-05", "2019 or later", "undated").
        parts.AddRange(briefing.Sections.Where(s => s.Title == SectionTitles.StorySoFar).SelectMany(s => s.Sentences)
            .Select(s => s.Text.IndexOf(": ", StringComparison.Ordinal) is >= 0 and var colon ? s.Text[(colon + 2)..] : s.Text));
        return string.Join(' ', parts);
    }
}

/// <summary>ROUGE-N recall as ROUGE-1.5.5 computes it with <c>-n 2 -m -l 100</c>: the first 100 words of each text, lower-cased, non-alphanumerics as
/// spaces, Porter stems for words longer than three letters, stop words kept, n-gram hits and reference counts summed over the references.</summary>
public static partial class Rouge
{
    /// <summary>ROUGE-N recall of <paramref name="peer"/> against <paramref name="references"/>.</summary>
    public static double Recall(string peer, IReadOnlyList<string> references, int n, int limit = 100)
    {
        var peerGrams = Grams(Tokens(peer, limit), n);
        long hits = 0, total = 0;
        foreach (var reference in references)
        {
            var refGrams = Grams(Tokens(reference, limit), n);
            foreach (var (gram, count) in refGrams)
            {
                total += count;
                hits += Math.Min(count, peerGrams.GetValueOrDefault(gram));
            }
        }
        return total == 0 ? 0 : (double)hits / total;
    }

    /// <summary>The whitespace-separated words the length limit counts.</summary>
    public static IEnumerable<string> Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The scored tokens of the first <paramref name="limit"/> words.</summary>
    public static List<string> Tokens(string text, int limit)
    {
        var tokens = new List<string>();
        foreach (var word in Words(text).Take(limit))
            foreach (var piece in NonAlphanumeric().Replace(word.ToLowerInvariant(), " ").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                tokens.Add(piece.Length > 3 ? PorterStemmer.Stem(piece) : piece);
        return tokens;
    }

    private static Dictionary<string, int> Grams(List<string> tokens, int n)
    {
        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i + n <= tokens.Count; i++)
        {
            var gram = string.Join(' ', tokens.Skip(i).Take(n));
            grams[gram] = grams.GetValueOrDefault(gram) + 1;
        }
        return grams;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();
}

/// <summary>LexRank (Erkan and Radev 2004) as a baseline: tf-idf cosine graph over the cluster's sentences with threshold 0.1, PageRank with
/// damping 0.85, sentences taken by score unless their cosine with one already taken exceeds 0.5, until the length limit.</summary>
public static class LexRank
{
    /// <summary>About <paramref name="words"/> words of the highest-ranked sentences of the documents.</summary>
    public static string Summarize(IReadOnlyList<string> documents, int words)
    {
        var analyzer = new TextAnalyzer();
        var sentences = new List<string>();
        foreach (var d in documents)
        {
            if (d.Trim().Length == 0) continue;
            var analysis = analyzer.Analyze(d);
            sentences.AddRange(analysis.Sentences.Select(s => s.Span.Slice(d).Trim()).Where(s => Rouge.Words(s).Count() >= 5));
        }
        if (sentences.Count == 0) return "";
        var bags = sentences.Select(s => Rouge.Tokens(s, int.MaxValue).GroupBy(t => t).ToDictionary(g => g.Key, g => (double)g.Count())).ToList();
        // idf over documents, each sentence a document, as LexRank defines it.
        var df = new Dictionary<string, int>();
        foreach (var bag in bags) foreach (var t in bag.Keys) df[t] = df.GetValueOrDefault(t) + 1;
        var vectors = bags.Select(bag =>
        {
            var v = bag.ToDictionary(kv => kv.Key, kv => kv.Value * Math.Log((double)bags.Count / df[kv.Key]));
            var norm = Math.Sqrt(v.Values.Sum(x => x * x));
            return norm == 0 ? v : v.ToDictionary(kv => kv.Key, kv => kv.Value / norm);
        }).ToList();
        int n = sentences.Count;
        var sim = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
            {
                double dot = 0;
                foreach (var (t, x) in vectors[i]) if (vectors[j].TryGetValue(t, out var y)) dot += x * y;
                sim[i, j] = sim[j, i] = dot;
            }
        var degree = new int[n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (sim[i, j] > 0.1) degree[i]++;
        var score = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (int iteration = 0; iteration < 100; iteration++)
        {
            var next = new double[n];
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int j = 0; j < n; j++) if (sim[i, j] > 0.1) s += score[j] / degree[j];
                next[i] = 0.15 / n + 0.85 * s;
            }
            var delta = next.Zip(score, (a, b) => Math.Abs(a - b)).Sum();
            score = next;
            if (delta < 1e-7) break;
        }
        var taken = new List<int>();
        int count = 0;
        foreach (var i in Enumerable.Range(0, n).OrderByDescending(i => score[i]))
        {
            if (count >= words) break;
            if (taken.Any(j => sim[i, j] > 0.5)) continue;
            taken.Add(i);
            count += Rouge.Words(sentences[i]).Count();
        }
        return string.Join(' ', taken.Select(i => sentences[i]));
    }
}
