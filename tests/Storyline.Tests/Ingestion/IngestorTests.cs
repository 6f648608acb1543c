using System.Diagnostics;
using System.Text;
using Storyline.Documents;
using Storyline.Ingestion;
using Storyline.Pipeline;
using Storyline.Tests.TestSupport;

namespace Storyline.Tests.Ingestion;

public class IngestorTests
{
    private static InputItem Text(string name, string text) =>
        new(new RawInput(name, null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, InputHints.None));

    private const string Good = "Council approves housing plan\n\nThe council approved the housing plan on Tuesday after a long debate about costs and timing.";

    // A stage that stalls on inputs whose name starts with "stall", ignoring the token (as a parser deep in its own loop would).
    private sealed class StallingStage(ManualResetEventSlim release) : IDocumentStage
    {
        public void Process(DocumentContext context, CancellationToken cancellationToken)
        {
            if (context.Input.Name.StartsWith("stall", StringComparison.Ordinal)) release.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
        }
    }

    // A stage that works in small steps and checks the token, as the real stages do.
    private sealed class SlowCooperativeStage : IDocumentStage
    {
        public void Process(DocumentContext context, CancellationToken cancellationToken)
        {
            if (!context.Input.Name.StartsWith("slow", StringComparison.Ordinal)) return;
            var until = Stopwatch.StartNew();
            while (until.Elapsed < TimeSpan.FromSeconds(30)) { cancellationToken.ThrowIfCancellationRequested(); Thread.Sleep(5); }
        }
    }

    private sealed class ThrowingStage : IDocumentStage
    {
        public void Process(DocumentContext context, CancellationToken cancellationToken)
        {
            if (context.Input.Name.StartsWith("bug", StringComparison.Ordinal)) throw new InvalidOperationException("stage bug\nsecond line");
        }
    }

    private static DocumentPipeline With(IDocumentStage first)
    {
        var builder = new DocumentPipelineBuilder().Use(first).UseDefaults();
        return builder.Build();
    }

    [Fact]
    public async Task IngestAsync_StageIgnoringTokenPastBudget_FailsThatInputAndNextLands()
    {
        using var release = new ManualResetEventSlim();
        var store = new MemoryStore();
        var pipeline = With(new StallingStage(release));
        var ingestor = new Ingestor(pipeline, store) { InputTimeout = TimeSpan.FromMilliseconds(300) };
        // The next input, on the same pipeline and store while the stalled stage still holds its thread, gets the default budget: a loaded
        // machine's first run of the real stages can take longer than 0.3 s.
        var patient = new Ingestor(pipeline, store);
        var stopwatch = Stopwatch.StartNew();

        var stalled = await ingestor.IngestAsync(Text("stall.txt", Good), default);
        var next = await patient.IngestAsync(Text("next.txt", Good), default);
        release.Set();

        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        stalled.Status.ShouldBe(IngestStatus.Failed);
        stalled.Error.ShouldBe("processing took longer than 0.3 s, the time budget for one input");
        next.Status.ShouldBe(IngestStatus.Ingested);
        (await store.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task IngestAsync_CooperativeStagePastBudget_FailsWithBudgetReason()
    {
        var ingestor = new Ingestor(With(new SlowCooperativeStage()), new MemoryStore()) { InputTimeout = TimeSpan.FromMilliseconds(200) };
        var result = await ingestor.IngestAsync(Text("slow.txt", Good), default);
        result.Status.ShouldBe(IngestStatus.Failed);
        result.Error!.ShouldContain("time budget for one input");
    }

    [Fact]
    public async Task IngestAsync_CallerCancels_Throws()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var ingestor = new Ingestor(With(new SlowCooperativeStage()), new MemoryStore());
        await Should.ThrowAsync<OperationCanceledException>(() => ingestor.IngestAsync(Text("slow.txt", Good), cts.Token));
    }

    [Fact]
    public async Task IngestAsync_StageThrowsUnexpectedly_FailsThatInputOnOneLine()
    {
        var ingestor = new Ingestor(With(new ThrowingStage()), new MemoryStore());
        var result = await ingestor.IngestAsync(Text("bug.txt", Good), default);
        result.Status.ShouldBe(IngestStatus.Failed);
        result.Error.ShouldBe("could not be processed: InvalidOperationException: stage bug second line");
        (await ingestor.IngestAsync(Text("fine.txt", Good), default)).Status.ShouldBe(IngestStatus.Ingested);
    }

    // Collects what is logged, level and message, for the logging tests.
    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        public List<(Microsoft.Extensions.Logging.LogLevel Level, string Message)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            lock (Entries) Entries.Add((logLevel, formatter(state, exception)));
        }
    }

    [Fact]
    public async Task IngestAsync_WithLogger_LogsStoredAndFailedInputsWithTimes()
    {
        var logger = new ListLogger();
        var ingestor = new Ingestor(With(new ThrowingStage()), new MemoryStore()) { Logger = logger };
        await ingestor.IngestAsync(Text("fine.txt", Good), default);
        await ingestor.IngestAsync(Text("bug.txt", Good), default);
        logger.Entries.Count.ShouldBe(2);
        logger.Entries[0].Level.ShouldBe(Microsoft.Extensions.Logging.LogLevel.Debug);
        logger.Entries[0].Message.ShouldStartWith("Input fine.txt: Ingested as document ");
        logger.Entries[0].Message.ShouldEndWith(" ms");
        logger.Entries[1].Level.ShouldBe(Microsoft.Extensions.Logging.LogLevel.Warning);
        logger.Entries[1].Message.ShouldContain("Input bug.txt failed after ");
        logger.Entries[1].Message.ShouldContain("stage bug");
    }
}
