using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Storyline.Storage;

namespace Storyline.Web.Services;

/// <summary>Built story views by story id, valid while the story's document count, last update and statement analyses stay the same (and until
/// an ingest clears them). Bounded: a view weighs its story's document count, and the least recently used views go once the weights pass
/// Storyline:StoryCacheDocuments.</summary>
public sealed class StoryCache(IOptions<WebOptions> options) : IDisposable
{
    private sealed record Kept(StoryView View, StatementsStamp Statements);

    private readonly MemoryCache _views = new(new MemoryCacheOptions { SizeLimit = options.Value.StoryCacheDocuments, TrackStatistics = true });

    /// <summary>True when views are kept (Storyline:CacheStories).</summary>
    public bool Enabled => options.Value.CacheStories;

    /// <summary>The cached view of <paramref name="story"/>, or null when there is none or the story or its statements have changed since it was built.</summary>
    public StoryView? Get(StoryInfo story, StatementsStamp statements) =>
        Enabled && _views.TryGetValue(story.Id, out Kept? kept) && kept!.View.Story.UpdatedAt == story.UpdatedAt && kept.View.Story.Documents == story.Documents
            // Statements re-analysed without a document change (another process, a newer analysis version) leave the story as it was.
            && kept.Statements == statements ? kept.View : null;

    /// <summary>Keeps a view with the statement state it was built from (no-op when caching is off).</summary>
    public void Set(StoryView view, StatementsStamp statements)
    {
        if (!Enabled) return;
        var size = Math.Max(1, view.Story.Documents);
        // MemoryCache refuses an entry that would pass the bound and only then compacts in the background: make room first, least
        // recently used out, so that the view just built is kept.
        var held = _views.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;
        if (held + size > options.Value.StoryCacheDocuments) _views.Compact(0.5);
        _views.Set(view.Story.Id, new Kept(view, statements), new MemoryCacheEntryOptions { Size = size });
    }

    /// <summary>Forgets every view: the next view of each story is built from the store.</summary>
    public void Clear() => _views.Clear();

    /// <summary>Number of views held.</summary>
    public int Count => _views.Count;

    /// <inheritdoc />
    public void Dispose() => _views.Dispose();
}
