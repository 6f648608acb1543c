using System.Runtime.CompilerServices;
using System.Text;
using Storyline.Documents;

namespace Storyline.Ingestion;

/// <summary>Turns input specifications (files, folders, URLs, feeds, JSON Lines) into raw inputs, reporting unreadable ones as failures without stopping.</summary>
public sealed class InputResolver(UrlFetcher fetcher, TimeProvider time, long maxInputBytes = 20_000_000)
{
    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".markdown", ".text", "" };
    private static readonly HashSet<string> HtmlExtensions = new(StringComparer.OrdinalIgnoreCase) { ".html", ".htm", ".xhtml" };
    private static readonly HashSet<string> FeedExtensions = new(StringComparer.OrdinalIgnoreCase) { ".rss", ".atom", ".xml" };
    private static readonly HashSet<string> JsonLinesExtensions = new(StringComparer.OrdinalIgnoreCase) { ".jsonl", ".ndjson" };

    /// <summary>Reads every input in order; folders recurse in file-name order.</summary>
    public async IAsyncEnumerable<IngestItem> ResolveAsync(IEnumerable<string> specs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var spec in specs)
        {
            await foreach (var item in ResolveOneAsync(spec, cancellationToken).ConfigureAwait(false))
                yield return item;
        }
    }

    private async IAsyncEnumerable<IngestItem> ResolveOneAsync(string spec, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (spec.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            await foreach (var item in FromUrlAsync(spec, cancellationToken).ConfigureAwait(false)) yield return item;
        }
        else if (Directory.Exists(spec))
        {
            foreach (var entry in ListFolder(new DirectoryInfo(spec), cancellationToken))
            {
                if (entry is FailedItem failed) yield return failed;
                else await foreach (var item in FromFileAsync(((FileEntry)entry).Path, cancellationToken).ConfigureAwait(false)) yield return item;
            }
        }
        else if (File.Exists(spec))
        {
            await foreach (var item in FromFileAsync(spec, cancellationToken).ConfigureAwait(false)) yield return item;
        }
        else if (Uri.TryCreate(spec, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1 && !Path.IsPathRooted(spec))
        {
            // "file:///etc/passwd", "ftp://…", "data:…": say what is accepted instead of looking for a file of that name.
            yield return new FailedItem(spec, uri.IsFile
                ? "file: URLs are not accepted; give the path itself"
                : $"{uri.Scheme}: URLs are not accepted; only http and https are fetched");
        }
        else
        {
            yield return new FailedItem(spec, "no such file, folder or URL");
        }
    }

    private sealed record FileEntry(string Path) : IngestItem(Path);

    /// <summary>The files under a folder in ordinal path order, one folder listed at a time, so the first file is ingested before the
    /// whole tree is read. Links to folders are reported, not followed: a link to an ancestor would make the walk endless.</summary>
    private static IEnumerable<IngestItem> ListFolder(DirectoryInfo folder, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        List<FileSystemInfo> entries;
        string? error = null;
        try
        {
            // A folder sorts as its name plus a separator, which gives the order of the full paths.
            entries = [.. folder.EnumerateFileSystemInfos().OrderBy(e => e is DirectoryInfo ? e.Name + "/" : e.Name, StringComparer.Ordinal)];
        }
        catch (IOException e) { entries = []; error = $"cannot list folder: {e.Message}"; }
        catch (UnauthorizedAccessException) { entries = []; error = "cannot list folder: permission denied"; }
        if (error is not null)
        {
            yield return new FailedItem(folder.FullName, error);
            yield break;
        }
        foreach (var entry in entries)
        {
            if (entry is DirectoryInfo sub)
            {
                if (sub.LinkTarget is not null)
                    yield return new FailedItem(sub.FullName, "link to a folder, not followed (give its target as an input to ingest it)");
                else
                    foreach (var item in ListFolder(sub, cancellationToken)) yield return item;
            }
            else if (!entry.Name.StartsWith('.')) yield return new FileEntry(entry.FullName);
        }
    }

    /// <summary>A JSON Lines or feed file is a batch: the limit applies to each record, and the whole file may be this many times larger.</summary>
    public const int MaxRecordsPerLimit = 50;

    private async IAsyncEnumerable<IngestItem> FromFileAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ext = Path.GetExtension(path);
        var name = Path.GetFullPath(path);
        if (JsonLinesExtensions.Contains(ext) || FeedExtensions.Contains(ext))
        {
            await foreach (var item in FromBatchFileAsync(path, name, ext, cancellationToken).ConfigureAwait(false)) yield return item;
            yield break;
        }
        byte[] bytes;
        string? error = null;
        try
        {
            var length = new FileInfo(path).Length;
            bytes = length > maxInputBytes ? [] : await ReadCappedAsync(path, cancellationToken).ConfigureAwait(false) ?? [];
            if (length > maxInputBytes) error = $"file is {length:N0} bytes, over the {maxInputBytes:N0}-byte limit";
            else if (bytes.Length > maxInputBytes) error = $"file is over the {maxInputBytes:N0}-byte limit";
        }
        catch (IOException e) { bytes = []; error = $"cannot read: {e.Message}"; }
        catch (UnauthorizedAccessException) { bytes = []; error = "cannot read: permission denied"; }
        if (error is not null)
        {
            yield return new FailedItem(name, error);
            yield break;
        }

        await foreach (var item in FromBytesAsync(name, ext, bytes, cancellationToken).ConfigureAwait(false)) yield return item;
    }

    // Streamed: a 35 MB file of 200 pages is never held as one buffer, and one oversized record fails alone.
    private async IAsyncEnumerable<IngestItem> FromBatchFileAsync(string path, string name, string ext, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Stream? stream = null;
        string? error = null;
        long batchLimit = maxInputBytes > long.MaxValue / MaxRecordsPerLimit ? long.MaxValue : maxInputBytes * MaxRecordsPerLimit;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > batchLimit) error = $"file is {length:N0} bytes, over the {batchLimit:N0}-byte limit for a batch ({MaxRecordsPerLimit} × the {maxInputBytes:N0}-byte record limit)";
            // A link to a device reports no length and never ends: the cap also bounds what is read.
            else stream = new CappedStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan), batchLimit);
        }
        catch (IOException e) { error = $"cannot read: {e.Message}"; }
        catch (UnauthorizedAccessException) { error = "cannot read: permission denied"; }
        if (stream is null)
        {
            yield return new FailedItem(name, error ?? "cannot read");
            yield break;
        }
        var now = time.GetUtcNow();
        if (JsonLinesExtensions.Contains(ext))
        {
            IEnumerator<IngestItem> records = JsonLinesReader.Read(name, stream, now, maxInputBytes).GetEnumerator();
            using (records)
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    IngestItem? next = null;
                    try { if (records.MoveNext()) next = records.Current; }
                    catch (IOException e) { next = new FailedItem(name, $"cannot read: {e.Message}"); }
                    if (next is null) break;
                    yield return next;
                    if (next is FailedItem { Reason: var r } && r.StartsWith("cannot read", StringComparison.Ordinal)) break;
                }
            }
            yield break;
        }
        (List<FeedReader.FeedEntry> Items, string? Error) feed;
        try { feed = FeedReader.Read(name, null, stream, now, maxInputBytes); }
        catch (IOException e) { feed = ([], $"cannot read: {e.Message}"); }
        await foreach (var item in FeedItemsAsync(name, feed, cancellationToken).ConfigureAwait(false)) yield return item;
    }

    // Reads at most one byte over the limit: a link to a device (/dev/zero) reports no length and never ends.
    private async Task<byte[]?> ReadCappedAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxInputBytes) break;
        }
        return buffer.ToArray();
    }

    /// <summary>Reads uploaded content as if it were a file called <paramref name="name"/>: the extension picks text, HTML, feed or JSON Lines.</summary>
    public async IAsyncEnumerable<IngestItem> ResolveContentAsync(string name, byte[] bytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (bytes.LongLength > maxInputBytes)
        {
            yield return new FailedItem(name, $"input is {bytes.LongLength:N0} bytes, over the {maxInputBytes:N0}-byte limit");
            yield break;
        }
        await foreach (var item in FromBytesAsync(name, Path.GetExtension(name), bytes, cancellationToken).ConfigureAwait(false)) yield return item;
    }

    /// <summary>Pasted text (or pasted HTML, recognised by its start) with the metadata the user gave alongside it.</summary>
    public IngestItem FromText(string name, string text, InputHints hints)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.LongLength > maxInputBytes) return new FailedItem(name, $"text is {bytes.LongLength:N0} bytes, over the {maxInputBytes:N0}-byte limit");
        if (string.IsNullOrWhiteSpace(text)) return new FailedItem(name, "no text given");
        var type = LooksLikeHtml(bytes) ? "text/html" : "text/plain";
        return new InputItem(new RawInput(name, null, type, bytes, time.GetUtcNow(), hints with { Charset = "utf-8" }));
    }

    private async IAsyncEnumerable<IngestItem> FromBytesAsync(string name, string ext, byte[] bytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (JsonLinesExtensions.Contains(ext))
        {
            foreach (var item in JsonLinesReader.Read(name, new MemoryStream(bytes, writable: false), now, maxInputBytes)) yield return item;
        }
        else if (FeedExtensions.Contains(ext) || (ext.Length == 0 && FeedReader.LooksLikeFeed(bytes)))
        {
            await foreach (var item in FromFeedAsync(name, null, bytes, cancellationToken).ConfigureAwait(false)) yield return item;
        }
        else if (HtmlExtensions.Contains(ext))
        {
            yield return new InputItem(new RawInput(name, null, "text/html", bytes, now, InputHints.None));
        }
        else if (TextExtensions.Contains(ext))
        {
            var type = LooksLikeHtml(bytes) ? "text/html" : "text/plain";
            yield return new InputItem(new RawInput(name, null, type, bytes, now, InputHints.None));
        }
        else
        {
            yield return new FailedItem(name, $"unsupported file type '{ext}' (expected .txt, .md, .html, .jsonl, .rss, .atom or .xml)");
        }
    }

    private async IAsyncEnumerable<IngestItem> FromUrlAsync(string url, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        FetchedResource? fetched = null;
        string? error = null;
        try { fetched = await fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false); }
        catch (FetchException e) { error = e.Message; }
        if (fetched is null)
        {
            yield return new FailedItem(url, error ?? "fetch failed");
            yield break;
        }
        var type = fetched.ContentType.ToLowerInvariant();
        if (type.Contains("rss") || type.Contains("atom") || ((type.EndsWith("/xml") || type.EndsWith("+xml")) && !type.Contains("xhtml") && FeedReader.LooksLikeFeed(fetched.Content)))
        {
            await foreach (var item in FromFeedAsync(url, fetched.FinalUrl, fetched.Content, cancellationToken).ConfigureAwait(false)) yield return item;
        }
        else if (type.Contains("html") || (type == "text/plain" && LooksLikeHtml(fetched.Content)))
        {
            yield return new InputItem(new RawInput(url, fetched.FinalUrl, "text/html", fetched.Content, fetched.FetchedAt, new InputHints(Charset: fetched.Charset)));
        }
        else if (type.StartsWith("text/"))
        {
            yield return new InputItem(new RawInput(url, fetched.FinalUrl, "text/plain", fetched.Content, fetched.FetchedAt, new InputHints(Charset: fetched.Charset)));
        }
        else
        {
            yield return new FailedItem(url, $"content type '{fetched.ContentType}' is not HTML, text or a feed");
        }
    }

    private IAsyncEnumerable<IngestItem> FromFeedAsync(string name, string? feedUrl, byte[] bytes, CancellationToken cancellationToken) =>
        FeedItemsAsync(name, FeedReader.Read(name, feedUrl, new MemoryStream(bytes, writable: false), time.GetUtcNow(), maxInputBytes), cancellationToken);

    private async IAsyncEnumerable<IngestItem> FeedItemsAsync(string name, (List<FeedReader.FeedEntry> Items, string? Error) feed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (items, error) = feed;
        if (error is not null)
        {
            yield return new FailedItem(name, error);
            yield break;
        }
        foreach (var item in items)
        {
            // An item with no body of its own is fetched from its link.
            if (item is FeedReader.LinkOnly link)
            {
                await foreach (var fetched in FromUrlAsync(link.Url, cancellationToken).ConfigureAwait(false))
                {
                    yield return fetched is InputItem ok
                        ? new InputItem(ok.Input with { Hints = MergeHints(ok.Input.Hints, link.Hints) })
                        : fetched;
                }
            }
            else if (item is FeedReader.Ready ready) yield return ready.Item;
        }
    }

    private static InputHints MergeHints(InputHints fetched, InputHints feed) =>
        feed with { Charset = fetched.Charset };

    /// <summary>True when text content starts like an HTML document.</summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 1024)]).TrimStart('\uFEFF', ' ', '\n', '\r', '\t');
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || (head.StartsWith('<') && head.Contains("<body", StringComparison.OrdinalIgnoreCase));
    }
}
