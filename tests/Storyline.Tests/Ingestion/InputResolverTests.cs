using System.Text;
using Storyline.Ingestion;
using Storyline.Tests.TestSupport;

namespace Storyline.Tests.Ingestion;

public class InputResolverTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("storyline-inputs-");

    private static string Body(string topic) => string.Concat(Enumerable.Repeat($"<p>Officials discussed {topic} at length during the meeting on Tuesday, according to people present.</p>", 8));

    private static async Task<List<IngestItem>> Resolve(params string[] specs) => await Resolve(true, specs);

    private static async Task<List<IngestItem>> Resolve(bool allowPrivate, params string[] specs)
    {
        using var fetcher = new UrlFetcher(FetchOptions.Default with { Timeout = TimeSpan.FromSeconds(5), AllowPrivate = allowPrivate });
        var items = new List<IngestItem>();
        await foreach (var item in new InputResolver(fetcher, TimeProvider.System).ResolveAsync(specs, default)) items.Add(item);
        return items;
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task ResolveAsync_Folder_RecursesInNameOrderByType()
    {
        Write("b.txt", "text");
        Write("a.html", "<html><body>x</body></html>");
        Write("sub/c.md", "# heading");
        Write("sub/skip.pdf", "%PDF");
        var items = await Resolve(_dir.FullName);
        items.Count.ShouldBe(4);
        items.OfType<InputItem>().Select(i => (Path.GetFileName(i.Name), i.Input.ContentType))
            .ShouldBe([("a.html", "text/html"), ("b.txt", "text/plain"), ("c.md", "text/plain")]);
        items.OfType<FailedItem>().Single().Reason.ShouldContain("unsupported file type '.pdf'");
    }

    [Fact]
    public async Task ResolveAsync_FolderWithLinkToAncestor_ListsEachFileOnceAndReportsTheLink()
    {
        Write("a.txt", "first");
        Write("sub/b.txt", "second");
        Directory.CreateSymbolicLink(Path.Combine(_dir.FullName, "sub", "loop"), _dir.FullName);

        var items = await Resolve(_dir.FullName).WaitAsync(TimeSpan.FromSeconds(20));

        items.OfType<InputItem>().Select(i => Path.GetFileName(i.Name)).ShouldBe(["a.txt", "b.txt"]);
        var link = items.OfType<FailedItem>().Single();
        link.Name.ShouldEndWith("loop");
        link.Reason.ShouldContain("link to a folder, not followed");
    }

    [Fact]
    public async Task ResolveAsync_Folder_FirstFileComesBeforeLaterFoldersAreListed()
    {
        Write("a/1.txt", "one");
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "z"));
        using var fetcher = new UrlFetcher(FetchOptions.Default);
        var seen = new List<string>();
        await foreach (var item in new InputResolver(fetcher, TimeProvider.System).ResolveAsync([_dir.FullName], default))
        {
            // Written after the first input came out: only a listing that has not read z yet finds it.
            if (seen.Count == 0) Write("z/2.txt", "two");
            seen.Add(Path.GetFileName(item.Name));
        }
        seen.ShouldBe(["1.txt", "2.txt"]);
    }

    [Fact]
    public async Task ResolveAsync_FileLinkedToEndlessDevice_FailsAtLimit()
    {
        if (!File.Exists("/dev/zero")) return;
        File.CreateSymbolicLink(Path.Combine(_dir.FullName, "zero.txt"), "/dev/zero");
        using var fetcher = new UrlFetcher(FetchOptions.Default);
        var items = new List<IngestItem>();
        await foreach (var item in new InputResolver(fetcher, TimeProvider.System, maxInputBytes: 1_000_000).ResolveAsync([_dir.FullName], default)) items.Add(item);
        items.Single().ShouldBeOfType<FailedItem>().Reason.ShouldBe("file is over the 1,000,000-byte limit");
    }

    [Theory]
    [InlineData("file:///etc/passwd", "file: URLs are not accepted; give the path itself")]
    [InlineData("ftp://example.com/a.txt", "ftp: URLs are not accepted; only http and https are fetched")]
    [InlineData("data:text/plain,hello", "data: URLs are not accepted; only http and https are fetched")]
    public async Task ResolveAsync_NonHttpUrl_FailsSayingUrlsOfThatSchemeAreNotAccepted(string spec, string reason) =>
        (await Resolve(spec)).Single().ShouldBeOfType<FailedItem>().Reason.ShouldBe(reason);

    [Fact]
    public async Task ResolveAsync_MissingPath_FailsWithReason()
    {
        var item = (await Resolve(Path.Combine(_dir.FullName, "nope.txt"))).Single().ShouldBeOfType<FailedItem>();
        item.Reason.ShouldBe("no such file, folder or URL");
    }

    [Fact]
    public async Task ResolveAsync_JsonLines_OneInputPerRecordAndBadLinesFail()
    {
        var path = Write("batch.jsonl", string.Join('\n',
            """{"url":"https://example.com/a","title":"A","text":"Some text here.","source":"Example","published":"2020-07-10"}""",
            """{"html":"<p>Body</p>"}""",
            """{"title":"no body"}""",
            """{not json""",
            """{"text":"x","published":"yesterday-ish"}""",
            ""));
        var items = await Resolve(path);
        items.Count.ShouldBe(5);
        var first = items[0].ShouldBeOfType<InputItem>().Input;
        first.Url.ShouldBe("https://example.com/a");
        first.Hints.Title.ShouldBe("A");
        first.Hints.Source.ShouldBe("Example");
        first.Hints.Published.ShouldBe(new DateTimeOffset(2020, 7, 10, 0, 0, 0, TimeSpan.Zero));
        items[1].ShouldBeOfType<InputItem>().Input.ContentType.ShouldBe("text/html");
        items[2].ShouldBeOfType<FailedItem>().Reason.ShouldContain("neither");
        items[3].ShouldBeOfType<FailedItem>().Reason.ShouldContain("malformed JSON");
        items[3].Name.ShouldEndWith("batch.jsonl:4");
        items[4].ShouldBeOfType<FailedItem>().Reason.ShouldContain("not a date");
    }

    [Fact]
    public async Task ResolveAsync_RssFileWithInlineContent_OneInputPerItem()
    {
        var path = Write("feed.rss", $"""
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Example News</title><link>https://example.com</link><description>d</description>
            <item><title>First</title><link>https://example.com/1</link><pubDate>Fri, 10 Jul 2020 08:00:00 GMT</pubDate><content:encoded><![CDATA[{Body("sanctions")}]]></content:encoded></item>
            <item><title>Second</title><link>https://example.com/2</link><description><![CDATA[{Body("trade")}]]></description></item>
            </channel></rss>
            """);
        var items = (await Resolve(path)).Cast<InputItem>().ToList();
        items.Count.ShouldBe(2);
        items[0].Input.Hints.Title.ShouldBe("First");
        items[0].Input.Hints.Source.ShouldBe("Example News");
        items[0].Input.Hints.Published!.Value.Year.ShouldBe(2020);
        items[0].Input.Url.ShouldBe("https://example.com/1");
        Encoding.UTF8.GetString(items[1].Input.Content).ShouldContain("trade");
    }

    [Fact]
    public async Task ResolveAsync_AtomFile_ReadsEntries()
    {
        var path = Write("feed.atom", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:x</id><updated>2020-07-10T00:00:00Z</updated>
            <entry><title>Entry</title><id>urn:1</id><updated>2020-07-10T00:00:00Z</updated><link href="https://example.com/e"/><content type="html"><![CDATA[{Body("visits")}]]></content></entry>
            </feed>
            """);
        var item = (await Resolve(path)).Single().ShouldBeOfType<InputItem>();
        item.Input.Hints.Title.ShouldBe("Entry");
        item.Input.IsHtml.ShouldBeTrue();
    }

    [Fact]
    public async Task ResolveAsync_BrokenFeed_FailsWholeFeedWithReason()
    {
        var path = Write("broken.xml", "<rss><channel><item><title>unclosed");
        (await Resolve(path)).Single().ShouldBeOfType<FailedItem>().Reason.ShouldContain("feed is malformed");
        var notXml = Write("notxml.rss", "this is not xml at all");
        (await Resolve(notXml)).Single().ShouldBeOfType<FailedItem>().Reason.ShouldContain("not a valid RSS or Atom feed");
    }

    [Fact]
    public async Task ResolveAsync_FeedItemWithoutContent_FetchesLinkAndBrokenLinkFailsAlone()
    {
        using var server = new LocalHttpServer(c => c.Request.Url!.AbsolutePath == "/good"
            ? LocalHttpServer.Respond(c, "text/html", Encoding.UTF8.GetBytes($"<html><body><article>{Body("talks")}</article></body></html>"))
            : LocalHttpServer.Respond(c, "text/plain", [], 500));
        var path = Write("links.rss", $"""
            <rss version="2.0"><channel><title>Links</title><link>{server.Prefix}</link><description>d</description>
            <item><title>Good</title><link>{server.Prefix}good</link><description>teaser</description></item>
            <item><title>Bad</title><link>{server.Prefix}bad</link><description>teaser</description></item>
            </channel></rss>
            """);
        var items = await Resolve(path);
        items.Count.ShouldBe(2);
        var good = items[0].ShouldBeOfType<InputItem>();
        good.Input.Hints.Title.ShouldBe("Good");
        Encoding.UTF8.GetString(good.Input.Content).ShouldContain("talks");
        items[1].ShouldBeOfType<FailedItem>().Reason.ShouldContain("HTTP 500");
    }

    [Fact]
    public async Task ResolveAsync_UrlWithPdfContentType_FailsNamingType()
    {
        using var server = new LocalHttpServer(c => LocalHttpServer.Respond(c, "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.4")));
        (await Resolve(server.Prefix)).Single().ShouldBeOfType<FailedItem>().Reason.ShouldContain("'application/pdf' is not HTML");
    }

    [Fact]
    public async Task ResolveAsync_UrlServingFeed_ExpandsItems()
    {
        using var server = new LocalHttpServer(c => LocalHttpServer.Respond(c, "application/rss+xml", Encoding.UTF8.GetBytes($"""
            <rss version="2.0"><channel><title>F</title><link>https://example.com</link><description>d</description>
            <item><title>One</title><link>https://example.com/1</link><description><![CDATA[{Body("one")}]]></description></item>
            </channel></rss>
            """)));
        (await Resolve(server.Prefix)).Single().ShouldBeOfType<InputItem>().Input.Hints.Title.ShouldBe("One");
    }

    [Fact]
    public async Task ResolveAsync_PrivateUrlNotAllowed_FailsAndOthersContinue()
    {
        var good = Write("ok.txt", "fine");
        var items = await Resolve(false, "http://127.0.0.1:9/x", good);
        items[0].ShouldBeOfType<FailedItem>().Reason.ShouldContain("non-public");
        items[1].ShouldBeOfType<InputItem>();
    }

    public void Dispose()
    {
        _dir.Delete(true);
        GC.SuppressFinalize(this);
    }
}

public class FeedReaderTests
{
    [Theory]
    [InlineData("Fri, 10 Jul 2020 08:00:00 GMT", 2020, 7, 10)]
    [InlineData("10 Jul 2020 08:00:00 +0800", 2020, 7, 10)]
    [InlineData("Fri, 10 Jul 2020 08:00:00 EST", 2020, 7, 10)]
    [InlineData("2020-07-10T08:00:00Z", 2020, 7, 10)]
    public void ParseDate_FeedDate_Parses(string text, int y, int m, int d)
    {
        var parsed = FeedReader.ParseDate(text)!.Value;
        (parsed.Year, parsed.Month, parsed.Day).ShouldBe((y, m, d));
    }

    [Fact]
    public void Read_ItemWithBadDate_FailsThatItemOnly()
    {
        var xml = """
            <rss version="2.0"><channel><title>T</title>
            <item><title>A</title><link>https://example.com/a</link><pubDate>someday</pubDate></item>
            <item><title>B</title><link>https://example.com/b</link></item>
            </channel></rss>
            """;
        var (items, error) = FeedReader.Read("f.rss", null, System.Text.Encoding.UTF8.GetBytes(xml), DateTimeOffset.UnixEpoch);
        error.ShouldBeNull();
        items[0].ShouldBeOfType<FeedReader.Ready>().Item.ShouldBeOfType<FailedItem>().Reason.ShouldContain("not a date");
        items[1].ShouldBeOfType<FeedReader.LinkOnly>().Url.ShouldBe("https://example.com/b");
    }

    [Fact]
    public void Read_TruncatedFeed_KeepsEarlierItemsAndReportsBreak()
    {
        var xml = """
            <rss version="2.0"><channel><title>T</title>
            <item><title>A</title><link>https://example.com/a</link></item>
            <item><title>B</title><link>https://exa
            """;
        var (items, error) = FeedReader.Read("f.rss", null, System.Text.Encoding.UTF8.GetBytes(xml), DateTimeOffset.UnixEpoch);
        error.ShouldBeNull();
        items.Count.ShouldBe(2);
        items[0].ShouldBeOfType<FeedReader.LinkOnly>();
        items[1].ShouldBeOfType<FeedReader.Ready>().Item.ShouldBeOfType<FailedItem>().Reason.ShouldContain("later items lost");
    }

    private static readonly string LongBody = string.Concat(Enumerable.Repeat("Officials discussed the talks at length on Tuesday, according to people present. ", 8));

    // A feed of n items with inline bodies; between elements either nothing (minified), or a newline and indent (pretty).
    private static string GeneratedFeed(bool atom, bool minified, bool cdata, int n)
    {
        var gap = minified ? "" : "\n  ";
        string Body(int i) => cdata ? $"<![CDATA[<p>Item {i}. {LongBody}</p>]]>" : $"Item {i}. {LongBody}";
        var items = Enumerable.Range(1, n).Select(i => atom
            ? $"<entry>{gap}<title>T{i}</title>{gap}<id>urn:{i}</id>{gap}<link href=\"https://example.com/{i}\"/>{gap}<content type=\"html\">{Body(i)}</content>{gap}</entry>"
            : $"<item>{gap}<title>T{i}</title>{gap}<link>https://example.com/{i}</link>{gap}<description>{Body(i)}</description>{gap}</item>");
        return atom
            ? $"<?xml version=\"1.0\"?>{gap}<feed xmlns=\"http://www.w3.org/2005/Atom\">{gap}<title>Feed</title>{gap}{string.Join(gap, items)}{gap}</feed>"
            : $"<?xml version=\"1.0\"?>{gap}<rss version=\"2.0\"><channel>{gap}<title>Feed</title>{gap}{string.Join(gap, items)}{gap}</channel></rss>";
    }

    [Theory]
    [InlineData(false, true, false)]
    [InlineData(false, false, false)]
    [InlineData(false, true, true)]
    [InlineData(false, false, true)]
    [InlineData(true, true, false)]
    [InlineData(true, false, false)]
    [InlineData(true, true, true)]
    [InlineData(true, false, true)]
    public void Read_GeneratedFeed_EveryItemInOrder(bool atom, bool minified, bool cdata)
    {
        var (items, error) = FeedReader.Read("f", null, Encoding.UTF8.GetBytes(GeneratedFeed(atom, minified, cdata, 6)), DateTimeOffset.UnixEpoch);
        error.ShouldBeNull();
        var inputs = items.Select(i => i.ShouldBeOfType<FeedReader.Ready>().Item.ShouldBeOfType<InputItem>().Input).ToList();
        inputs.Select(i => i.Hints.Title).ShouldBe(Enumerable.Range(1, 6).Select(i => $"T{i}"));
        inputs.ShouldAllBe(i => i.Hints.Source == "Feed");
        Encoding.UTF8.GetString(inputs[5].Content).ShouldContain("Item 6.");
    }

    [Fact]
    public void Read_MinifiedItemRightAfterChannelTitle_Kept()
    {
        var xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><title>s</title><description>Too short.</description></item></channel></rss>";
        var (items, _) = FeedReader.Read("m.rss", null, Encoding.UTF8.GetBytes(xml), DateTimeOffset.UnixEpoch);
        items.Single().ShouldBeOfType<FeedReader.Ready>().Item.ShouldBeOfType<FailedItem>().Reason.ShouldContain("neither content nor a link");
    }

    [Fact]
    public void Read_AtomXhtmlFeedTitle_ReadsTitleAndEntries()
    {
        var xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">Rich <b>title</b></div></title>"
            + "<entry><title>E</title><link href=\"https://example.com/e\"/></entry></feed>";
        var (items, error) = FeedReader.Read("f.atom", null, Encoding.UTF8.GetBytes(xml), DateTimeOffset.UnixEpoch);
        error.ShouldBeNull();
        items.Single().ShouldBeOfType<FeedReader.LinkOnly>().Hints.Source.ShouldBe("Rich title");
    }

    [Fact]
    public void Read_TenThousandItemMinifiedFeed_EveryItemQuickly()
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var (items, error) = FeedReader.Read("big.rss", null, Encoding.UTF8.GetBytes(GeneratedFeed(false, true, false, 10_000)), DateTimeOffset.UnixEpoch);
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        error.ShouldBeNull();
        items.Count.ShouldBe(10_000);
        items[^1].ShouldBeOfType<FeedReader.Ready>().Item.ShouldBeOfType<InputItem>().Input.Hints.Title.ShouldBe("T10000");
    }

    [Fact]
    public void Read_NotAFeed_Errors()
    {
        var (_, error) = FeedReader.Read("f.xml", null, System.Text.Encoding.UTF8.GetBytes("<html><body/></html>"), DateTimeOffset.UnixEpoch);
        error.ShouldNotBeNull().ShouldContain("not an RSS or Atom feed");
    }
}
