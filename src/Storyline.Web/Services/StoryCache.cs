using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Storyline.Storage;

namespace Storyline.Web.Services;

/// <summary>Built story views by story id, valid while the story's document count and last update stay the same (and until an ingest clears them).</summary>
public sealed class StoryCache(IOptions<WebOptions> options)
{
    private readonly ConcurrentDictionary<long, StoryView> _views = new();

    /// <summary>True when views are kept (Storyline:CacheStories).</summary>
    public bool Enabled => options.Value.CacheStories;

    /// <summary>The cached view of <paramref name="story"/>, or null when there is none or the story has changed since it was built.</summary>
    public StoryView? Get(StoryInfo story) =>
        Enabled && _views.TryGetValue(story.Id, out var view) && view.Story.UpdatedAt == story.UpdatedAt && view.Story.Documents == story.Documents ? view : null;

    /// <summary>Keeps a view (no-op when caching is off).</summary>
    public void Set(StoryView view)
    {
        if (Enabled) _views[view.Story.Id] = view;
    }

    /// <summary>Forgets every view: the next view of each story is built from the store.</summary>
    public void Clear() => _views.Clear();

    /// <summary>Number of views held.</summary>
    public int Count => _views.Count;
}
