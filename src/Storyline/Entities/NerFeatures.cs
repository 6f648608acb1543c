using Storyline.Learning;

namespace Storyline.Entities;

/// <summary>
/// Feature extraction for the tagger: for every token a list of hashed features (template id combined with a value) from the token, its
/// neighbours within ±2, word shapes, affixes, and the lexicon's phrase, word-profile, casing and cluster entries. Only token text is used.
/// </summary>
internal static class NerFeatures
{
    // Template ids; changing any of them invalidates trained models.
    private const ulong Bias = 1, Word = 2, Norm = 3, Shape = 4, ClassLength = 5, Prefix = 10, Suffix = 20,
        NormM1 = 30, NormP1 = 31, NormM2 = 32, NormP2 = 33, ShapeM1 = 34, ShapeP1 = 35, ShapeM2 = 36, ShapeP2 = 37,
        NormM1Norm = 40, NormNormP1 = 41, ShapeM1Shape = 42, ShapeShapeP1 = 43, ShapeTri = 44, WordM1 = 45, WordP1 = 46,
        First = 50, Headline = 51, HeadlineProfile = 52, CasingClass = 53,
        Gaz = 60, GazClass = 61, GazLength = 62,
        Profile = 70, ProfileCount = 71, Unseen = 72, MajorityM1 = 73, MajorityP1 = 74, ProfileClass = 75,
        Cluster = 80, ClusterM1 = 81, ClusterP1 = 82, ClusterClass = 83, ClusterM1Cluster = 84, ClusterClusterP1 = 85,
        TableRow = 90, TableProfile = 91, TableNeighbours = 92;

    private const ulong Boundary = 0xB0B0_B0B0;
    private const int NoCluster = 0xFFFF, Unknown = 5;

    /// <summary>Token shape classes used in conjunctions.</summary>
    internal enum CaseClass { Lower, Capitalised, AllCaps, Mixed, Digits, Punctuation }

    /// <summary>True for an all-capitals sentence (a headline), where capitalisation says nothing about entities.</summary>
    public static bool IsHeadline(IReadOnlyList<string> tokens)
    {
        int letters = 0;
        foreach (var token in tokens)
        {
            foreach (var c in token)
            {
                if (char.IsLower(c)) return false;
                if (char.IsLetter(c)) letters++;
            }
        }
        return letters >= 2;
    }

    /// <summary>Appends the features of every token to <paramref name="features"/>; token i's are features[offsets[i]..offsets[i+1]).</summary>
    public static void Extract(IReadOnlyList<string> tokens, NerLexicon lexicon, List<ulong> features, int[] offsets) =>
        Extract<NerLexicon>(tokens, lexicon, features, offsets);

