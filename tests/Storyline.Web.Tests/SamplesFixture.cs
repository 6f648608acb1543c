using Microsoft.Extensions.DependencyInjection;
using Storyline.Storage.Sqlite;
using Storyline.Tests.TestSupport;
using Storyline.Web.Services;

namespace Storyline.Web.Tests;

/// <summary>A host whose store holds the five xinjiang samples, ingested through the web app's ingest service (as uploads).</summary>
public sealed class SamplesFixture : IAsyncLifetime
{
    public WebHost Host { get; } = new();

    /// <summary>The story most samples joined.</summary>
    public long StoryId { get; private set; }

    public async Task InitializeAsync() => StoryId = await IngestSamplesAsync(Host);

    /// <summary>Ingests the samples into <paramref name="host"/>; returns the story most of them joined.</summary>
    public static async Task<long> IngestSamplesAsync(WebHost host)
    {
        var uploads = Directory.EnumerateFiles(SharedData.Samples).Order(StringComparer.Ordinal)
            .Select(f => new Upload(Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        var results = await host.Services.GetRequiredService<IngestService>().IngestUploadsAsync(uploads, CancellationToken.None);
        results.Count(r => r.DocumentId is not null).ShouldBe(5);
        await using var store = await SqliteDocumentStore.OpenAsync(host.Store, TimeProvider.System);
        var stories = await store.ListStoriesAsync();
        return stories.MaxBy(s => s.Documents)!.Id;
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }
}
