using System.Text;
using System.Text.Json;
using Storyline.Ingestion;

namespace Storyline.Tests.Ingestion;

public class BatchLimitTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("storyline-batch-");

    private static string Page(int i, int bytes)
    {
        var paragraph = $"<p>Record {i}: officials discussed the budget at length during the meeting on Tuesday, according to people present.</p>";
        return "<html><body><article>" + string.Concat(Enumerable.Repeat(paragraph, Math.Max(1, bytes / paragraph.Length))) + "</article></body></html>";
    }

    private static string Record(int i, int bytes) => JsonSerializer.Serialize(new { url = $"https://example.com/{i}", html = Page(i, bytes) });

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static async Task<List<IngestItem>> Resolve(string path, long maxInputBytes)
    {
        using var fetcher = new UrlFetcher(FetchOptions.Default);
        var items = new List<IngestItem>();
        await foreach (var item in new InputResolver(fetcher, TimeProvider.System, maxInputBytes).ResolveAsync([path], default)) items.Add(item);
        return items;
    }

    [Fact]
    public async Task ResolveAsync_JsonLinesOf200PagesOver35MB_AcceptsEveryRecord()
    {
        var path = Write("pages.jsonl", Enumerable.Range(1, 200).Select(i => Record(i, 175_000)));
        new FileInfo(path).Length.ShouldBeGreaterThan(35_000_000);

        var items = await Resolve(path, 20_000_000);

        items.Count.ShouldBe(200);
        items.ShouldAllBe(i => i is InputItem);
        ((InputItem)items[199]).Input.Url.ShouldBe("https://example.com/200");
    }

    [Fact]
    public async Task ResolveAsync_JsonLinesWithOneOversizedRecord_FailsThatRecordAlone()
    {
        var path = Write("mixed.jsonl", [Record(1, 20_000), Record(2, 150_000), "", Record(4, 20_000)]);

        var items = await Resolve(path, 100_000);

        items.Count.ShouldBe(3);
        items[0].ShouldBeOfType<InputItem>();
        var failed = items[1].ShouldBeOfType<FailedItem>();
        failed.Name.ShouldBe($"{Path.GetFullPath(path)}:2");
        failed.Reason.ShouldMatch(@"^record is [\d,]+ bytes, over the 100,000-byte limit$");
        items[2].ShouldBeOfType<InputItem>().Input.Url.ShouldBe("https://example.com/4");
    }

    [Fact]
    public async Task ResolveAsync_FeedLargerThanTheLimit_AcceptsItemsAndFailsTheOversizedOneAlone()
    {
        var item = (int i, int bytes) => $"<item><title>T{i}</title><link>https://example.com/{i}</link><description><![CDATA[{Page(i, bytes)}]]></description></item>";
        var path = Path.Combine(_dir.FullName, "feed.rss");
        File.WriteAllText(path, $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed</title>{string.Concat(Enumerable.Range(1, 8).Select(i => item(i, i == 5 ? 150_000 : 40_000)))}</channel></rss>");
        new FileInfo(path).Length.ShouldBeGreaterThan(100_000);

        var items = await Resolve(path, 100_000);

        items.Count.ShouldBe(8);
        items.OfType<FailedItem>().Single().Reason.ShouldMatch(@"^item is [\d,]+ bytes, over the 100,000-byte limit$");
        items.OfType<FailedItem>().Single().Name.ShouldStartWith($"{Path.GetFullPath(path)}#5");
    }

    [Fact]
    public async Task ResolveAsync_JsonLinesLinkedToEndlessDevice_StopsAtTheBatchLimit()
    {
        if (!File.Exists("/dev/zero")) return;
        var link = Path.Combine(_dir.FullName, "zero.jsonl");
        File.CreateSymbolicLink(link, "/dev/zero");

        var items = await Resolve(link, 10_000).WaitAsync(TimeSpan.FromSeconds(20));

        items.Single().ShouldBeOfType<FailedItem>().Reason.ShouldStartWith("cannot read: over the 500,000-byte limit");
    }

    [Fact]
    public void Read_RecordsSplitAcrossReadBuffers_ReadsEachWithItsLineNumber()
    {
        var lines = new[] { Record(1, 100_000), "not json", Record(3, 200_000) };
        var bytes = Encoding.UTF8.GetBytes("\uFEFF" + string.Join("\r\n", lines));

        var items = JsonLinesReader.Read("batch.jsonl", new MemoryStream(bytes), DateTimeOffset.UnixEpoch).ToList();

        items.Select(i => i.Name).ShouldBe(["batch.jsonl:1 (https://example.com/1)", "batch.jsonl:2", "batch.jsonl:3 (https://example.com/3)"]);
        items[1].ShouldBeOfType<FailedItem>().Reason.ShouldStartWith("malformed JSON");
    }

    public void Dispose()
    {
        _dir.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }
}