    /// <summary>As <see cref="Extract(IReadOnlyList{string}, NerLexicon, List{ulong}, int[])"/>, looking words up in <paramref name="lexicon"/>
    /// (a <see cref="NerLexiconTables"/> at prediction).</summary>
    public static void Extract<TLexicon>(IReadOnlyList<string> tokens, TLexicon lexicon, List<ulong> features, int[] offsets) where TLexicon : INerLexiconLookup
    {
        int n = tokens.Count;
        var word = new ulong[n];
        var norm = new ulong[n];
        var lower = new ulong[n];
        var shape = new ulong[n];
        var cls = new CaseClass[n];
        var profile = new int[n];
        var majority = new int[n];
        var cluster = new int[n];
        Span<char> buffer = stackalloc char[64];
        for (int i = 0; i < n; i++)
        {
            var t = tokens[i] ?? "";
            word[i] = FeatureHash.Of(t);
            norm[i] = FeatureHash.OfNormalised(t);
            lower[i] = FeatureHash.OfLower(t);
            shape[i] = FeatureHash.Of(ShapeOf(t, buffer));
            cls[i] = ClassOf(t);
            profile[i] = lexicon.TryGetWord(lower[i], out var p) ? p : -1;
            majority[i] = Majority(profile[i]);
            cluster[i] = lexicon.TryGetCluster(norm[i], out var c) ? c : NoCluster;
        }

        // Phrase matches: (token, code) pairs, code = type bit * 4 + position (0 unit, 1 begin, 2 inside, 3 last) and length.
        var matches = new List<(int Token, int Code, int Length)>();
        for (int s = 0; s < n; s++)
        {
            ulong h = NerLexicon.PhraseSeed;
            for (int len = 1; len <= NerLexicon.MaxPhrase && s + len <= n; len++)
            {
                h = FeatureHash.Combine(h, lower[s + len - 1]);
                if (!lexicon.TryGetPhrase(h, out var mask)) continue;
                for (int bit = 0; bit < 8; bit++)
                {
                    if ((mask & (1 << bit)) == 0) continue;
                    for (int k = s; k < s + len; k++)
                    {
                        int pos = len == 1 ? 0 : k == s ? 1 : k == s + len - 1 ? 3 : 2;
                        matches.Add((k, bit * 4 + pos, len));
                    }
                }
            }
        }

        bool headline = IsHeadline(tokens);
        int table = TableKind(cls);
        for (int i = 0; i < n; i++)
        {
            offsets[i] = features.Count;
            var t = tokens[i] ?? "";
            var c = (ulong)cls[i];
            Add(features, Bias, 0);
            Add(features, Word, word[i]);
            Add(features, Norm, norm[i]);
            Add(features, Shape, shape[i]);
            Add(features, ClassLength, c * 16 + (ulong)Math.Min(t.Length, 15));
            for (int k = 1; k <= 4 && k < t.Length; k++)
            {
                Add(features, Prefix + (ulong)k, FeatureHash.OfLower(t.AsSpan(0, k)));
                Add(features, Suffix + (ulong)k, FeatureHash.OfLower(t.AsSpan(t.Length - k)));
            }
            ulong nm1 = i > 0 ? norm[i - 1] : Boundary, np1 = i + 1 < n ? norm[i + 1] : Boundary;
            ulong sm1 = i > 0 ? shape[i - 1] : Boundary, sp1 = i + 1 < n ? shape[i + 1] : Boundary;
            Add(features, NormM1, nm1);
            Add(features, NormP1, np1);
            Add(features, NormM2, i > 1 ? norm[i - 2] : Boundary);
            Add(features, NormP2, i + 2 < n ? norm[i + 2] : Boundary);
            Add(features, WordM1, i > 0 ? word[i - 1] : Boundary);
            Add(features, WordP1, i + 1 < n ? word[i + 1] : Boundary);
            Add(features, ShapeM1, sm1);
            Add(features, ShapeP1, sp1);
            Add(features, ShapeM2, i > 1 ? shape[i - 2] : Boundary);
            Add(features, ShapeP2, i + 2 < n ? shape[i + 2] : Boundary);
            Add(features, NormM1Norm, FeatureHash.Combine(nm1, norm[i]));
            Add(features, NormNormP1, FeatureHash.Combine(norm[i], np1));
            Add(features, ShapeM1Shape, FeatureHash.Combine(sm1, shape[i]));
            Add(features, ShapeShapeP1, FeatureHash.Combine(shape[i], sp1));
            Add(features, ShapeTri, FeatureHash.Combine(sm1, shape[i], sp1));
            if (i == 0) Add(features, First, c);
            if (table > 0)
            {
                // In a results or standings row ("Barcelona 3 Real Madrid 1") names are teams, and numbers mark where one entry ends.
                ulong kinds = (ulong)(NeighbourKind(cls, i - 1) * 8 + NeighbourKind(cls, i + 1));
                Add(features, TableRow, (ulong)table * 8 + c);
                Add(features, TableProfile, (ulong)(table * 8 + majority[i]) * 8 + c);
                Add(features, TableNeighbours, ((ulong)table * 64 + kinds) * 8 + c);
            }
            if (headline)
            {
                Add(features, Headline, c);
                Add(features, HeadlineProfile, (ulong)majority[i]);
            }
            int casing = lexicon.TryGetCasing(lower[i], out var cb) ? cb : 0;
            Add(features, CasingClass, (ulong)(casing * 16 + (int)c * 2 + (i == 0 ? 1 : 0)));

            foreach (var (token, code, length) in matches)
            {
                if (token != i) continue;
                Add(features, Gaz, (ulong)code);
                Add(features, GazClass, (ulong)(code * 8 + (int)c));
                Add(features, GazLength, (ulong)(code * 8 + length));
            }

            if (profile[i] >= 0)
            {
                int countBucket = profile[i] >> 10;
                for (int k = 0; k < 5; k++)
                {
                    int share = (profile[i] >> (2 * k)) & 3;
                    if (share == 0) continue;
                    Add(features, Profile, (ulong)(k * 4 + share));
                    Add(features, ProfileCount, (ulong)((k * 4 + share) * 4 + countBucket));
                    Add(features, ProfileClass, (ulong)((k * 4 + share) * 8 + (int)c));
                }
            }
            else Add(features, Unseen, c);
            Add(features, MajorityM1, i > 0 ? (ulong)majority[i - 1] : 9);
            Add(features, MajorityP1, i + 1 < n ? (ulong)majority[i + 1] : 9);

            int cm1 = i > 0 ? cluster[i - 1] : NoCluster - 1, cp1 = i + 1 < n ? cluster[i + 1] : NoCluster - 1;
            Add(features, Cluster, (ulong)cluster[i]);
            Add(features, ClusterClass, (ulong)cluster[i] * 8 + c);
            Add(features, ClusterM1, (ulong)cm1);
            Add(features, ClusterP1, (ulong)cp1);
            Add(features, ClusterM1Cluster, FeatureHash.Combine((ulong)cm1, (ulong)cluster[i]));
            Add(features, ClusterClusterP1, FeatureHash.Combine((ulong)cluster[i], (ulong)cp1));
        }
        offsets[n] = features.Count;
    }

