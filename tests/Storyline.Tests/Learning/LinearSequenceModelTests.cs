using Storyline.Learning;

namespace Storyline.Tests.Learning;

public class LinearSequenceModelTests
{
    // The emissions as the plain loop computes them: each token's known features' weights added in feature order, one float at a time.
    private static float[] Naive(Dictionary<ulong, int> rows, float[] weights, int t, ulong[] hashes, int[] offsets, int tokens, float[] start)
    {
        var e = (float[])start.Clone();
        for (int i = 0; i < tokens; i++)
            for (int f = offsets[i]; f < offsets[i + 1]; f++)
                if (rows.TryGetValue(hashes[f], out int row))
                    for (int y = 0; y < t; y++) e[i * t + y] += weights[row * t + y];
        return e;
    }

    [Theory]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(3)]
    public void AddEmissions_RandomModel_SameBitsAsPlainSum(int t)
    {
        var random = new Random(t);
        var rows = new Dictionary<ulong, int>();
        var keys = new List<ulong>();
        while (rows.Count < 5000)
        {
            ulong key = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
            if (rows.TryAdd(key, rows.Count)) keys.Add(key);
        }
        var weights = new float[rows.Count * t];
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)(random.NextDouble() * 2 - 1) * MathF.Pow(10, random.Next(-3, 3));
        var model = new LinearSequenceModel(t, rows, weights, new float[(t + 1) * t]);

        // Tokens of 0 to 300 features (past the stack buffer), a third of them unknown.
        int tokens = 40;
        var offsets = new int[tokens + 1];
        var hashes = new List<ulong>();
        for (int i = 0; i < tokens; i++)
        {
            int count = i == 7 ? 300 : random.Next(0, 60);
            for (int f = 0; f < count; f++) hashes.Add(random.Next(3) == 0 ? (ulong)random.NextInt64() : keys[random.Next(keys.Count)]);
            offsets[i + 1] = hashes.Count;
        }
        var start = new float[tokens * t];
        for (int i = 0; i < start.Length; i++) start[i] = (float)random.NextDouble();

        var expected = Naive(rows, weights, t, [.. hashes], offsets, tokens, start);
        var actual = (float[])start.Clone();
        model.AddEmissions([.. hashes], offsets, tokens, actual, CancellationToken.None);

        actual.Select(BitConverter.SingleToInt32Bits).ShouldBe(expected.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void WriteRows_ReadRows_SameModel()
    {
        var rows = new Dictionary<ulong, int> { [11] = 0, [1UL << 50] = 1, [12345678901] = 2 };
        float[] weights = [0.5f, -1, 0, 2, 0.25f, 0, 0, 0, -3, 1, 1, 1, 0, 0.125f];
        var model = new LinearSequenceModel(7, rows, [.. weights, .. new float[7]], new float[8 * 7]);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) model.WriteRows(w);
        stream.Position = 0;
        var read = LinearSequenceModel.ReadRows(new BinaryReader(stream), 7, new float[8 * 7]);

        ulong[] hashes = [11, 1UL << 50, 12345678901, 99];
        int[] offsets = [0, 1, 2, 3, 4];
        var a = new float[4 * 7];
        var b = new float[4 * 7];
        model.AddEmissions(hashes, offsets, 4, a, CancellationToken.None);
        read.AddEmissions(hashes, offsets, 4, b, CancellationToken.None);
        read.FeatureCount.ShouldBe(3);
        b.ShouldBe(a);
    }

    private static (LinearSequenceModel Model, List<ulong> Keys) RandomModel(Random random, int t, int count, IReadOnlyList<ulong> shared)
    {
        var rows = new Dictionary<ulong, int>();
        foreach (var key in shared) rows.TryAdd(key, rows.Count);
        while (rows.Count < count) rows.TryAdd((ulong)random.NextInt64(), rows.Count);
        var weights = new float[rows.Count * t];
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)(random.NextDouble() * 2 - 1);
        return (new LinearSequenceModel(t, rows, weights, new float[(t + 1) * t]), [.. rows.Keys]);
    }

    private static byte[] Rows(LinearSequenceModel model)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream)) model.WriteRows(w);
        return stream.ToArray();
    }

    [Fact]
    public void Share_TwoModels_SameEmissionsAndRows()
    {
        var random = new Random(5);
        var (first, firstKeys) = RandomModel(random, 7, 3000, []);
        var (second, secondKeys) = RandomModel(random, 7, 4000, firstKeys.Take(2000).ToList());
        var (sharedFirst, sharedSecond) = LinearSequenceModel.Share(first, second);

        var hashes = Enumerable.Range(0, 2000).Select(i => i % 3 == 0 ? (ulong)random.NextInt64() : i % 3 == 1 ? firstKeys[random.Next(firstKeys.Count)] : secondKeys[random.Next(secondKeys.Count)]).ToArray();
        var offsets = Enumerable.Range(0, 41).Select(i => i * 50).ToArray();
        foreach (var (plain, shared) in new[] { (first, sharedFirst), (second, sharedSecond) })
        {
            var a = new float[40 * 7];
            var b = new float[40 * 7];
            plain.AddEmissions(hashes, offsets, 40, a, CancellationToken.None);
            shared.AddEmissions(hashes, offsets, 40, b, CancellationToken.None);
            b.Select(BitConverter.SingleToInt32Bits).ShouldBe(a.Select(BitConverter.SingleToInt32Bits));
            shared.FeatureCount.ShouldBe(plain.FeatureCount);
            Rows(shared).ShouldBe(Rows(plain));
        }
    }
}
