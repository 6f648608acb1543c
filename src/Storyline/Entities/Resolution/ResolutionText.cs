using System.Text.RegularExpressions;

namespace Storyline.Entities.Resolution;

/// <summary>Word tests several resolution steps share.</summary>
internal static class ResolutionText
{
    /// <summary>The text with runs of white space made one space, trimmed.</summary>
    public static string Squash(string s) => EntityResolver.WhiteSpace().Replace(s.Trim(), " ");

    /// <summary>The white-space separated words of a phrase and their offsets.</summary>
    public static List<(string Word, int Offset)> WordsOf(string phrase) =>
        [.. Regex.Matches(phrase, @"[^\s]+").Select(m => (m.Value, m.Index))];

    /// <summary>Whether a word is a role head or modifier ("minister", "deputy"), also inside a hyphenated word.</summary>
    public static bool IsRoleWord(string word)
    {
        var w = word.ToLowerInvariant();
        if (RoleLexicon.Heads.Contains(w) || RoleLexicon.Modifiers.Contains(w)) return true;
        return w.Contains('-', StringComparison.Ordinal) && w.Split('-').Any(p => RoleLexicon.Heads.Contains(p) || RoleLexicon.Modifiers.Contains(p));
    }

    /// <summary>Whether a word heads a title ("spokesman", "vice-minister"); "deputy" alone does not.</summary>
    public static bool IsHead(string word)
    {
        var w = word.TrimEnd('.');
        return RoleLexicon.Heads.Contains(w) && !string.Equals(w, "deputy", StringComparison.OrdinalIgnoreCase)
            || w.Contains('-', StringComparison.Ordinal) && RoleLexicon.Heads.Contains(w.Split('-')[^1]);
    }
}
