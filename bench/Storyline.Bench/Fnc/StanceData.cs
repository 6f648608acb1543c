using Storyline.Claims;
using Storyline.Language.Embeddings;

namespace Storyline.Bench.Fnc;

/// <summary>FNC-1 pairs prepared for the stance model: each body and headline embedded once (through the cache).</summary>
internal static class StanceData
{
    public static (Dictionary<int, StanceDocument> Bodies, Dictionary<string, StanceDocument> Headlines) Prepare(
        IReadOnlyDictionary<int, string> bodies, IEnumerable<FncPair> pairs, ISentenceEmbedder embedder)
    {
        var used = pairs.ToList();
        var bodyDocs = used.Select(p => p.BodyId).Distinct().Where(bodies.ContainsKey)
            .ToDictionary(id => id, id => StanceDocument.FromText(bodies[id], embedder));
        var headlineDocs = used.Select(p => p.Headline).Distinct(StringComparer.Ordinal)
            .ToDictionary(h => h, h => StanceDocument.FromText(h, embedder, asOneSentence: true), StringComparer.Ordinal);
        return (bodyDocs, headlineDocs);
    }

    /// <summary>The dev slice of the training ids: every eighth body id in order, so dev bodies are unseen in training as hold-out bodies are.</summary>
    public static HashSet<int> DevIds(IEnumerable<int> trainingIds) =>
        [.. trainingIds.Order().Where((_, i) => i % 8 == 3)];
}
