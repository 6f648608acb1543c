using System.Numerics.Tensors;

namespace Storyline.Claims;

/// <summary>One training or prediction input: dense features (standardised by the network) and hashed sparse features (bucket, value).</summary>
internal readonly record struct NetworkInput(float[] Dense, (int Bucket, float Value)[] Sparse);

/// <summary>
/// A small multilayer perceptron (one ReLU hidden layer, softmax output) over dense features plus hashed sparse features, whose rows
/// are only touched when active. Trained by plain SGD with class weights, dropout and weight decay; saved at half precision.
/// </summary>
internal sealed class SoftmaxNetwork
{
    public int DenseCount { get; }
    public int Buckets { get; }
    public int Hidden { get; }
    public int Classes { get; }

    private readonly float[] _mean;
    private readonly float[] _scale;
    private readonly float[] _w1; // Hidden × DenseCount
    private readonly float[] _e;  // Buckets × Hidden
    private readonly float[] _b1;
    private readonly float[] _w2; // Classes × Hidden
    private readonly float[] _b2;

    public SoftmaxNetwork(int denseCount, int buckets, int hidden, int classes, int seed = 1)
    {
        DenseCount = denseCount; Buckets = buckets; Hidden = hidden; Classes = classes;
        _mean = new float[denseCount];
        _scale = Enumerable.Repeat(1f, denseCount).ToArray();
        _w1 = new float[hidden * denseCount];
        _e = new float[buckets * hidden];
        _b1 = new float[hidden];
        _w2 = new float[classes * hidden];
        _b2 = new float[classes];
        var random = new Random(seed);
        float r1 = MathF.Sqrt(6f / (denseCount + hidden)), r2 = MathF.Sqrt(6f / (hidden + classes));
        for (int i = 0; i < _w1.Length; i++) _w1[i] = (float)(random.NextDouble() * 2 - 1) * r1;
        for (int i = 0; i < _e.Length; i++) _e[i] = (float)(random.NextDouble() * 2 - 1) * 0.01f;
        for (int i = 0; i < _w2.Length; i++) _w2[i] = (float)(random.NextDouble() * 2 - 1) * r2;
    }

    /// <summary>Sets the standardisation of dense features from the training inputs (mean 0, unit variance; constant features left alone).</summary>
    public void FitScaling(IReadOnlyList<NetworkInput> inputs)
    {
        var sum = new double[DenseCount];
        var sq = new double[DenseCount];
        foreach (var x in inputs)
            for (int d = 0; d < DenseCount; d++) { sum[d] += x.Dense[d]; sq[d] += (double)x.Dense[d] * x.Dense[d]; }
        for (int d = 0; d < DenseCount; d++)
        {
            double m = sum[d] / Math.Max(1, inputs.Count), v = sq[d] / Math.Max(1, inputs.Count) - m * m;
            _mean[d] = (float)m;
            _scale[d] = v > 1e-12 ? (float)(1 / Math.Sqrt(v)) : 1f;
        }
    }

    /// <summary>Class probabilities.</summary>
    public float[] Predict(NetworkInput input)
    {
        var x = Scale(input.Dense);
        var hidden = new float[Hidden];
        Forward(x, input.Sparse, hidden, null);
        return Output(hidden);
    }

    /// <summary>One epoch of SGD over <paramref name="order"/>; returns the mean weighted loss.</summary>
    public double TrainEpoch(IReadOnlyList<NetworkInput> inputs, IReadOnlyList<int> labels, float[] classWeights, int[] order,
        float learningRate, float decay, float dropout, Random random, CancellationToken cancellationToken)
    {
        var hidden = new float[Hidden];
        var mask = new bool[Hidden];
        var gHidden = new float[Hidden];
        double loss = 0;
        // A step on a hidden unit moves its pre-activation by about rate × |x|², and |x|² of standardised inputs is their count:
        // the dense layer's rate is scaled down for wide inputs so that 1,500 embedding features do not make SGD diverge.
        float denseRate = learningRate * Math.Min(1f, 32f / Math.Max(1, DenseCount));
        foreach (var i in order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var input = inputs[i];
            var x = Scale(input.Dense);
            for (int h = 0; h < Hidden; h++) mask[h] = dropout > 0 && random.NextDouble() < dropout;
            Forward(x, input.Sparse, hidden, mask);
            if (dropout > 0) for (int h = 0; h < Hidden; h++) hidden[h] /= 1 - dropout;
            var p = Output(hidden);
            int y = labels[i];
            float w = classWeights[y];
            loss += -w * Math.Log(Math.Max(p[y], 1e-9f));
            Array.Clear(gHidden);
            for (int c = 0; c < Classes; c++)
            {
                float g = w * (p[c] - (c == y ? 1 : 0));
                var row = _w2.AsSpan(c * Hidden, Hidden);
                TensorPrimitives.MultiplyAdd(row, g, gHidden, gHidden);
                // Weight decay shrinks the row before the gradient step.
                TensorPrimitives.Multiply(row, 1 - learningRate * decay, row);
                TensorPrimitives.MultiplyAdd(hidden, -learningRate * g, row, row);
                _b2[c] -= learningRate * g;
            }
            for (int h = 0; h < Hidden; h++)
            {
                if (hidden[h] <= 0 || mask[h]) continue;
                float g = Math.Clamp(gHidden[h] * (dropout > 0 ? 1 / (1 - dropout) : 1), -5f, 5f);
                var row = _w1.AsSpan(h * DenseCount, DenseCount);
                TensorPrimitives.Multiply(row, 1 - learningRate * decay, row);
                TensorPrimitives.MultiplyAdd(x, -denseRate * g, row, row);
                _b1[h] -= learningRate * g;
                foreach (var (bucket, value) in input.Sparse) _e[bucket * Hidden + h] -= learningRate * g * value;
            }
        }
        return loss / Math.Max(1, order.Length);
    }

