using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Storyline.Learning;

/// <summary>A trained linear sequence tagger: per-feature tag weights and tag-to-tag transition scores, decoded with IOB2 Viterbi.
/// Immutable once built, so thread-safe.</summary>
internal sealed class LinearSequenceModel
{
    // Prediction is bound by memory latency: each feature costs a probe of the key table and a read of its weight row, both almost always
    // cache misses (the tables are megabytes). Hence the layout: a slot holds its key and row together (one line, not two), each row is
    // padded to a whole vector and aligned so that it lies in one cache line, and a token's rows are all looked up before any is read,
    // so that the processor overlaps the misses instead of taking them one after another.
    private const int Line = 64;

    // Where the touching loads of AddEmissions go, so that the compiler keeps them.
    private static int s_touched;

    /// <summary>A slot of the feature table: the feature's key and its row in each of the (at most two) models sharing the table (-1: not
    /// in that model; <see cref="Empty"/> in the first: an empty slot); 16 bytes, so four to a line and none across two.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    private struct Slot
    {
        public ulong Key;
        public int Row;
        public int SecondRow;
    }

    private const int Empty = int.MinValue;

    // Weights padded to _stride floats per row (8 or 16, zeros past Tags), from _weightBase (aligned); pinned, so the alignment holds.
    private readonly float[] _weights;
    private readonly int _weightBase;
    private readonly int _stride;
    private readonly float[] _transitions;
    // Feature key → row as an open-addressing table probed by the key's low bits: feature keys are already well-mixed hashes, and
    // prediction spends most of its time on these lookups (a Dictionary lookup is several times slower).
    private readonly Slot[] _slots;
    private readonly int _slotBase;
    private readonly int _slotMask;
    // Which of a slot's rows is this model's: 0 (Row) or 1 (SecondRow, when the table is shared, see Share).
    private readonly int _lane;

