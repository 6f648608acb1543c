using Storyline.Learning;

namespace Storyline.Entities;

/// <summary>The IOB2 tag set the tagger predicts: O, then B-/I- for each CoNLL type.</summary>
internal static class BioTags
{
    /// <summary>The entity types, in tag order.</summary>
    public static readonly string[] Types = ["PER", "ORG", "LOC", "MISC"];

    /// <summary>Number of tags (O plus B/I per type).</summary>
    public static readonly int Count = 1 + 2 * Types.Length;

    /// <summary>Tag names by index.</summary>
    public static readonly string[] Names = ["O", .. Types.SelectMany(t => new[] { "B-" + t, "I-" + t })];

    /// <summary>Index of the outside tag.</summary>
    public const int Outside = 0;

    public static int Begin(int type) => 1 + 2 * type;
    public static int Inside(int type) => 2 + 2 * type;
    public static bool IsInside(int tag) => Viterbi.IsInside(tag);

    /// <summary>Type index of a tag, or -1 for O.</summary>
    public static int TypeOf(int tag) => Viterbi.TypeOf(tag);

    /// <summary>Type index of a type name, or -1 when it is not a CoNLL type.</summary>
    public static int TypeIndex(string type) => Array.IndexOf(Types, type);

    /// <summary>May <paramref name="tag"/> follow <paramref name="previous"/> (-1 = sentence start) in well-formed IOB2?</summary>
    public static bool Allowed(int previous, int tag) => Viterbi.Allowed(previous, tag);

    /// <summary>IOB2 tag indices for spans over <paramref name="length"/> tokens; spans of unknown types are left out.</summary>
    public static int[] FromSpans(IEnumerable<EntitySpan> spans, int length)
    {
        var tags = new int[length];
        foreach (var span in spans)
        {
            int type = TypeIndex(span.Type);
            if (type < 0) continue;
            tags[span.StartToken] = Begin(type);
            for (int i = span.StartToken + 1; i < span.EndToken; i++) tags[i] = Inside(type);
        }
        return tags;
    }

    /// <summary>Spans of a well-formed IOB2 tag index sequence.</summary>
    public static List<EntitySpan> ToSpans(ReadOnlySpan<int> tags)
    {
        var spans = new List<EntitySpan>();
        int start = -1, type = -1;
        for (int i = 0; i <= tags.Length; i++)
        {
            int tag = i < tags.Length ? tags[i] : Outside;
            bool continues = IsInside(tag) && TypeOf(tag) == type && start >= 0;
            if (continues) continue;
            if (start >= 0) spans.Add(new EntitySpan(start, i, Types[type]));
            start = tag == Outside ? -1 : i;
            type = TypeOf(tag);
        }
        return spans;
    }
}
