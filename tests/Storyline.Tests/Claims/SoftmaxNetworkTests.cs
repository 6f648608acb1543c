using Storyline.Claims;

namespace Storyline.Tests.Claims;

public class SoftmaxNetworkTests
{
    // XOR of two dense inputs plus a sparse feature that decides a third class: needs the hidden layer and the sparse rows.
    private static (List<NetworkInput> Inputs, List<int> Labels) Toy()
    {
        var inputs = new List<NetworkInput>();
        var labels = new List<int>();
        var random = new Random(3);
        for (int i = 0; i < 400; i++)
        {
            int a = random.Next(2), b = random.Next(2);
            bool third = random.Next(4) == 0;
            inputs.Add(new NetworkInput([a + (float)random.NextDouble() * 0.1f, b + (float)random.NextDouble() * 0.1f], third ? [(7, 1f)] : [(3, 1f)]));
            labels.Add(third ? 2 : a ^ b);
        }
        return (inputs, labels);
    }

    [Fact]
    public void TrainEpoch_XorWithSparseClass_Learned()
    {
        var (inputs, labels) = Toy();
        var net = new SoftmaxNetwork(2, 16, 16, 3, seed: 1);
        net.FitScaling(inputs);
        var random = new Random(1);
        var order = Enumerable.Range(0, inputs.Count).ToArray();
        for (int epoch = 0; epoch < 60; epoch++) net.TrainEpoch(inputs, labels, [1, 1, 1], order, 0.05f, 0, 0, random, CancellationToken.None);
        int correct = inputs.Select((x, i) => net.Predict(x).AsSpan().IndexOf(net.Predict(x).Max()) == labels[i]).Count(c => c);
        correct.ShouldBeGreaterThan(380);
    }

    [Fact]
    public void WriteRead_RoundTrip_SamePredictionsAtHalfPrecision()
    {
        var (inputs, labels) = Toy();
        var net = new SoftmaxNetwork(2, 16, 8, 3, seed: 2);
        net.FitScaling(inputs);
        net.TrainEpoch(inputs, labels, [1, 1, 1], [.. Enumerable.Range(0, inputs.Count)], 0.05f, 0, 0, new Random(1), CancellationToken.None);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) net.Write(w);
        stream.Position = 0;
        var read = SoftmaxNetwork.Read(new BinaryReader(stream));
        foreach (var x in inputs.Take(20))
            for (int c = 0; c < 3; c++) read.Predict(x)[c].ShouldBe(net.Predict(x)[c], 0.01f);
    }
}
