using Storyline.Storage.Sqlite;

namespace Storyline.Web.Tests;

public class IngestAnalysisTests : IDisposable
{
    private readonly WebHost _host = new();

    [Fact]
    public async Task IngestApi_Text_AssignsStoryAndStoresEntitiesAndStatements()
    {
        var id = await _host.AddTextAsync(
            "Ministers clash over cotton rules\n\n" +
            "\"The rules will ruin exporters,\" said Maria Lopez, a spokeswoman for the Cotton Growers Association, on Tuesday.\n\n" +
            "Trade minister John Baker said the government would not change course on the cotton rules this season.",
            source: "Wire", published: "2021-03-04");
        await using var store = await SqliteDocumentStore.OpenAsync(_host.Store, TimeProvider.System);
        var stories = await store.ListStoriesAsync();
        stories.Count.ShouldBe(1);
        (await store.GetStoryDocumentIdsAsync(stories[0].Id)).ShouldBe([id]);
        (await store.GetEntitiesAsync(id)).ShouldNotBeNull();
        (await store.GetStatementsAsync(id)).ShouldNotBeNull().ShouldNotBeEmpty();
        (await store.ListDocumentsNeedingStatementsAsync(Storyline.Attribution.StatementAnalyzer.Version)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StartUp_DocumentStoredWithoutStoryOrStatements_CaughtUp()
    {
        // A store written by ingestion alone (no story assignment, no analysis), as an older release left it.
        var dir = Directory.CreateTempSubdirectory("storyline-catchup-");
        var path = Path.Combine(dir.FullName, "store.db");
        try
        {
            await using (var store = await SqliteDocumentStore.OpenAsync(path, TimeProvider.System))
            {
                var ingestor = new Storyline.Ingestion.Ingestor(Storyline.Pipeline.DocumentPipeline.CreateDefault(TimeProvider.System), store);
                using var fetcher = new Storyline.Ingestion.UrlFetcher(Storyline.Ingestion.FetchOptions.Default, TimeProvider.System);
                var item = new Storyline.Ingestion.InputResolver(fetcher, TimeProvider.System)
                    .FromText("old.txt", "\"The rules will ruin exporters,\" said Maria Lopez, a spokeswoman for the Cotton Growers Association, on Tuesday.\n\n" + WebHost.Article("cotton"), new Storyline.Documents.InputHints(null, null, null));
                (await ingestor.IngestAsync(item, CancellationToken.None)).DocumentId.ShouldNotBeNull();
                (await store.ListStoriesAsync()).ShouldBeEmpty();
            }
            using var host = new WebHost(new() { ["Storyline:Store"] = path });
            host.CreateClient().Dispose();
            for (var i = 0; i < 100; i++)
            {
                await using var store = await SqliteDocumentStore.OpenAsync(path, TimeProvider.System);
                if ((await store.ListStoriesAsync()).Count == 1 && (await store.ListDocumentsNeedingStatementsAsync(Storyline.Attribution.StatementAnalyzer.Version)).Count == 0) return;
                await Task.Delay(200);
            }
            throw new TimeoutException("the store was not caught up");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { dir.Delete(true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task UseWorkers_IngestOnlyQueues_AndHealthReportsTheQueueDepth()
    {
        using var host = new WebHost(new() { ["Storyline:UseWorkers"] = "true" });
        var id = await host.AddTextAsync("Ministers clash over cotton rules\n\n" + WebHost.Article("cotton"), source: "Wire", published: "2021-03-04");
        await using (var store = await SqliteDocumentStore.OpenAsync(host.Store, TimeProvider.System))
        {
            (await store.ListStoriesAsync()).ShouldBeEmpty();
            (await store.QueueDepthAsync()).ShouldBe(1);
            (await store.ClaimAsync("test", 10, TimeSpan.FromMinutes(1))).ShouldBe([id]);
        }
        using var client = host.CreateClient();
        var health = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/healthz")).RootElement;
        health.GetProperty("status").GetString().ShouldBe("ok");
        health.GetProperty("queue_depth").GetInt32().ShouldBe(1);
    }

    public void Dispose() => _host.Dispose();
}
