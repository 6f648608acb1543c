using Storyline.Attribution;
using Storyline.Entities;
using Storyline.Language.Embeddings;
using Storyline.Pipeline.Analysis;
using Storyline.Tests.Attribution;
using Storyline.Tests.TestSupport;
using Storyline.Text;
using Storyline.Time;

namespace Storyline.Tests.Pipeline;

public class DocumentAnalyzerTests
{
    private readonly MemoryStore _store = new();

    /// <summary>A cheap stand-in for the sentence model: a vector from the sentence's length, counting the sentences embedded.</summary>
    private sealed class CountingEmbedder : ISentenceEmbedder
    {
        private int _embedded;
        public int Embedded => _embedded;
        public int Dimensions => 4;
        public string ModelId => "test";
        public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref _embedded, texts.Count);
            return [.. texts.Select(t => { var v = new float[] { t.Length, 1, 0, 0 }; Vectors.Normalize(v); return v; })];
        }
    }

    private readonly CountingEmbedder _embedder = new();

    private AnalysisPipeline Pipeline(int textVersion = 1) => new AnalysisPipelineBuilder()
        .Use(textVersion == 1 ? new TextAnalysisStage() : new VersionedText(textVersion))
        .Use(new TimeExpressionStage())
        .Use(new EntityStage())
        .Use(new StatementStage())
        .Use(new SentenceEmbeddingStage(new SentenceEmbeddingOptions(MinWords: 1), _embedder))
        .Build();

    private DocumentAnalyzer Analyzer(AnalysisPipeline pipeline) => new(pipeline, _store, _store, _store, _store);

    private sealed class VersionedText(int version) : IEncodedAnalysisStage
    {
        private readonly TextAnalysisStage _inner = new();
        public string Name => _inner.Name;
        public int Version => version;
        public IReadOnlyList<string> Inputs => [];
        public void Analyze(AnalysisContext context, CancellationToken cancellationToken) => _inner.Analyze(context, cancellationToken);
        public byte[] Encode(AnalysisContext context) => _inner.Encode(context);
        public void Decode(AnalysisContext context, byte[] data) => _inner.Decode(context, data);
    }

    [Fact]
    public async Task AnalyzePendingAsync_NewDocument_StoresEveryStageAsAFreshAnalysisFindsIt()
    {
        var doc = _store.Add(StatementExtractorTests.Article);
        var summary = await Analyzer(Pipeline()).AnalyzePendingAsync();
        summary.Analysed.ShouldBe(1);
        summary.StageRuns.Values.ShouldAllBe(n => n == 1);
        var stored = await _store.GetAnalysesAsync([doc.Id], ["text", "times", "vectors"]);
        stored.Select(a => a.Stage).Order().ShouldBe(["text", "times", "vectors"]);
        var text = AnalysisCodec.DecodeText(stored.Single(a => a.Stage == "text").Data, doc.Content.Text.Length);
        text.Sentences.ShouldBe(new TextAnalyzer().Analyze(doc.Content.Text, doc.Content.Blocks, default).Sentences);
        StatementExtractorTests.Json((await _store.GetStatementsAsync(doc.Id))!).ShouldBe(StatementExtractorTests.Json(new StatementExtractor().Extract(doc)));
        AnalysisCodec.DecodeVectors(stored.Single(a => a.Stage == "vectors").Data).Count.ShouldBe(text.Sentences.Count);
    }

    [Fact]
    public async Task AnalyzePendingAsync_SecondRun_RunsNothing()
    {
        _store.Add(StatementExtractorTests.Article);
        await Analyzer(Pipeline()).AnalyzePendingAsync();
        var embedded = _embedder.Embedded;
        var summary = await Analyzer(Pipeline()).AnalyzePendingAsync();
        summary.Analysed.ShouldBe(0);
        summary.StageRuns.Values.ShouldAllBe(n => n == 0);
        _embedder.Embedded.ShouldBe(embedded);
    }

    [Fact]
    public async Task AnalyzePendingAsync_NewTextVersion_RerunsItsReadersButNotTheTimeStage()
    {
        _store.Add(StatementExtractorTests.Article);
        await Analyzer(Pipeline()).AnalyzePendingAsync();
        var summary = await Analyzer(Pipeline(textVersion: 2)).AnalyzePendingAsync();
        summary.StageRuns["text"].ShouldBe(1);
        summary.StageRuns["entities"].ShouldBe(1);
        summary.StageRuns["statements"].ShouldBe(1);
        summary.StageRuns["vectors"].ShouldBe(1);
        summary.StageRuns["times"].ShouldBe(0);
    }

    [Fact]
    public async Task AnalyzePendingAsync_NewTextVersion_EmbedsTheSentencesAgain()
    {
        _store.Add(StatementExtractorTests.Article);
        await Analyzer(Pipeline()).AnalyzePendingAsync();
        var embedded = _embedder.Embedded;
        await Analyzer(Pipeline(textVersion: 2)).AnalyzePendingAsync();
        _embedder.Embedded.ShouldBeGreaterThan(embedded);
    }

    [Fact]
    public async Task AnalyzePendingAsync_OnlyStatementsOutdated_EmbedsNoSentenceAgain()
    {
        var doc = _store.Add(StatementExtractorTests.Article);
        await Analyzer(Pipeline()).AnalyzePendingAsync();
        var before = (await _store.GetAnalysesAsync([doc.Id], ["vectors"])).Single().Data;
        var embedded = _embedder.Embedded;
        embedded.ShouldBeGreaterThan(0);
        await _store.SaveStatementsAsync(doc.Id, [], 1);
        var summary = await Analyzer(Pipeline()).AnalyzePendingAsync();
        summary.StageRuns["vectors"].ShouldBe(1);
        // The same statements over the same sentences: every vector is carried over, byte for byte.
        _embedder.Embedded.ShouldBe(embedded);
        (await _store.GetAnalysesAsync([doc.Id], ["vectors"])).Single().Data.ShouldBe(before);
    }

    [Fact]
    public async Task AnalyzePendingAsync_EveryVectorStoredThenStatementsScope_KeepsThoseOfStatementsWithoutEmbedding()
    {
        var doc = _store.Add(StatementExtractorTests.Article);
        AnalysisPipeline WithScope(EmbeddingScope scope, bool quantized = true) => new AnalysisPipelineBuilder()
            .Use(new TextAnalysisStage()).Use(new TimeExpressionStage()).Use(new EntityStage()).Use(new StatementStage())
            .Use(new SentenceEmbeddingStage(new SentenceEmbeddingOptions(MinWords: 1, Scope: scope, Quantized: quantized), _embedder)).Build();
        await Analyzer(WithScope(EmbeddingScope.All)).AnalyzePendingAsync();
        var all = AnalysisCodec.DecodeVectors((await _store.GetAnalysesAsync([doc.Id], ["vectors"])).Single().Data);
        var embedded = _embedder.Embedded;

        (await Analyzer(WithScope(EmbeddingScope.Statements)).AnalyzePendingAsync()).StageRuns["vectors"].ShouldBe(1);
        _embedder.Embedded.ShouldBe(embedded);
        var some = AnalysisCodec.DecodeVectors((await _store.GetAnalysesAsync([doc.Id], ["vectors"])).Single().Data);
        some.Count(v => v is not null).ShouldBeInRange(1, all.Count(v => v is not null));
        for (int i = 0; i < some.Count; i++) if (some[i] is { } v) v.ShouldBe(all[i]);

        // Vectors of the float model are another model's: embedded afresh.
        await Analyzer(WithScope(EmbeddingScope.Statements, quantized: false)).AnalyzePendingAsync();
        _embedder.Embedded.ShouldBeGreaterThan(embedded);
    }

    [Fact]
    public async Task AnalyzePendingAsync_OnlyStatementsOutdated_ReadsTextAndEntitiesBack()
    {
        var doc = _store.Add(StatementExtractorTests.Article);
        await Analyzer(Pipeline()).AnalyzePendingAsync();
        // An older statement version, as after an upgrade of the attribution stage.
        await _store.SaveStatementsAsync(doc.Id, [], 1);
        var entitySaves = _store.EntitySaves;
        var summary = await Analyzer(Pipeline()).AnalyzePendingAsync();
        summary.StageRuns["statements"].ShouldBe(1);
        // The vectors embed the statements' sentences, so they follow; text and entities are read back.
        summary.StageRuns["vectors"].ShouldBe(1);
        summary.StageRuns.Where(r => r.Key is not ("statements" or "vectors")).ShouldAllBe(r => r.Value == 0);
        _store.EntitySaves.ShouldBe(entitySaves);
        (await _store.GetStatementsAsync(doc.Id))!.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AnalyzeAsync_StoredInputUnreadable_ComputesItAgainWithItsReaders()
    {
        var doc = _store.Add(StatementExtractorTests.Article);
        await Analyzer(Pipeline()).AnalyzePendingAsync();
        _store.Corrupt(doc.Id, "text", [1, 200, 200, 200]);
        var ran = await Analyzer(Pipeline()).AnalyzeAsync(doc.Id, new HashSet<string> { "vectors" });
        ran.ShouldBe(["text", "entities", "statements", "vectors"]);
        var stored = await _store.GetAnalysesAsync([doc.Id], ["text"]);
        AnalysisCodec.DecodeText(stored[0].Data, doc.Content.Text.Length).Sentences.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AnalyzePendingAsync_GivenIds_AnalysesOnlyThose()
    {
        var a = _store.Add(StatementExtractorTests.Article);
        var b = _store.Add("Cotton prices rose\n\nTraders said prices would rise again next year.", "b.txt");
        (await Analyzer(Pipeline()).AnalyzePendingAsync([b.Id])).Analysed.ShouldBe(1);
        (await _store.ListDocumentsNeedingAnalysisAsync("text", 1)).ShouldBe([a.Id]);
    }

    [Fact]
    public async Task AnalyzePendingAsync_Cancelled_Throws()
    {
        _store.Add(StatementExtractorTests.Article);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => Analyzer(Pipeline()).AnalyzePendingAsync(cancellationToken: cts.Token));
    }

    [Fact]
    public void TextAnalysisStage_TextLongerThanItsLimit_AnalysesTheStartOnly()
    {
        var line = string.Concat(Enumerable.Range(0, 400).Select(i => $"The committee reviewed budget line {i} and found the figures consistent. "));
        var doc = _store.Add("Budget review\n\n" + line);
        var context = new AnalysisContext(doc);
        new TextAnalysisStage(maxChars: 2_000).Analyze(context, default);
        var analysis = context.RequireText();
        analysis.Sentences.ShouldNotBeEmpty();
        analysis.Tokens[^1].Span.End.ShouldBeLessThanOrEqualTo(2_000);
        var full = new AnalysisContext(doc);
        new TextAnalysisStage().Analyze(full, default);
        full.RequireText().Sentences.Count.ShouldBeGreaterThan(analysis.Sentences.Count * 5);
    }

    [Fact]
    public void Build_StageReadingAnUnregisteredStage_IsRefused() =>
        Should.Throw<ArgumentException>(() => new AnalysisPipelineBuilder().Use(new StatementStage()).Build()).Message.ShouldContain("text");

    [Fact]
    public void Closure_OutdatedEntities_AddsItsReadersOnly() =>
        Pipeline().Closure(new HashSet<string> { "entities" }).Select(s => s.Name).ShouldBe(["entities", "statements", "vectors"]);

    [Fact]
    public void Closure_OutdatedEntitiesEveryVectorEmbedded_LeavesVectorsAlone() =>
        new AnalysisPipelineBuilder()
            .Use(new TextAnalysisStage()).Use(new TimeExpressionStage()).Use(new EntityStage()).Use(new StatementStage())
            .Use(new SentenceEmbeddingStage(new SentenceEmbeddingOptions(Scope: EmbeddingScope.All), _embedder)).Build()
            .Closure(new HashSet<string> { "entities" }).Select(s => s.Name).ShouldBe(["entities", "statements"]);

    /// <summary>Keeps what is logged.</summary>
    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        public List<(Microsoft.Extensions.Logging.LogLevel Level, int EventId, string Message)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) => Entries.Add((logLevel, eventId.Id, formatter(state, exception)));
    }

    /// <summary>A text stage that never finishes on its own on the documents <paramref name="stuckOn"/> picks (every one when none):
    /// it runs until its budget cancels it, and analyses the others.</summary>
    private sealed class StuckText(Func<string, bool>? stuckOn = null) : IEncodedAnalysisStage
    {
        private readonly TextAnalysisStage _inner = new();
        public string Name => _inner.Name;
        public int Version => 1;
        public IReadOnlyList<string> Inputs => [];
        public void Analyze(AnalysisContext context, CancellationToken cancellationToken)
        {
            if (stuckOn?.Invoke(context.Text) == false)
            {
                _inner.Analyze(context, cancellationToken);
                return;
            }
            cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
            cancellationToken.ThrowIfCancellationRequested();
        }
        public byte[] Encode(AnalysisContext context) => _inner.Encode(context);
        public void Decode(AnalysisContext context, byte[] data) => _inner.Decode(context, data);
    }

    [Fact]
    public async Task AnalyzePendingAsync_DocumentOverItsBudget_LogsTheFailureAndTheBatch()
    {
        var doc = _store.Add("Budget review\n\nThe committee reviewed the budget on Tuesday and found the figures consistent, officials said.");
        var logger = new ListLogger();
        var pipeline = new AnalysisPipelineBuilder().Use(new StuckText()).Build();
        var analyzer = new DocumentAnalyzer(pipeline, _store, _store, _store, _store, new DocumentAnalyzerOptions(TimeSpan.FromMilliseconds(50)), logger);
        var summary = await analyzer.AnalyzePendingAsync();
        summary.Failed.ShouldHaveSingleItem().DocumentId.ShouldBe(doc.Id);
        logger.Entries.ShouldContain(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains($"document {doc.Id} failed"));
        logger.Entries.ShouldContain(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Information && e.Message.StartsWith("Analysed 0 of 1 pending documents (1 failed)", StringComparison.Ordinal));
    }

    private static readonly string[] Articles =
    [
        StatementExtractorTests.Article,
        "Budget review\n\nThe committee reviewed the budget on Tuesday and found the figures consistent, officials said.",
        "Harbour strike\n\nDock workers in Rotterdam walked out on Monday. \"We will not go back until the talks resume,\" said union leader Anna de Vries.",
        "Flood warning\n\nThe Environment Agency warned on 3 March 2024 that rivers in Yorkshire could burst their banks, according to a statement.",
        "Trade talks\n\nChina's commerce ministry said the tariffs were unjustified. US officials denied that the measures targeted Chinese firms.",
        "Election night\n\nThe governor conceded shortly after midnight, telling supporters that the result was clear.",
    ];

    [Fact]
    public async Task AnalyzePendingAsync_SeveralDocumentsAtOnce_StoresExactlyWhatOneAtATimeStores()
    {
        var sequential = new MemoryStore();
        var parallel = new MemoryStore();
        foreach (var article in Articles) { sequential.Add(article); parallel.Add(article); }
        var one = await new DocumentAnalyzer(Pipeline(), sequential, sequential, sequential, sequential, new DocumentAnalyzerOptions(DocumentsAtOnce: 1)).AnalyzePendingAsync();
        var four = await new DocumentAnalyzer(Pipeline(), parallel, parallel, parallel, parallel, new DocumentAnalyzerOptions(DocumentsAtOnce: 4)).AnalyzePendingAsync();
        (four.Analysed, four.Failed.Count).ShouldBe((one.Analysed, 0));
        four.StageRuns.ShouldBe(one.StageRuns);
        var ids = (await sequential.ListIdsAsync()).ToList();
        string[] stages = ["text", "times", "vectors"];
        var expected = (await sequential.GetAnalysesAsync(ids, stages)).OrderBy(a => (a.DocumentId, a.Stage)).ToList();
        var actual = (await parallel.GetAnalysesAsync(ids, stages)).OrderBy(a => (a.DocumentId, a.Stage)).ToList();
        actual.Select(a => (a.DocumentId, a.Stage, a.Version, Convert.ToBase64String(a.Data))).ShouldBe(expected.Select(a => (a.DocumentId, a.Stage, a.Version, Convert.ToBase64String(a.Data))));
        foreach (var id in ids)
        {
            System.Text.Json.JsonSerializer.Serialize(await parallel.GetStatementsAsync(id)).ShouldBe(System.Text.Json.JsonSerializer.Serialize(await sequential.GetStatementsAsync(id)));
            System.Text.Json.JsonSerializer.Serialize((await parallel.GetEntitiesAsync(id))!.Entities).ShouldBe(System.Text.Json.JsonSerializer.Serialize((await sequential.GetEntitiesAsync(id))!.Entities));
        }
        (await parallel.ListDocumentsNeedingStatementsAsync(StatementAnalyzer.Version)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnalyzePendingAsync_OneOfSeveralAtOnceOverItsBudget_FailsAlone_TheOthersStoredAndProgressCountsAll()
    {
        var ids = new List<long>();
        foreach (var text in new[] { "First\n\nThe mayor opened the bridge on Friday.", "Second\n\nThe machine got stuck again, engineers said.", "Third\n\nThe library reopened on Monday." })
            ids.Add(_store.Add(text).Id);
        var pipeline = new AnalysisPipelineBuilder().Use(new StuckText(text => text.Contains("stuck", StringComparison.Ordinal))).Build();
        var progress = new List<AnalysisProgress>();
        // A budget a plain document meets even while the stages are first compiled on a loaded machine (200 ms did not, now and then).
        var analyzer = new DocumentAnalyzer(pipeline, _store, _store, _store, _store, new DocumentAnalyzerOptions(TimeSpan.FromSeconds(2), DocumentsAtOnce: 3));
        var summary = await analyzer.AnalyzePendingAsync(null, new SynchronousProgress(progress.Add));
        summary.Failed.ShouldHaveSingleItem().DocumentId.ShouldBe(ids[1]);
        summary.Analysed.ShouldBe(2);
        (await _store.ListDocumentsNeedingAnalysisAsync("text", 1)).ShouldBe([ids[1]]);
        progress.Select(p => p.Done).ShouldBe([0, 1, 2, 3]);
    }

    private sealed class SynchronousProgress(Action<AnalysisProgress> report) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => report(value);
    }
}
