using Storyline.Learning;

namespace Storyline.Tests.Learning;

public class KeyTableTests
{
    [Fact]
    public void TryGetValue_RandomKeys_SameAsDictionary()
    {
        var random = new Random(3);
        var map = new Dictionary<ulong, ushort>();
        // Mixed keys, plus keys that share their low bits (and so probe past each other), plus zero.
        for (int i = 0; i < 3000; i++) map[(ulong)random.NextInt64()] = (ushort)random.Next(ushort.MaxValue + 1);
        for (ulong i = 1; i < 40; i++) map[i << 32] = (ushort)i;
        map[0] = 7;
        var table = new KeyTable<ushort>(map);
        var probes = map.Keys.Concat(Enumerable.Range(0, 3000).Select(_ => (ulong)random.NextInt64())).Concat([1UL << 20, 41UL << 32]);
        foreach (var key in probes)
        {
            table.TryGetValue(key, out var got).ShouldBe(map.TryGetValue(key, out var expected));
            got.ShouldBe(expected);
        }
    }

    [Fact]
    public void TryGetValue_EmptyTable_NotFound() => new KeyTable<byte>(new Dictionary<ulong, byte>()).TryGetValue(0, out _).ShouldBeFalse();
}
