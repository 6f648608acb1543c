namespace Storyline.Entities;

/// <summary>A named entity over tokens [StartToken, EndToken) of a token list, with its CoNLL type (PER, ORG, LOC or MISC).</summary>
public sealed record EntitySpan(int StartToken, int EndToken, string Type)
{
    /// <summary>Number of tokens the entity covers.</summary>
    public int Length => EndToken - StartToken;

    /// <summary>The entity's tokens joined with single spaces.</summary>
    public string Text(IReadOnlyList<string> tokens) => string.Join(' ', Enumerable.Range(StartToken, Length).Select(i => tokens[i]));
}
