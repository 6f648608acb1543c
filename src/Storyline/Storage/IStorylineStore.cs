namespace Storyline.Storage;

/// <summary>Everything the CLI and the web app read and write: one store, whichever provider holds it.</summary>
public interface IStorylineStore : IDocumentStore, IStoryStore, IAnalysisStore, IStatementStore, IEntityStore, IClaimStore, IAnalysisQueue, IIngestJobStore;

/// <summary>The markers every provider puts around the matched words of a search snippet (<see cref="Documents.SearchHit.Snippet"/>).</summary>
public static class SearchHighlight
{
    /// <summary>Marks the start of a highlighted match.</summary>
    public const char Start = '\u0002';

    /// <summary>Marks the end of a highlighted match.</summary>
    public const char End = '\u0003';
}
