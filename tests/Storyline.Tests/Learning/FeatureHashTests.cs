using Storyline.Learning;

namespace Storyline.Tests.Learning;

public class FeatureHashTests
{
    // The hashes as first written, lower-casing through char.ToLowerInvariant: trained models hold these values.
    private static ulong Reference(string s, bool digits)
    {
        ulong h = 0xcbf29ce484222325;
        foreach (var c in s) { h ^= digits && char.IsAsciiDigit(c) ? '0' : char.ToLowerInvariant(c); h *= 0x100000001b3; }
        return FeatureHash.Mix(h);
    }

    [Fact]
    public void OfLowerAndOfNormalised_EveryCodeUnit_SameAsToLowerInvariant()
    {
        var all = new char[char.MaxValue + 1];
        for (int c = 0; c <= char.MaxValue; c++) all[c] = (char)c;
        for (int start = 0; start < all.Length; start += 7)
        {
            var s = new string(all, start, Math.Min(7, all.Length - start));
            FeatureHash.OfLower(s).ShouldBe(Reference(s, digits: false), s);
            FeatureHash.OfNormalised(s).ShouldBe(Reference(s, digits: true), s);
        }
        FeatureHash.OfNormalised("Café “Ünïcode” ’90s 2019").ShouldBe(Reference("Café “Ünïcode” ’90s 2019", digits: true));
    }
}
