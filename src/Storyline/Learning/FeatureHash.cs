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

    /// <summary>Hash of the lower-cased characters.</summary>
    public static ulong OfLower(ReadOnlySpan<char> s)
    {
        ulong h = Offset;
        foreach (var c in s) { h ^= char.ToLowerInvariant(c); h *= Prime; }
        return Mix(h);
    }

    /// <summary>Hash of the lower-cased characters with every digit mapped to 0 (numbers generalise by shape).</summary>
    public static ulong OfNormalised(ReadOnlySpan<char> s)
    {
        ulong h = Offset;
        foreach (var c in s) { h ^= char.IsAsciiDigit(c) ? '0' : char.ToLowerInvariant(c); h *= Prime; }
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
