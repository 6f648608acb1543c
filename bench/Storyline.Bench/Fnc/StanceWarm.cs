using Storyline.Claims;
using Storyline.Language.Embeddings;

namespace Storyline.Bench.Fnc;

/// <summary>Fills the embedding cache for every sentence the stance model reads of the given bodies and headlines.</summary>
internal static class StanceWarm
{
    /// <summary><c>--vectors int8|float</c>: which of the sentence model's builds embeds (int8 is the engine's default).</summary>
    public static System.CommandLine.Option<string> VectorsOption() => new("--vectors")
    {
        Description = "int8 (the engine's model) or float (the model as the package ships it)", DefaultValueFactory = _ => "int8",
    };

    /// <summary>The cache over the chosen model; each model has a default file of its own, so switching does not discard the other's.</summary>
    public static EmbeddingCache Open(string? path, string vectors)
    {
        bool quantized = vectors.ToLowerInvariant() switch
        {
            "int8" => true,
            "float" => false,
            var other => throw new ArgumentException($"--vectors: 'int8' or 'float', not '{other}'"),
        };
        var file = quantized ? "storyline-stance-embeddings-int8.bin" : "storyline-stance-embeddings.bin";
        return new(quantized ? MiniLmEmbedder.Default : MiniLmEmbedder.Shared(MiniLmOptions.Default with { Quantized = false }),
            path ?? Path.Combine(Path.GetTempPath(), file));
    }

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
