using Microsoft.Extensions.DependencyInjection;
using Storyline.Web.Services;

namespace Storyline.Web.Tests;

public class StoryCacheTests
{
    private static async Task<long> StoryOf(WebHost host, long document)
    {
        await using var store = await Storyline.Storage.Sqlite.SqliteDocumentStore.OpenAsync(host.Store, TimeProvider.System);
        return (await store.ListStoriesAsync()).Single(s => store.GetStoryDocumentIdsAsync(s.Id).Result.Contains(document)).Id;
    }

    [Fact]
    public async Task GetAsync_NewDocumentInStory_BuiltAnew()
    {
        using var host = new WebHost();
        var first = await host.AddTextAsync(WebHost.Article("cotton", 1), source: "Wire One", published: "2021-03-01");
        var story = await StoryOf(host, first);
        var service = host.Services.GetRequiredService<StoryService>();
        var before = (await service.GetAsync(story, CancellationToken.None))!;
        (await service.GetAsync(story, CancellationToken.None)).ShouldBeSameAs(before);
        var second = await host.AddTextAsync(WebHost.Article("cotton", 2), source: "Wire Two", published: "2021-03-02");
        var after = (await service.GetAsync(await StoryOf(host, second), CancellationToken.None))!;
        after.ShouldNotBeSameAs(before);
    }

    [Fact]
    public async Task GetAsync_StatementsReanalysedWithoutDocumentChange_BuiltAnew()
    {
        using var host = new WebHost();
        var id = await host.AddTextAsync("Officials weigh cotton measures\n\nA spokesman for the ministry, Li Wei, said on Tuesday that the cotton measures would stay in place for another year.",
            source: "Wire One", published: "2021-03-01");
        var story = await StoryOf(host, id);
        var service = host.Services.GetRequiredService<StoryService>();
        var before = (await service.GetAsync(story, CancellationToken.None))!;
        before.WhoThinksWhat.ShouldNotBeEmpty();
        (await service.GetAsync(story, CancellationToken.None)).ShouldBeSameAs(before);
        // Another process re-analyses the document's statements (here: finds none); the story itself is unchanged.
        await using (var store = await Storyline.Storage.Sqlite.SqliteDocumentStore.OpenAsync(host.Store, TimeProvider.System))
            await store.SaveStatementsAsync(id, [], Storyline.Attribution.StatementAnalyzer.Version);
        var after = (await service.GetAsync(story, CancellationToken.None))!;
        after.ShouldNotBeSameAs(before);
        after.WhoThinksWhat.ShouldBeEmpty();
        (await service.GetAsync(story, CancellationToken.None)).ShouldBeSameAs(after);
    }

    [Fact]
    public async Task GetAsync_CachingOff_BuiltEveryTime()
    {
        using var host = new WebHost(new() { ["Storyline:CacheStories"] = "false" });
        var id = await host.AddTextAsync(WebHost.Article("cotton", 1), published: "2021-03-01");
        var story = await StoryOf(host, id);
        var service = host.Services.GetRequiredService<StoryService>();
        var a = await service.GetAsync(story, CancellationToken.None);
        var b = await service.GetAsync(story, CancellationToken.None);
        b.ShouldNotBeSameAs(a);
        host.Services.GetRequiredService<StoryCache>().Count.ShouldBe(0);
    }

    private static StoryView View(long id, int documents) =>
        new(new Storyline.Storage.StoryInfo(id, $"Story {id}", documents, [], null, null, DateTimeOffset.UnixEpoch), null!, [], [], [], [], []);

    [Fact]
    public void Set_PastTheDocumentBound_LeastRecentlyUsedGoAndTheBoundHolds()
    {
        using var cache = new StoryCache(Microsoft.Extensions.Options.Options.Create(new WebOptions { StoryCacheDocuments = 100 }));
        var stamp = new Storyline.Storage.StatementsStamp(0, 0, 0, null);
        for (long id = 1; id <= 30; id++)
        {
            cache.Set(View(id, 40), stamp);
            // Compaction runs in the background once the bound is passed: the held weight never stays above it for long.
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (cache.Count > 2 && DateTime.UtcNow < deadline) Thread.Sleep(20);
        cache.Count.ShouldBeLessThanOrEqualTo(2); // 40 documents each, 100 at most
        cache.Get(View(30, 40).Story, stamp).ShouldNotBeNull(); // the latest is kept
    }
}
