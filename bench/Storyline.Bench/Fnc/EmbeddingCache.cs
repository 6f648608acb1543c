using System.IO.Hashing;
using System.Text;
using Storyline.Language.Embeddings;

namespace Storyline.Bench.Fnc;

/// <summary>An embedder that remembers every vector in a file (under /tmp: eval text and what is derived from it is never committed), so retraining and rescoring do not embed FNC-1 again.</summary>
internal sealed class EmbeddingCache : ISentenceEmbedder
{
    private readonly ISentenceEmbedder _inner;
    private readonly string _path;
    private readonly Dictionary<ulong, float[]> _vectors = [];
    private int _unsaved;

    public EmbeddingCache(ISentenceEmbedder inner, string path)
    {
        _inner = inner;
        _path = path;
        if (!File.Exists(path)) return;
        using var r = new BinaryReader(File.OpenRead(path));
        try
        {
            if (r.ReadString() != inner.ModelId) return; // another model's vectors are useless
            int dims = r.ReadInt32();
            while (r.BaseStream.Position < r.BaseStream.Length)
            {
                var key = r.ReadUInt64();
                var v = new float[dims];
                for (int i = 0; i < dims; i++) v[i] = r.ReadSingle();
                _vectors[key] = v;
            }
        }
        catch (EndOfStreamException)
        {
            // A run killed mid-write leaves a torn last record: what was read before it is good.
        }
    }

    public int Dimensions => _inner.Dimensions;
    public string ModelId => _inner.ModelId;
    public int Count => _vectors.Count;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var keys = texts.Select(Key).ToArray();
        var missing = Enumerable.Range(0, texts.Count).Where(i => !_vectors.ContainsKey(keys[i])).Select(i => texts[i]).Distinct().ToList();
        for (int start = 0; start < missing.Count; start += 64)
        {
            var batch = missing.GetRange(start, Math.Min(64, missing.Count - start));
            var vectors = _inner.Embed(batch, cancellationToken);
            for (int i = 0; i < batch.Count; i++) _vectors[Key(batch[i])] = vectors[i];
            _unsaved += batch.Count;
            if (_unsaved >= 2048) Save();
        }
        if (_unsaved > 0) Save();
        return [.. keys.Select(k => _vectors[k])];
    }

    private void Save()
    {
        var tmp = _path + ".tmp";
        using (var w = new BinaryWriter(File.Create(tmp)))
        {
            w.Write(_inner.ModelId);
            w.Write(_inner.Dimensions);
            foreach (var (key, v) in _vectors)
            {
                w.Write(key);
                foreach (var x in v) w.Write(x);
            }
        }
        File.Move(tmp, _path, overwrite: true);
        _unsaved = 0;
    }

    private static ulong Key(string text) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text.Length > MiniLmEmbedder.MaxChars ? text[..MiniLmEmbedder.MaxChars] : text));
}