    private static void Add(List<ulong> features, ulong template, ulong value) => features.Add(FeatureHash.Combine(template, value));

    // 0 running text; 1 a row of names and numbers with at most one lower-case word; 2 a number-heavy line with some words.
    private static int TableKind(CaseClass[] cls)
    {
        int numbers = 0, lowerWords = 0;
        foreach (var c in cls)
        {
            if (c == CaseClass.Digits) numbers++;
            else if (c == CaseClass.Lower) lowerWords++;
        }
        if (numbers < 2) return 0;
        if (lowerWords <= 1) return 1;
        return numbers * 4 >= cls.Length ? 2 : 0;
    }

    // What is beside a token in a table row: 0 boundary, 1 number, 2 capitalised word, 3 lower-case word, 4 punctuation.
    private static int NeighbourKind(CaseClass[] cls, int i) => i < 0 || i >= cls.Length ? 0 : cls[i] switch
    {
        CaseClass.Digits => 1,
        CaseClass.Capitalised or CaseClass.AllCaps or CaseClass.Mixed => 2,
        CaseClass.Lower => 3,
        _ => 4,
    };

    // The class (0 O, 1–4 types) holding at least half of the word's occurrences, or Unknown.
    private static int Majority(int profile)
    {
        if (profile < 0) return Unknown;
        for (int k = 0; k < 5; k++) if (((profile >> (2 * k)) & 3) >= 2) return k;
        return 6;
    }

    internal static CaseClass ClassOf(string t)
    {
        int upper = 0, lowerCount = 0, digits = 0;
        foreach (var ch in t)
        {
            if (char.IsUpper(ch)) upper++;
            else if (char.IsLower(ch)) lowerCount++;
            else if (char.IsDigit(ch)) digits++;
        }
        if (upper + lowerCount == 0) return digits > 0 ? CaseClass.Digits : CaseClass.Punctuation;
        if (digits > 0) return CaseClass.Mixed;
        if (upper == 0) return CaseClass.Lower;
        if (lowerCount == 0) return upper > 1 ? CaseClass.AllCaps : CaseClass.Capitalised;
        return char.IsUpper(t[0]) && upper == 1 ? CaseClass.Capitalised : CaseClass.Mixed;
    }

    // Word shape with runs collapsed: "Xx" for "Reuters", "X.X." for "U.S.", "d-d" for "1996-08".
    private static ReadOnlySpan<char> ShapeOf(string t, Span<char> buffer)
    {
        int length = 0;
        char last = '\0';
        foreach (var ch in t)
        {
            char s = char.IsUpper(ch) ? 'X' : char.IsLower(ch) ? 'x' : char.IsDigit(ch) ? 'd' : ch;
            if (s == last) continue;
            if (length == buffer.Length) break;
            buffer[length++] = last = s;
        }
        return buffer[..length];
    }
}
