using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Storyline.Storage;

namespace Storyline.Web.Services;

/// <summary>Built story views by story id, valid while the story's document count, last update and statement analyses stay the same (and until an ingest clears them).</summary>
public sealed class StoryCache(IOptions<WebOptions> options)
{
    private readonly ConcurrentDictionary<long, (StoryView View, StatementsStamp Statements)> _views = new();

    /// <summary>True when views are kept (Storyline:CacheStories).</summary>
    public bool Enabled => options.Value.CacheStories;

    /// <summary>The cached view of <paramref name="story"/>, or null when there is none or the story or its statements have changed since it was built.</summary>
    public StoryView? Get(StoryInfo story, StatementsStamp statements) =>
        Enabled && _views.TryGetValue(story.Id, out var kept) && kept.View.Story.UpdatedAt == story.UpdatedAt && kept.View.Story.Documents == story.Documents
            // Statements re-analysed without a document change (another process, a newer analysis version) leave the story as it was.
            && kept.Statements == statements ? kept.View : null;

    /// <summary>Keeps a view with the statement state it was built from (no-op when caching is off).</summary>
    public void Set(StoryView view, StatementsStamp statements)
    {
        if (Enabled) _views[view.Story.Id] = (view, statements);
    }

    /// <summary>Forgets every view: the next view of each story is built from the store.</summary>
    public void Clear() => _views.Clear();

    /// <summary>Number of views held.</summary>
    public int Count => _views.Count;
}
