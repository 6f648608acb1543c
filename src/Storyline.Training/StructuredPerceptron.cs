using System.Runtime.InteropServices;
using Storyline.Learning;

namespace Storyline.Training;

/// <summary>Token features of many sequences, interned to dense ids: the training input of <see cref="StructuredPerceptron"/>.</summary>
internal sealed class FeatureTable
{
    private readonly List<int> _featureIds = [];
    private readonly List<int> _tokenOffsets = [0];
    private readonly List<int> _sequenceStart = [];

    /// <summary>Feature hash → dense id.</summary>
    public Dictionary<ulong, int> Ids { get; } = [];

    /// <summary>Number of sequences added.</summary>
    public int Count => _sequenceStart.Count;

    /// <summary>Adds one sequence: token i's feature hashes are <c>hashes[offsets[i]..offsets[i + 1]]</c>; features <paramref name="keep"/>
    /// rejects are left out.</summary>
    public void Add(IReadOnlyList<ulong> hashes, ReadOnlySpan<int> offsets, int tokens, Func<ulong, bool>? keep = null)
    {
        _sequenceStart.Add(_tokenOffsets.Count - 1);
        for (int i = 0; i < tokens; i++)
        {
            for (int f = offsets[i]; f < offsets[i + 1]; f++)
            {
                if (keep is not null && !keep(hashes[f])) continue;
                if (!Ids.TryGetValue(hashes[f], out var id)) Ids[hashes[f]] = id = Ids.Count;
                _featureIds.Add(id);
            }
            _tokenOffsets.Add(_featureIds.Count);
        }
    }

    internal (int[] Features, int[] TokenOffsets, int[] SequenceStart) Freeze() =>
        (CollectionsMarshal.AsSpan(_featureIds).ToArray(), [.. _tokenOffsets], [.. _sequenceStart]);
}

/// <summary>Averaged structured perceptron (Collins 2002) with first-order IOB2 Viterbi decoding: the training loop shared by the
/// sequence taggers. Averaging uses Daumé's trick (Σ step × update).</summary>
internal sealed class StructuredPerceptron
{
    private readonly int _t;
    private readonly Dictionary<ulong, int> _ids;
    private readonly int[] _feats;
    private readonly int[] _tokOff;
    private readonly int[] _sequenceStart;
    private readonly IReadOnlyList<int[]> _gold;
    private readonly IReadOnlyList<float[]>? _baseEmissions;
    private readonly bool _learnTransitions;
    private readonly float[] _weights;
    private readonly float[] _totals;
    private readonly float[] _transitions;
    private readonly float[] _transitionTotals;
    private float _step = 1;

    /// <summary>A learner over <paramref name="tags"/> tags for the sequences of <paramref name="table"/>, whose gold tags are <paramref name="gold"/>.
    /// With <paramref name="baseEmissions"/> (per sequence, tokens × tags) it learns corrections on top of another model's fixed scores,
    /// starting from that model's <paramref name="initialTransitions"/>, which stay fixed unless <paramref name="learnTransitions"/>.</summary>
    public StructuredPerceptron(int tags, FeatureTable table, IReadOnlyList<int[]> gold, IReadOnlyList<float[]>? baseEmissions = null,
        float[]? initialTransitions = null, bool learnTransitions = true)
    {
        _learnTransitions = learnTransitions;
        if (gold.Count != table.Count) throw new ArgumentException("one gold tag sequence per feature sequence", nameof(gold));
        if (baseEmissions is not null && baseEmissions.Count != gold.Count) throw new ArgumentException("one emission table per sequence", nameof(baseEmissions));
        _baseEmissions = baseEmissions;
        _t = tags;
        _ids = table.Ids;
        (_feats, _tokOff, _sequenceStart) = table.Freeze();
        _gold = gold;
        _weights = new float[_ids.Count * tags];
        _totals = new float[_ids.Count * tags];
        _transitions = new float[(tags + 1) * tags];
        _transitionTotals = new float[(tags + 1) * tags];
        initialTransitions?.CopyTo(_transitions, 0);
    }

    /// <summary>One pass over the sequences in <paramref name="order"/>; returns the number of mistagged tokens.</summary>
    public int Epoch(ReadOnlySpan<int> order, CancellationToken cancellationToken)
    {
        int t = _t, mistakes = 0, start = Viterbi.StartRow(t);
        foreach (var s in order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var gold = _gold[s];
            int n = gold.Length, first = _sequenceStart[s];
            var emissions = _baseEmissions is null ? new float[n * t] : (float[])_baseEmissions[s].Clone();
            for (int i = 0; i < n; i++)
                for (int f = _tokOff[first + i]; f < _tokOff[first + i + 1]; f++)
                {
                    int row = _feats[f] * t;
                    for (int y = 0; y < t; y++) emissions[i * t + y] += _weights[row + y];
                }
            var guess = new int[n];
            Viterbi.Decode(emissions, n, t, _transitions, guess);
            for (int i = 0; i < n; i++)
            {
                int goldPrev = i == 0 ? start : gold[i - 1], guessPrev = i == 0 ? start : guess[i - 1];
                if (gold[i] != guess[i])
                {
                    mistakes++;
                    for (int f = _tokOff[first + i]; f < _tokOff[first + i + 1]; f++)
                    {
                        int row = _feats[f] * t;
                        _weights[row + gold[i]]++;
                        _weights[row + guess[i]]--;
                        _totals[row + gold[i]] += _step;
                        _totals[row + guess[i]] -= _step;
                    }
                }
                if (_learnTransitions && (gold[i] != guess[i] || goldPrev != guessPrev))
                {
                    _transitions[goldPrev * t + gold[i]]++;
                    _transitions[guessPrev * t + guess[i]]--;
                    _transitionTotals[goldPrev * t + gold[i]] += _step;
                    _transitionTotals[guessPrev * t + guess[i]] -= _step;
                }
            }
            _step++;
        }
        return mistakes;
    }

    /// <summary>The averaged model so far (w − Σ step·Δ / step), keeping only features with some weight of at least <paramref name="pruneBelow"/>.</summary>
    public LinearSequenceModel Averaged(float pruneBelow)
    {
        int t = _t;
        var rows = new Dictionary<ulong, int>();
        var kept = new List<float>();
        foreach (var (hash, id) in _ids)
        {
            bool keep = false;
            for (int y = 0; y < t; y++)
            {
                float avg = _weights[id * t + y] - _totals[id * t + y] / _step;
                if (Math.Abs(avg) >= pruneBelow) keep = true;
            }
            if (!keep) continue;
            rows[hash] = rows.Count;
            for (int y = 0; y < t; y++)
            {
                float avg = _weights[id * t + y] - _totals[id * t + y] / _step;
                kept.Add(Math.Abs(avg) >= pruneBelow ? avg : 0);
            }
        }
        var averagedTransitions = new float[_transitions.Length];
        for (int i = 0; i < _transitions.Length; i++) averagedTransitions[i] = _transitions[i] - _transitionTotals[i] / _step;
        return new LinearSequenceModel(t, rows, [.. kept], averagedTransitions);
    }
}
