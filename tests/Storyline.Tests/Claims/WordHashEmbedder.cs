using Storyline.Claims;
using Storyline.Language.Embeddings;

namespace Storyline.Tests.Claims;

/// <summary>A fast stand-in for MiniLM in tests: each content stem adds to a few hashed dimensions, so texts sharing words get similar unit vectors.</summary>
internal sealed class WordHashEmbedder : ISentenceEmbedder
{
    public int Dimensions => 384;
    public string ModelId => "all-MiniLM-L6-v2"; // the trainer records the MiniLM id; these vectors only have its shape

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => [.. texts.Select(Vector)];

    public static float[] Vector(string text)
    {
        var v = new float[384];
        foreach (var stem in StanceText.ContentStems(StanceText.Words(text)))
        {
            uint h = 2166136261;
            foreach (var c in stem) { h ^= c; h *= 16777619; }
            v[h % 384] += 1;
            v[(h >> 9) % 384] += 0.5f;
        }
        Vectors.Normalize(v);
        return v;
    }
}
