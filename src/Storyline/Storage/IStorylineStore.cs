namespace Storyline.Storage;

/// <summary>Everything the CLI and the web app read and write: one store, whichever provider holds it.</summary>
public interface IStorylineStore : IDocumentStore, IStoryStore, IAnalysisStore, IStatementStore, IEntityStore, IClaimStore, IBriefingStore, IViewStore, IAnalysisQueue, IWorkLeases, IIngestJobStore;

/// <summary>The markers every provider puts around the matched words of a search snippet (<see cref="Documents.SearchHit.Snippet"/>).</summary>
public static class SearchHighlight
{
    /// <summary>Marks the start of a highlighted match.</summary>
    public const char Start = '\u0002';

    /// <summary>Marks the end of a highlighted match.</summary>
    public const char End = '\u0003';

    /// <summary>The snippet without markers, and the [start, end) offsets of each match in it: the one reading of the markers, for the CLI,
    /// the API and the pages.</summary>
    public static (string Text, IReadOnlyList<int[]> Highlights) Parse(string snippet)
    {
        var text = new System.Text.StringBuilder(snippet.Length);
        var ranges = new List<int[]>();
        int start = -1;
        foreach (var c in snippet)
        {
            if (c == Start) start = text.Length;
            else if (c == End)
            {
                if (start >= 0 && text.Length > start) ranges.Add([start, text.Length]);
                start = -1;
            }
            else text.Append(c);
        }
        return (text.ToString(), ranges);
    }
}
