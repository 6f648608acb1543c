namespace Storyline.Documents;

/// <summary>A half-open character range [Start, End) into a document's stored cleaned text.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>The exclusive end offset.</summary>
    public int End => Start + Length;

    /// <summary>Creates a span from start and exclusive end offsets.</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    /// <summary>The text this span covers in <paramref name="text"/>.</summary>
    public string Slice(string text) => text.Substring(Start, Length);

    /// <summary>True when <paramref name="offset"/> lies inside the span.</summary>
    public bool Contains(int offset) => Start <= offset && offset < End;

    /// <summary>True when the two spans share at least one character.</summary>
    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;
}
