using System.Numerics;

namespace Storyline.Learning;

/// <summary>A read-only map from well-mixed 64-bit hashes (<see cref="FeatureHash"/> values) to small values: an open-addressing table
/// probed by the key's low bits, key and value side by side, so a lookup reads one cache line where a Dictionary reads two or three.</summary>
internal sealed class KeyTable<TValue> where TValue : unmanaged
{
    private struct Slot
    {
        public ulong Key;
        public TValue Value;
        public bool Used;
    }

    private readonly Slot[] _slots;
    private readonly int _mask;

    /// <summary>A table holding <paramref name="map"/>'s entries as they are now.</summary>
    public KeyTable(IReadOnlyDictionary<ulong, TValue> map)
    {
        int capacity = (int)Math.Max(16, BitOperations.RoundUpToPowerOf2((uint)(map.Count * 2 + 1)));
        _slots = new Slot[capacity];
        _mask = capacity - 1;
        foreach (var (key, value) in map)
        {
            int slot = (int)(key & (ulong)_mask);
            while (_slots[slot].Used) slot = (slot + 1) & _mask;
            _slots[slot] = new Slot { Key = key, Value = value, Used = true };
        }
    }

    /// <summary>The value of <paramref name="key"/>, as Dictionary.TryGetValue gives it.</summary>
    public bool TryGetValue(ulong key, out TValue value)
    {
        var slots = _slots;
        int slot = (int)(key & (ulong)_mask);
        while (true)
        {
            ref readonly var s = ref slots[slot];
            if (!s.Used) break;
            if (s.Key == key)
            {
                value = s.Value;
                return true;
            }
            slot = (slot + 1) & _mask;
        }
        value = default;
        return false;
    }
}
