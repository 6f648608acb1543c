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

    /// <summary>Claim number of every headline ("h:" + text) and body ("b:" + id): connected components of the related (agree, disagree, discuss) pairs.</summary>
    public static Dictionary<string, int> Claims(IEnumerable<FncPair> pairs)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            parent.TryAdd(x, x);
            while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
            return x;
        }
        foreach (var p in pairs.Where(p => p.Stance != "unrelated")) parent[Find("h:" + p.Headline)] = Find("b:" + p.BodyId);
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        return parent.Keys.ToList().Order(StringComparer.Ordinal).ToDictionary(k => k, k =>
        {
            var root = Find(k);
            if (!numbers.TryGetValue(root, out var n)) numbers[root] = n = numbers.Count;
            return n;
        }, StringComparer.Ordinal);
    }

    /// <summary>The dev slice of the training ids: every eighth body id in order, so dev bodies are unseen in training as hold-out bodies are.</summary>
    public static HashSet<int> DevIds(IEnumerable<int> trainingIds) =>
        [.. trainingIds.Order().Where((_, i) => i % 8 == 3)];
}
