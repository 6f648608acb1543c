using System.Collections.Concurrent;
using Storyline.Storage;

namespace Storyline.Tests.Storage;

public class LeaseKeeperTests
{
    /// <summary>Records renewals; fails the first <c>failures</c> of them.</summary>
    private sealed class RecordingQueue(int failures = 0) : IAnalysisQueue
    {
        private int _failures = failures;
        public ConcurrentQueue<(long[] Ids, string Worker, TimeSpan Lease)> Renewed { get; } = new();

        public Task<int> RenewAsync(IReadOnlyCollection<long> documentIds, string workerId, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Decrement(ref _failures) >= 0) throw new InvalidOperationException("store busy");
            Renewed.Enqueue(([.. documentIds], workerId, lease));
            return Task.FromResult(documentIds.Count);
        }

        public Task EnqueueAsync(IReadOnlyCollection<long> documentIds, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<long>> ClaimAsync(string workerId, int max, TimeSpan lease, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<int> CompleteAsync(IReadOnlyCollection<long> documentIds, string workerId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<int> ReleaseAsync(IReadOnlyCollection<long> documentIds, string workerId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<int> QueueDepthAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
        condition().ShouldBeTrue();
    }

    [Fact]
    public async Task Start_WhileTheBatchRuns_RenewsTheWorkersClaimsWithTheFullLease()
    {
        var queue = new RecordingQueue();
        var lease = TimeSpan.FromMilliseconds(150);
        await using (var keeper = LeaseKeeper.Start(queue, [4, 5], "w1", lease, TimeProvider.System))
            await WaitUntil(() => queue.Renewed.Count >= 2);
        queue.Renewed.ShouldAllBe(r => r.Worker == "w1" && r.Lease == lease && r.Ids.SequenceEqual(new long[] { 4, 5 }));
    }

    [Fact]
    public async Task Dispose_AfterTheBatch_NoMoreRenewals()
    {
        var queue = new RecordingQueue();
        var keeper = LeaseKeeper.Start(queue, [1], "w1", TimeSpan.FromMilliseconds(60), TimeProvider.System);
        await WaitUntil(() => !queue.Renewed.IsEmpty);
        await keeper.DisposeAsync();
        var count = queue.Renewed.Count;
        await Task.Delay(200);
        queue.Renewed.Count.ShouldBe(count);
    }

    [Fact]
    public async Task Start_RenewalFails_ReportedAndRetried()
    {
        var queue = new RecordingQueue(failures: 1);
        var errors = new ConcurrentQueue<Exception>();
        await using (LeaseKeeper.Start(queue, [1], "w1", TimeSpan.FromMilliseconds(60), TimeProvider.System, errors.Enqueue))
            await WaitUntil(() => !queue.Renewed.IsEmpty);
        errors.Count.ShouldBe(1);
        errors.Single().Message.ShouldBe("store busy");
    }
}
