namespace Storyline.Learning;

/// <summary>A trained linear sequence tagger: per-feature tag weights and tag-to-tag transition scores, decoded with IOB2 Viterbi.
/// Immutable once built, so thread-safe.</summary>
internal sealed class LinearSequenceModel
{
    private readonly float[] _weights;
    private readonly float[] _transitions;
    // Feature key → row as an open-addressing table probed by the key's low bits: feature keys are already well-mixed hashes, and
    // prediction spends most of its time on these lookups (a Dictionary lookup is several times slower).
    private readonly ulong[] _slotKeys;
    private readonly int[] _slotRows;
    private readonly int _slotMask;

    /// <summary>A model over <paramref name="tags"/> tags: feature hash → row of <paramref name="weights"/>, and (tags + 1) × tags transitions.</summary>
    public LinearSequenceModel(int tags, Dictionary<ulong, int> rows, float[] weights, float[] transitions)
    {
        Tags = tags;
        FeatureCount = rows.Count;
        _weights = weights;
        _transitions = transitions;
        int capacity = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(rows.Count * 2 + 1)));
        _slotKeys = new ulong[capacity];
        _slotRows = new int[capacity];
        Array.Fill(_slotRows, -1);
        _slotMask = capacity - 1;
        foreach (var (key, row) in rows)
        {
            int slot = (int)(key & (ulong)_slotMask);
            while (_slotRows[slot] >= 0) slot = (slot + 1) & _slotMask;
            _slotKeys[slot] = key;
            _slotRows[slot] = row;
        }
    }

    private int RowOf(ulong key)
    {
        int slot = (int)(key & (ulong)_slotMask);
        while (true)
        {
            int row = _slotRows[slot];
            if (row < 0 || _slotKeys[slot] == key) return row;
            slot = (slot + 1) & _slotMask;
        }
    }

    /// <summary>Number of tags.</summary>
    public int Tags { get; }

    /// <summary>Number of weighted features.</summary>
    public int FeatureCount { get; }

    /// <summary>Best tags for <paramref name="tokens"/> tokens whose feature hashes are <c>hashes[offsets[i]..offsets[i + 1]]</c>.</summary>
    public int[] Predict(ReadOnlySpan<ulong> hashes, ReadOnlySpan<int> offsets, int tokens, CancellationToken cancellationToken)
    {
        if (tokens == 0) return [];
        var emissions = new float[tokens * Tags];
        AddEmissions(hashes, offsets, tokens, emissions, cancellationToken);
        return Decode(emissions, tokens);
    }

    /// <summary>Best tags for precomputed <paramref name="emissions"/> (tokens × tags) under this model's transitions.</summary>
    public int[] Decode(ReadOnlySpan<float> emissions, int tokens)
    {
        var result = new int[tokens];
        Viterbi.Decode(emissions, tokens, Tags, _transitions, result);
        return result;
    }

    /// <summary>Adds each token's feature weights to its row of <paramref name="emissions"/> (tokens × tags).</summary>
    public void AddEmissions(ReadOnlySpan<ulong> hashes, ReadOnlySpan<int> offsets, int tokens, Span<float> emissions, CancellationToken cancellationToken)
    {
        int t = Tags;
        for (int i = 0; i < tokens; i++)
        {
            if ((i & 255) == 255) cancellationToken.ThrowIfCancellationRequested();
            var e = emissions.Slice(i * t, t);
            for (int f = offsets[i]; f < offsets[i + 1]; f++)
            {
                int row = RowOf(hashes[f]);
                if (row < 0) continue;
                var w = _weights.AsSpan(row * t, t);
                for (int y = 0; y < t; y++) e[y] += w[y];
            }
        }
    }

    /// <summary>The transition scores ((tags + 1) × tags, last row from the start); callers must not modify them.</summary>
    internal float[] Transitions => _transitions;

    /// <summary>Writes the transition scores.</summary>
    public void WriteTransitions(BinaryWriter w)
    {
        foreach (var x in _transitions) w.Write(x);
    }

    /// <summary>Reads transition scores written by <see cref="WriteTransitions"/>.</summary>
    public static float[] ReadTransitions(BinaryReader r, int tags)
    {
        var transitions = new float[(tags + 1) * tags];
        for (int i = 0; i < transitions.Length; i++) transitions[i] = r.ReadSingle();
        return transitions;
    }

    /// <summary>Writes the feature rows: sorted delta-coded keys, then each row's non-zero weights as half floats behind a tag mask.</summary>
    public void WriteRows(BinaryWriter w)
    {
        int t = Tags;
        var rows = new Dictionary<ulong, int>(FeatureCount);
        for (int slot = 0; slot < _slotRows.Length; slot++) if (_slotRows[slot] >= 0) rows[_slotKeys[slot]] = _slotRows[slot];
        WriteMap(w, rows, row =>
        {
            var weights = _weights.AsSpan(row * t, t);
            ushort mask = 0;
            for (int y = 0; y < t; y++) if ((Half)weights[y] != Half.Zero) mask |= (ushort)(1 << y);
            w.Write(mask);
            for (int y = 0; y < t; y++) if ((mask & (1 << y)) != 0) w.Write((Half)weights[y]);
        });
    }

    /// <summary>Reads rows written by <see cref="WriteRows"/> and builds the model.</summary>
    public static LinearSequenceModel ReadRows(BinaryReader r, int tags, float[] transitions)
    {
        int count = r.ReadInt32();
        var rows = new Dictionary<ulong, int>(count);
        var weights = new float[count * tags];
        ulong key = 0;
        for (int i = 0; i < count; i++)
        {
            key += (ulong)r.Read7BitEncodedInt64();
            rows[key] = i;
        }
        for (int i = 0; i < count; i++)
        {
            int mask = r.ReadUInt16();
            for (int y = 0; y < tags; y++) if ((mask & (1 << y)) != 0) weights[i * tags + y] = (float)r.ReadHalf();
        }
        return new LinearSequenceModel(tags, rows, weights, transitions);
    }

    /// <summary>Writes a map: keys sorted and delta-coded (compresses better and loads in key order), then the values in the same order.</summary>
    public static void WriteMap<TValue>(BinaryWriter w, Dictionary<ulong, TValue> map, Action<TValue> writeValue)
    {
        var keys = map.Keys.ToArray();
        Array.Sort(keys);
        w.Write(keys.Length);
        ulong previous = 0;
        foreach (var k in keys)
        {
            w.Write7BitEncodedInt64((long)(k - previous));
            previous = k;
        }
        foreach (var k in keys) writeValue(map[k]);
    }

    /// <summary>Reads a map written by <see cref="WriteMap{TValue}"/> into <paramref name="map"/>.</summary>
    public static void ReadMap<TValue>(BinaryReader r, Dictionary<ulong, TValue> map, Func<TValue> readValue)
    {
        int count = r.ReadInt32();
        var keys = new ulong[count];
        ulong key = 0;
        for (int i = 0; i < count; i++) keys[i] = key += (ulong)r.Read7BitEncodedInt64();
        map.EnsureCapacity(count);
        foreach (var k in keys) map[k] = readValue();
    }
}
