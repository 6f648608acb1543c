namespace Storyline.Claims;

/// <summary>Inverse document frequencies of content stems, learned from the training bodies and saved with the stance model.</summary>
internal sealed class StanceIdf
{
    private readonly Dictionary<string, float> _idf;

    public StanceIdf(Dictionary<string, float> idf, float unknown)
    {
        _idf = idf;
        Unknown = unknown;
        // A stem in fewer than about one document in a hundred is "rare": sharing one is strong evidence of relatedness.
        RareIdf = MathF.Log(100f) + 1;
    }

    /// <summary>The weight of a stem never seen in training (as rare as can be).</summary>
    public float Unknown { get; }

    public float RareIdf { get; }

    public int Count => _idf.Count;

    public IReadOnlyDictionary<string, float> Table => _idf;

    public float Idf(string stem) => _idf.TryGetValue(stem, out var w) ? w : Unknown;

    /// <summary>Learns from documents given as their content stems; stems seen in one document only are left out (they weigh <see cref="Unknown"/>).</summary>
    public static StanceIdf Fit(IEnumerable<IReadOnlyCollection<string>> documents)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        int n = 0;
        foreach (var doc in documents)
        {
            n++;
            foreach (var s in doc.Distinct()) df[s] = df.GetValueOrDefault(s) + 1;
        }
        var idf = df.Where(kv => kv.Value >= 2).ToDictionary(kv => kv.Key, kv => MathF.Log((n + 1f) / (kv.Value + 1f)) + 1, StringComparer.Ordinal);
        return new StanceIdf(idf, MathF.Log(n + 1f) + 1);
    }

    /// <summary>TF-IDF weights of a bag of stems.</summary>
    public Dictionary<string, float> Weigh(IEnumerable<string> stems)
    {
        var tf = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var s in stems) tf[s] = tf.GetValueOrDefault(s) + 1;
        foreach (var s in tf.Keys) tf[s] *= Idf(s);
        return tf;
    }

    public static float Cosine(Dictionary<string, float> a, Dictionary<string, float> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        if (a.Count > b.Count) (a, b) = (b, a);
        double dot = 0, na = 0, nb = 0;
        foreach (var (k, v) in a) { na += v * v; if (b.TryGetValue(k, out var w)) dot += v * w; }
        foreach (var v in b.Values) nb += v * v;
        return (float)(dot / Math.Sqrt(na * nb));
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Unknown);
        w.Write(_idf.Count);
        foreach (var (k, v) in _idf.OrderBy(kv => kv.Key, StringComparer.Ordinal)) { w.Write(k); w.Write(v); }
    }

    public static StanceIdf Read(BinaryReader r)
    {
        var unknown = r.ReadSingle();
        int n = r.ReadInt32();
        if (n < 0 || n > 10_000_000) throw new InvalidDataException("stance model has an impossible vocabulary size");
        var idf = new Dictionary<string, float>(n, StringComparer.Ordinal);
        for (int i = 0; i < n; i++) idf[r.ReadString()] = r.ReadSingle();
        return new StanceIdf(idf, unknown);
    }
}
