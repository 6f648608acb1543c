using Storyline.Claims;
using Storyline.Language.Embeddings;

namespace Storyline.Bench.Fnc;

/// <summary>Fills the embedding cache for every sentence the stance model reads of the given bodies and headlines.</summary>
internal static class StanceWarm
{
    public static EmbeddingCache Open(string? path) =>
        new(MiniLmEmbedder.Default, path ?? Path.Combine(Path.GetTempPath(), "storyline-stance-embeddings.bin"));

    public static void Fill(EmbeddingCache cache, IEnumerable<string> bodies, IEnumerable<string> headlines)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var texts = headlines.Distinct().ToList();
        foreach (var b in bodies) texts.AddRange(StanceText.SplitSentences(b));
        texts = [.. texts.Distinct()];
        int before = cache.Count;
        for (int start = 0; start < texts.Count; start += 1024)
        {
            cache.Embed(texts.GetRange(start, Math.Min(1024, texts.Count - start)));
            Console.Error.WriteLine($"embedded {Math.Min(start + 1024, texts.Count)}/{texts.Count} ({clock.Elapsed.TotalSeconds:0}s)");
        }
        Console.Error.WriteLine($"embedding cache: {cache.Count} vectors ({cache.Count - before} new, {clock.Elapsed.TotalSeconds:0}s)");
    }
}
