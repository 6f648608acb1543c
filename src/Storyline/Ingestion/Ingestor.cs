using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Storyline.Dedup;
using Storyline.Documents;
using Storyline.Pipeline;
using Storyline.Storage;

namespace Storyline.Ingestion;

/// <summary>What happened to one input.</summary>
public enum IngestStatus
{
    /// <summary>Stored as a new document.</summary>
    Ingested,
    /// <summary>Already stored; nothing written.</summary>
    Duplicate,
    /// <summary>Stored and linked to the original it nearly copies.</summary>
    NearDuplicate,
    /// <summary>Could not be read or processed.</summary>
    Failed,
}

/// <summary>The outcome for one input.</summary>
public sealed record IngestResult(string Name, IngestStatus Status, long? DocumentId, long? OriginalId, string? Error, string? Title);

/// <summary>Counts for a batch.</summary>
public sealed record IngestSummary(int Ingested, int Duplicates, int NearDuplicates, int Failed)
{
    /// <summary>Summarises a list of results.</summary>
    public static IngestSummary Of(IReadOnlyCollection<IngestResult> results) => new(
        results.Count(r => r.Status == IngestStatus.Ingested),
        results.Count(r => r.Status == IngestStatus.Duplicate),
        results.Count(r => r.Status == IngestStatus.NearDuplicate),
        results.Count(r => r.Status == IngestStatus.Failed));
}

/// <summary>Runs raw inputs through the pipeline into a store, one transaction per document; a bad input is reported and the batch goes on.</summary>
public sealed class Ingestor(DocumentPipeline pipeline, IDocumentStore store, double nearDuplicateThreshold = 0.7)
{
    /// <summary>The time budget for processing one input unless <see cref="InputTimeout"/> says otherwise.</summary>
    public static readonly TimeSpan DefaultInputTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Time budget for processing one input (decoding, extraction, cleaning); an input over it fails alone. <see cref="Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan InputTimeout { get; init; } = DefaultInputTimeout;

    /// <summary>Where each input's outcome and time are logged (failures as warnings); nothing by default, the CLI reports outcomes itself.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Processes and stores one item.</summary>
    public async Task<IngestResult> IngestAsync(IngestItem item, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await IngestItemAsync(item, cancellationToken).ConfigureAwait(false);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result.Status == IngestStatus.Failed) IngestorLog.InputFailed(Logger, result.Name, result.Error ?? "", elapsed);
        else IngestorLog.InputStored(Logger, result.Name, result.Status, result.DocumentId ?? 0, elapsed);
        return result;
    }

    private async Task<IngestResult> IngestItemAsync(IngestItem item, CancellationToken cancellationToken)
    {
        if (item is FailedItem failed) return new IngestResult(failed.Name, IngestStatus.Failed, null, null, failed.Reason, null);
        var input = ((InputItem)item).Input;
        ProcessedDocument content;
        try
        {
            content = await ProcessWithinBudgetAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (InputRejectedException e)
        {
            return new IngestResult(input.Name, IngestStatus.Failed, null, null, e.Message, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A fault on one hostile input (a parser limit, a bug it uncovers) fails that input; the batch goes on.
            return new IngestResult(input.Name, IngestStatus.Failed, null, null, $"could not be processed: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}", null);
        }
        var added = await store.AddAsync(Prepare(input, content), nearDuplicateThreshold, cancellationToken).ConfigureAwait(false);
        var status = added.Outcome switch
        {
            AddOutcome.Added => IngestStatus.Ingested,
            AddOutcome.ExactDuplicate => IngestStatus.Duplicate,
            _ => IngestStatus.NearDuplicate,
        };
        return new IngestResult(input.Name, status, added.DocumentId, added.OriginalId, null, content.Metadata.Title);
    }

    private async Task<ProcessedDocument> ProcessWithinBudgetAsync(RawInput input, CancellationToken cancellationToken)
    {
        if (InputTimeout == Timeout.InfiniteTimeSpan) return pipeline.Process(input, cancellationToken);
        using var budget = new CancellationTokenSource(InputTimeout, pipeline.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        // On a worker thread: the stages check the token, but a step that checks too rarely must not hold the batch past the budget.
        // Work abandoned that way stops at its next check.
        var work = Task.Run(() => pipeline.Process(input, linked.Token), CancellationToken.None);
        try
        {
            return await work.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _ = work.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw new InputRejectedException($"processing took longer than {InputTimeout.TotalSeconds:0.###} s, the time budget for one input");
        }
    }

    /// <summary>Hashes and signs a processed document for storage.</summary>
    public static NewDocument Prepare(RawInput input, ProcessedDocument content) =>
        new(input, content, Sha256(input.Content), TextHash(content.Text), MinHash.Signature(content.Text));

    /// <summary>The hash under which cleaned text is recognised as an exact duplicate.</summary>
    public static string TextHash(string text) => Sha256(Encoding.UTF8.GetBytes(text));

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>The ingestor's log entries, as compile-time logging source so that a disabled level costs nothing.</summary>
internal static partial class IngestorLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Input {Name}: {Status} as document {DocumentId} in {ElapsedMs} ms")]
    public static partial void InputStored(ILogger logger, string name, IngestStatus status, long documentId, long elapsedMs);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Input {Name} failed after {ElapsedMs} ms: {Reason}")]
    public static partial void InputFailed(ILogger logger, string name, string reason, long elapsedMs);
}
