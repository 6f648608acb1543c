using Storyline.Entities;

namespace Storyline.Training;

/// <summary>Entity counts for one type (or all types) and the precision, recall and F1 they give.</summary>
public sealed record ChunkScore(string Type, int Gold, int Guessed, int Correct)
{
    /// <summary>Correct / guessed (0 when nothing was guessed).</summary>
    public double Precision => Guessed == 0 ? 0 : (double)Correct / Guessed;

    /// <summary>Correct / gold (0 when there is no gold entity).</summary>
    public double Recall => Gold == 0 ? 0 : (double)Correct / Gold;

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// Entity-level scoring as defined by conlleval: an entity is correct when a guessed chunk has exactly the span and type of a gold chunk.
/// Chunks are read with conlleval's start/end rules, so IOB1, IOB2 and IOBES (E-, S-) tag sequences are all read as the script reads them.
/// </summary>
public sealed class ConllEval
{
    private readonly Dictionary<string, int[]> _counts = new(StringComparer.Ordinal); // type → [gold, guessed, correct]
    private long _tokens, _correctTokens;

    /// <summary>Adds one sentence: gold and guessed tags, one per token.</summary>
    public void Add(IReadOnlyList<string> gold, IReadOnlyList<string> guessed)
    {
        if (gold.Count != guessed.Count) throw new ArgumentException("gold and guessed tag sequences differ in length", nameof(guessed));
        var goldChunks = Chunks(gold);
        var guessedChunks = Chunks(guessed);
        var goldSet = new HashSet<EntitySpan>(goldChunks);
        foreach (var c in goldChunks) Count(c.Type)[0]++;
        foreach (var c in guessedChunks)
        {
            var counts = Count(c.Type);
            counts[1]++;
            if (goldSet.Contains(c)) counts[2]++;
        }
        _tokens += gold.Count;
        for (int i = 0; i < gold.Count; i++) if (gold[i] == guessed[i]) _correctTokens++;
    }

    /// <summary>Scores over all types (micro-averaged, as conlleval's headline figure).</summary>
    public ChunkScore Overall => new("ALL", _counts.Values.Sum(c => c[0]), _counts.Values.Sum(c => c[1]), _counts.Values.Sum(c => c[2]));

    /// <summary>Scores per entity type, ordered by type name.</summary>
    public IReadOnlyList<ChunkScore> ByType => [.. _counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new ChunkScore(kv.Key, kv.Value[0], kv.Value[1], kv.Value[2]))];

    /// <summary>Fraction of tokens whose tag string was guessed exactly.</summary>
    public double TokenAccuracy => _tokens == 0 ? 0 : (double)_correctTokens / _tokens;

    /// <summary>The chunks of a tag sequence, read with conlleval's rules; a tag without a prefix (e.g. "PER") counts as I-PER.</summary>
    public static List<EntitySpan> Chunks(IReadOnlyList<string> tags)
    {
        var chunks = new List<EntitySpan>();
        string prevTag = "O", prevType = "";
        int start = -1;
        for (int i = 0; i <= tags.Count; i++)
        {
            var (tag, type) = i < tags.Count ? Split(tags[i]) : ("O", "");
            if (start >= 0 && EndOfChunk(prevTag, tag, prevType, type))
            {
                chunks.Add(new EntitySpan(start, i, prevType));
                start = -1;
            }
            if (StartOfChunk(prevTag, tag, prevType, type)) start = i;
            (prevTag, prevType) = (tag, type);
        }
        return chunks;
    }

    private int[] Count(string type)
    {
        if (!_counts.TryGetValue(type, out var counts)) _counts[type] = counts = new int[3];
        return counts;
    }

    private static (string Tag, string Type) Split(string tag)
    {
        if (tag is "O" or "" or "-X-") return ("O", "");
        int dash = tag.IndexOf('-');
        return dash == 1 ? (tag[..1], tag[2..]) : ("I", tag);
    }

    // conlleval's endOfChunk, with the E/S rules of its IOBES-aware ports.
    private static bool EndOfChunk(string prevTag, string tag, string prevType, string type) =>
        prevTag is "E" or "S"
        || (prevTag is "B" or "I" && tag is "B" or "S" or "O")
        || (prevTag != "O" && prevTag != "." && prevType != type);

    // conlleval's startOfChunk, with the E/S rules of its IOBES-aware ports.
    private static bool StartOfChunk(string prevTag, string tag, string prevType, string type) =>
        tag is "B" or "S"
        || (prevTag is "E" or "S" or "O" && tag is "E" or "I")
        || (tag != "O" && tag != "." && prevType != type);
}
