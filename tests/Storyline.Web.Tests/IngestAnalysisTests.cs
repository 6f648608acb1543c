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

    public void Dispose() => _host.Dispose();
}
