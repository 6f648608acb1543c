using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Storyline.Dedup;

/// <summary>MinHash signatures over word shingles, with LSH bands, for finding near-duplicate documents (syndicated copies, the same article with other furniture).</summary>
public static class MinHash
{
    /// <summary>Number of hash functions in a signature.</summary>
    public const int Size = 128;
    /// <summary>Rows per LSH band; Size / Rows bands. With 4 rows and 32 bands a pair at Jaccard 0.7 is a candidate with probability ≈ 0.9999.</summary>
    public const int RowsPerBand = 4;
    /// <summary>Words per shingle.</summary>
    public const int ShingleWords = 5;

    private static readonly ulong[] Seeds = MakeSeeds();

    /// <summary>The signature of a text: per hash function, the minimum hash over its word shingles.</summary>
    public static ulong[] Signature(string text)
    {
        var words = Words(text);
        var signature = new ulong[Size];
        Array.Fill(signature, ulong.MaxValue);
        if (words.Count == 0) return signature;
        int n = Math.Max(1, words.Count - ShingleWords + 1);
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            sb.Clear();
            for (int j = i; j < Math.Min(words.Count, i + ShingleWords); j++) sb.Append(words[j]).Append(' ');
            var h = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(sb.ToString()));
            for (int k = 0; k < Size; k++)
            {
                var v = Mix(h ^ Seeds[k]);
                if (v < signature[k]) signature[k] = v;
            }
        }
        return signature;
    }

    /// <summary>The estimated Jaccard similarity of two signatures.</summary>
    public static double Similarity(ulong[] a, ulong[] b)
    {
        int same = 0;
        for (int i = 0; i < Size; i++) if (a[i] == b[i]) same++;
        return (double)same / Size;
    }

    /// <summary>One key per LSH band; documents sharing any band key are near-duplicate candidates.</summary>
    public static long[] BandKeys(ulong[] signature)
    {
        var keys = new long[Size / RowsPerBand];
        Span<byte> buffer = stackalloc byte[RowsPerBand * 8 + 4];
        for (int b = 0; b < keys.Length; b++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, b);
            for (int r = 0; r < RowsPerBand; r++) BinaryPrimitives.WriteUInt64LittleEndian(buffer[(4 + r * 8)..], signature[b * RowsPerBand + r]);
            keys[b] = unchecked((long)XxHash64.HashToUInt64(buffer));
        }
        return keys;
    }

    /// <summary>Serialises a signature to bytes for storage.</summary>
    public static byte[] ToBytes(ulong[] signature)
    {
        var bytes = new byte[signature.Length * 8];
        for (int i = 0; i < signature.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), signature[i]);
        return bytes;
    }

    /// <summary>Reads a signature written by <see cref="ToBytes"/>.</summary>
    public static ulong[] FromBytes(byte[] bytes)
    {
        var signature = new ulong[bytes.Length / 8];
        for (int i = 0; i < signature.Length; i++) signature[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 8));
        return signature;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            else if (sb.Length > 0) { words.Add(sb.ToString()); sb.Clear(); }
        }
        if (sb.Length > 0) words.Add(sb.ToString());
        return words;
    }

    private static ulong Mix(ulong x)
    {
        // SplitMix64 finaliser: a cheap, well-distributed permutation per seed.
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static ulong[] MakeSeeds()
    {
        var seeds = new ulong[Size];
        ulong s = 0x9E3779B97F4A7C15UL;
        for (int i = 0; i < Size; i++) { s += 0x9E3779B97F4A7C15UL; seeds[i] = Mix(s); }
        return seeds;
    }
}