    private float[] Scale(float[] dense)
    {
        var x = new float[DenseCount];
        for (int d = 0; d < DenseCount; d++) x[d] = (dense[d] - _mean[d]) * _scale[d];
        return x;
    }

    private void Forward(float[] x, (int Bucket, float Value)[] sparse, float[] hidden, bool[]? mask)
    {
        for (int h = 0; h < Hidden; h++) hidden[h] = _b1[h] + TensorPrimitives.Dot(_w1.AsSpan(h * DenseCount, DenseCount), x);
        foreach (var (bucket, value) in sparse) TensorPrimitives.MultiplyAdd(_e.AsSpan(bucket * Hidden, Hidden), value, hidden, hidden);
        for (int h = 0; h < Hidden; h++) if (hidden[h] < 0 || (mask is not null && mask[h])) hidden[h] = 0;
    }

    private float[] Output(float[] hidden)
    {
        var o = new float[Classes];
        for (int c = 0; c < Classes; c++) o[c] = _b2[c] + TensorPrimitives.Dot(_w2.AsSpan(c * Hidden, Hidden), hidden);
        TensorPrimitives.SoftMax(o, o);
        return o;
    }

    /// <summary>A deep copy (the best epoch is kept while training goes on).</summary>
    public SoftmaxNetwork Clone()
    {
        var copy = new SoftmaxNetwork(DenseCount, Buckets, Hidden, Classes, 0);
        foreach (var (from, to) in Arrays().Zip(copy.Arrays())) from.CopyTo(to, 0);
        return copy;
    }

    private IEnumerable<float[]> Arrays() => [_mean, _scale, _w1, _e, _b1, _w2, _b2];

    public void Write(BinaryWriter w)
    {
        w.Write(DenseCount); w.Write(Buckets); w.Write(Hidden); w.Write(Classes);
        // Standardisation stays full precision (means can be large); weights are small and survive half precision.
        foreach (var x in _mean) w.Write(x);
        foreach (var x in _scale) w.Write(x);
        foreach (var a in new[] { _w1, _e, _b1, _w2, _b2 })
            foreach (var x in a) w.Write((Half)x);
    }

    public static SoftmaxNetwork Read(BinaryReader r)
    {
        int dense = r.ReadInt32(), buckets = r.ReadInt32(), hidden = r.ReadInt32(), classes = r.ReadInt32();
        if (dense < 0 || dense > 100_000 || buckets < 0 || buckets > 1 << 22 || hidden <= 0 || hidden > 4096 || classes < 2 || classes > 16)
            throw new InvalidDataException("stance model has impossible network dimensions");
        var net = new SoftmaxNetwork(dense, buckets, hidden, classes, 0);
        for (int i = 0; i < dense; i++) net._mean[i] = r.ReadSingle();
        for (int i = 0; i < dense; i++) net._scale[i] = r.ReadSingle();
        foreach (var a in new[] { net._w1, net._e, net._b1, net._w2, net._b2 })
        {
            // One read per array: half a float at a time through the reader (and the decompressor under it) took half a second.
            var bytes = r.ReadBytes(a.Length * 2);
            if (bytes.Length != a.Length * 2) throw new EndOfStreamException("stance model ends inside its weights");
            if (BitConverter.IsLittleEndian)
                System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(bytes), a);
            else
                for (int i = 0; i < a.Length; i++) a[i] = (float)System.Buffers.Binary.BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(i * 2));
            foreach (var x in a)
                if (!float.IsFinite(x)) throw new InvalidDataException("stance model has a non-finite weight");
        }
        return net;
    }
}
