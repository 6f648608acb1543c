namespace Storyline.Learning;

/// <summary>Stable 64-bit hashes for feature strings (string.GetHashCode is randomised per process, so models could not be saved).</summary>
internal static class FeatureHash
{
    private const ulong Offset = 0xcbf29ce484222325;
    private const ulong Prime = 0x100000001b3;

    /// <summary>Hash of the characters as they are.</summary>
    public static ulong Of(ReadOnlySpan<char> s)
    {
        ulong h = Offset;
        foreach (var c in s) { h ^= c; h *= Prime; }
        return Mix(h);
    }

    // char.ToLowerInvariant asks ICU for every character past ASCII (curly quotes, dashes, accents: common in news), which cost more than
    // the hashing; this table holds its answers below U+3000 (Latin, Greek, Cyrillic, punctuation), taken from it once, so the hashes stay
    // the same. Built in a few milliseconds; the rarer characters above still ask ICU.
    private static readonly char[] LowerTable = BuildLowerTable();

    private static char[] BuildLowerTable()
    {
        var table = new char[0x3000];
        for (int c = 0; c < table.Length; c++) table[c] = char.ToLowerInvariant((char)c);
        return table;
    }

    /// <summary>char.ToLowerInvariant of <paramref name="c"/>, mostly without a call into ICU.</summary>
    private static char ToLower(char c)
    {
        var table = LowerTable;
        return c < table.Length ? table[c] : char.ToLowerInvariant(c);
    }

    /// <summary>Hash of the lower-cased characters.</summary>
    public static ulong OfLower(ReadOnlySpan<char> s)
    {
        ulong h = Offset;
        foreach (var c in s) { h ^= ToLower(c); h *= Prime; }
        return Mix(h);
    }

    /// <summary>Hash of the lower-cased characters with every digit mapped to 0 (numbers generalise by shape).</summary>
    public static ulong OfNormalised(ReadOnlySpan<char> s)
    {
        ulong h = Offset;
        foreach (var c in s) { h ^= char.IsAsciiDigit(c) ? '0' : ToLower(c); h *= Prime; }
        return Mix(h);
    }

    /// <summary>Order-dependent combination of two hashes.</summary>
    public static ulong Combine(ulong a, ulong b) => Mix(a * 0x9E3779B97F4A7C15 ^ b);

    /// <summary>Order-dependent combination of three hashes.</summary>
    public static ulong Combine(ulong a, ulong b, ulong c) => Combine(Combine(a, b), c);

    /// <summary>SplitMix64 finaliser: spreads bits so sequential inputs do not collide.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
        z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
        return z ^ (z >> 31);
    }
}
