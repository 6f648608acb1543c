using Storyline.Ingestion;
using Storyline.Storage;

namespace Storyline.Tests.Storage;

public sealed class IngestJobStateTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static IngestJobState Running(DateTimeOffset lastSeen) =>
        new("id", "2 files", Start, null, null, [new IngestResult("a.txt", IngestStatus.Ingested, 1, null, null, "A")], lastSeen);

    [Fact]
    public void AsSeenAt_HeardOfWithinSilence_StillRunning()
    {
        var job = Running(Start.AddSeconds(50));
        job.AsSeenAt(Start.AddSeconds(100), TimeSpan.FromSeconds(60)).ShouldBeSameAs(job);
    }

    [Fact]
    public void AsSeenAt_SilentLongerThanAllowed_EndedInterruptedWhenLastHeardOf()
    {
        var seen = Running(Start.AddSeconds(30)).AsSeenAt(Start.AddSeconds(100), TimeSpan.FromSeconds(60));
        seen.Finished.ShouldBeTrue();
        seen.FinishedAt.ShouldBe(Start.AddSeconds(30));
        seen.Error.ShouldBe(IngestJobState.InterruptedError);
        seen.Results.Count.ShouldBe(1);
    }

    [Fact]
    public void AsSeenAt_Ended_Unchanged()
    {
        var ended = Running(Start) with { FinishedAt = Start.AddSeconds(5) };
        ended.AsSeenAt(Start.AddDays(1), TimeSpan.FromSeconds(60)).ShouldBeSameAs(ended);
    }
}