    /// <summary>A model over <paramref name="tags"/> tags: feature hash → row of <paramref name="weights"/>, and (tags + 1) × tags transitions.</summary>
    public LinearSequenceModel(int tags, Dictionary<ulong, int> rows, float[] weights, float[] transitions)
    {
        Tags = tags;
        FeatureCount = rows.Count;
        _transitions = transitions;
        _stride = tags <= 8 ? 8 : (tags + 15) / 16 * 16;
        int rowCount = weights.Length / tags;
        (_weights, _weightBase) = AlignedArray<float>((long)rowCount * _stride);
        for (int row = 0; row < rowCount; row++)
            weights.AsSpan(row * tags, tags).CopyTo(_weights.AsSpan(_weightBase + row * _stride, tags));
        int capacity = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(rows.Count * 2 + 1)));
        (_slots, _slotBase, _slotMask) = BuildSlots(rows, []);
    }

    private LinearSequenceModel(LinearSequenceModel model, Slot[] slots, int slotBase, int slotMask, int lane)
    {
        Tags = model.Tags;
        FeatureCount = model.FeatureCount;
        _transitions = model._transitions;
        _stride = model._stride;
        (_weights, _weightBase) = (model._weights, model._weightBase);
        (_slots, _slotBase, _slotMask, _lane) = (slots, slotBase, slotMask, lane);
    }

    /// <summary>The two models of a two-pass tagger over one table of both their features: the second pass looks up mostly the features the
    /// first just looked up, whose slots are then still in the cache. Same weights, so the same predictions.</summary>
    public static (LinearSequenceModel First, LinearSequenceModel Second) Share(LinearSequenceModel first, LinearSequenceModel second)
    {
        var (slots, slotBase, slotMask) = BuildSlots(first.Rows(), second.Rows());
        return (new LinearSequenceModel(first, slots, slotBase, slotMask, 0), new LinearSequenceModel(second, slots, slotBase, slotMask, 1));
    }

    /// <summary>This model's feature key → row map.</summary>
    private Dictionary<ulong, int> Rows()
    {
        var rows = new Dictionary<ulong, int>(FeatureCount);
        foreach (var slot in _slots.AsSpan(_slotBase, _slotMask + 1))
        {
            if (slot.Row == Empty) continue;
            int row = _lane == 0 ? slot.Row : slot.SecondRow;
            if (row >= 0) rows[slot.Key] = row;
        }
        return rows;
    }

    // A table of the keys of both maps, each slot with its row in the first and in the second (-1 where a map lacks the key).
    private static (Slot[] Slots, int Start, int Mask) BuildSlots(Dictionary<ulong, int> first, Dictionary<ulong, int> second)
    {
        int keys = first.Count + second.Keys.Count(k => !first.ContainsKey(k));
        int capacity = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(keys * 2 + 1)));
        var (array, start) = AlignedArray<Slot>(capacity);
        var slots = array.AsSpan(start, capacity);
        foreach (ref var slot in slots) slot.Row = Empty;
        int mask = capacity - 1;
        foreach (var key in first.Keys.Concat(second.Keys))
        {
            int slot = (int)(key & (ulong)mask);
            while (slots[slot].Row != Empty && slots[slot].Key != key) slot = (slot + 1) & mask;
            slots[slot].Key = key;
            slots[slot].Row = first.GetValueOrDefault(key, -1);
            slots[slot].SecondRow = second.GetValueOrDefault(key, -1);
        }
        return (array, start, mask);
    }

    /// <summary>A pinned array of at least <paramref name="length"/> elements from the returned start, which lies on a cache-line boundary.</summary>
    private static (T[] Array, int Start) AlignedArray<T>(long length) where T : struct
    {
        int size = Unsafe.SizeOf<T>(), spare = Line / size;
        // Pinned arrays live in a heap the collector never compacts, so the address (and its alignment) stays as found here.
        var array = GC.AllocateArray<T>(checked((int)length + spare), pinned: true);
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            long address = handle.AddrOfPinnedObject();
            int start = (int)((Line - address % Line) % Line) / size;
            return (array, start);
        }
        finally
        {
            handle.Free();
        }
    }

    private int RowOf(ulong key)
    {
        ref var slots = ref _slots[_slotBase];
        int slot = (int)(key & (ulong)_slotMask);
        while (true)
        {
            ref var s = ref Unsafe.Add(ref slots, slot);
            if (s.Row == Empty) return -1;
            if (s.Key == key) return Unsafe.Add(ref s.Row, _lane);
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
        int t = Tags, stride = _stride;
        ref float weights = ref _weights[_weightBase];
        Span<float> sum = stackalloc float[stride];
        int[]? rented = null;
        Span<int> rows = stackalloc int[128];
        int sink = 0;
        try
        {
            for (int i = 0; i < tokens; i++)
            {
                if ((i & 255) == 255) cancellationToken.ThrowIfCancellationRequested();
                int first = offsets[i], count = offsets[i + 1] - first;
                if (count > rows.Length)
                {
                    if (rented is not null) ArrayPool<int>.Shared.Return(rented);
                    rows = rented = ArrayPool<int>.Shared.Rent(count);
                }
                // Touch every feature's home slot first: independent loads without a branch between them, so that their misses overlap
                // (probing straight away would wait on each miss in turn, at each hard-to-predict found-or-not branch).
                ref var slots = ref _slots[_slotBase];
                int touched = 0;
                for (int f = 0; f < count; f++) touched |= Unsafe.Add(ref slots, (int)(hashes[first + f] & (ulong)_slotMask)).Row;
                float touchedWeights = 0;
                for (int f = 0; f < count; f++)
                {
                    int row = RowOf(hashes[first + f]);
                    rows[f] = row;
                    if (row >= 0) touchedWeights += Unsafe.Add(ref weights, (nint)row * stride);
                }
                sink ^= touched ^ (int)touchedWeights;
                var e = emissions.Slice(i * t, t);
                e.CopyTo(sum);
                // Lane-wise adds in the same order as one float at a time, so the sums are the same to the bit.
                for (int f = 0; f < count; f++)
                {
                    int row = rows[f];
                    if (row < 0) continue;
                    AddRow(ref Unsafe.Add(ref weights, (nint)row * stride), sum, stride);
                }
                sum[..t].CopyTo(e);
            }
            // Once per call, not per token: threads tagging at once would otherwise take turns on this field's cache line.
            s_touched = sink;
        }
        finally
        {
            if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static void AddRow(ref float row, Span<float> sum, int stride)
    {
        ref float s = ref MemoryMarshal.GetReference(sum);
        if (Vector256.IsHardwareAccelerated)
        {
            for (int k = 0; k < stride; k += Vector256<float>.Count)
                (Vector256.LoadUnsafe(ref s, (nuint)k) + Vector256.LoadUnsafe(ref row, (nuint)k)).StoreUnsafe(ref s, (nuint)k);
            return;
        }
        for (int k = 0; k < stride; k++) Unsafe.Add(ref s, k) += Unsafe.Add(ref row, k);
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
        WriteMap(w, Rows(), row =>
        {
            var weights = _weights.AsSpan(_weightBase + row * _stride, t);
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
