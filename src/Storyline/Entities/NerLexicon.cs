using Storyline.Learning;

namespace Storyline.Entities;

/// <summary>
/// What the tagger knows about words beyond its weights, all derived from training text: entity phrases with their types (plus a small
/// hand-written list of countries and nationalities), each word's profile of entity classes, how often a word is written lower-case, and
/// distributional word clusters. Keys are <see cref="FeatureHash"/> hashes, so no training text is stored.
/// </summary>
internal sealed class NerLexicon : INerLexiconLookup
{
    /// <summary>Longest phrase (in tokens) looked up.</summary>
    public const int MaxPhrase = 6;

    /// <summary>Seed of phrase hashes.</summary>
    public const ulong PhraseSeed = 0x5eed_0001;

    /// <summary>Phrase hash → type mask: bits 0–3 types seen in training data, bits 4–7 types from the hand-written list.</summary>
    public Dictionary<ulong, byte> Phrases { get; } = [];

    /// <summary>Lower-cased word hash → profile: per class (O, PER, ORG, LOC, MISC) a 2-bit share bucket, then a 2-bit count bucket.</summary>
    public Dictionary<ulong, ushort> Words { get; } = [];

    /// <summary>Lower-cased word hash → casing bucket (1 nearly always lower-case … 4 nearly always capitalised) away from sentence starts.</summary>
    public Dictionary<ulong, byte> Casing { get; } = [];

    /// <summary>Normalised word hash → distributional cluster id.</summary>
    public Dictionary<ulong, ushort> Clusters { get; } = [];

    /// <summary>Read-only tables of the lexicon as it is now, faster to look up; for a lexicon that no longer changes.</summary>
    public NerLexiconTables Freeze() => new(new(Phrases), new(Words), new(Casing), new(Clusters));

    /// <inheritdoc />
    public bool TryGetPhrase(ulong hash, out byte mask) => Phrases.TryGetValue(hash, out mask);

    /// <inheritdoc />
    public bool TryGetWord(ulong hash, out ushort profile) => Words.TryGetValue(hash, out profile);

    /// <inheritdoc />
    public bool TryGetCasing(ulong hash, out byte casing) => Casing.TryGetValue(hash, out casing);

    /// <inheritdoc />
    public bool TryGetCluster(ulong hash, out ushort cluster) => Clusters.TryGetValue(hash, out cluster);

    /// <summary>Hash of the lower-cased phrase tokens[start..start+length).</summary>
    public static ulong PhraseHash(IReadOnlyList<string> tokens, int start, int length)
    {
        ulong h = PhraseSeed;
        for (int i = start; i < start + length; i++) h = FeatureHash.Combine(h, FeatureHash.OfLower(tokens[i]));
        return h;
    }

    /// <summary>Builds a lexicon from labelled sentences (IOB2 tag indices) and precomputed clusters.</summary>
    public static NerLexicon Build(IEnumerable<(IReadOnlyList<string> Tokens, int[] Tags)> sentences, IReadOnlyDictionary<ulong, ushort> clusters)
    {
        var lexicon = new NerLexicon();
        var phraseCounts = new Dictionary<ulong, int[]>();
        var wordCounts = new Dictionary<ulong, int[]>();
        var casingCounts = new Dictionary<ulong, int[]>();
        foreach (var (tokens, tags) in sentences)
        {
            foreach (var span in BioTags.ToSpans(tags))
            {
                if (span.Length > MaxPhrase) continue;
                var key = PhraseHash(tokens, span.StartToken, span.Length);
                if (!phraseCounts.TryGetValue(key, out var pc)) phraseCounts[key] = pc = new int[BioTags.Types.Length];
                pc[BioTags.TypeIndex(span.Type)]++;
            }
            bool headline = NerFeatures.IsHeadline(tokens);
            for (int i = 0; i < tokens.Count; i++)
            {
                var lower = FeatureHash.OfLower(tokens[i]);
                if (!wordCounts.TryGetValue(lower, out var wc)) wordCounts[lower] = wc = new int[BioTags.Types.Length + 1];
                wc[BioTags.TypeOf(tags[i]) + 1]++;
                if (i == 0 || headline || tokens[i].Length == 0 || !char.IsLetter(tokens[i][0])) continue;
                if (!casingCounts.TryGetValue(lower, out var cc)) casingCounts[lower] = cc = new int[2];
                cc[char.IsUpper(tokens[i][0]) ? 1 : 0]++;
            }
        }
        foreach (var (key, counts) in phraseCounts)
        {
            int total = counts.Sum();
            byte mask = 0;
            for (int t = 0; t < counts.Length; t++) if (counts[t] * 4 >= total) mask |= (byte)(1 << t);
            lexicon.Phrases[key] = mask;
        }
        foreach (var (phrase, type) in HandGazetteer.Entries)
        {
            var tokens = phrase.Split(' ');
            var key = PhraseHash(tokens, 0, tokens.Length);
            lexicon.Phrases[key] = (byte)(lexicon.Phrases.GetValueOrDefault(key) | (1 << (4 + BioTags.TypeIndex(type))));
        }
        foreach (var (key, counts) in wordCounts)
        {
            int total = counts.Sum();
            int profile = 0;
            for (int c = 0; c < counts.Length; c++) profile |= ShareBucket(counts[c], total) << (2 * c);
            int countBucket = total switch { 1 => 0, < 5 => 1, < 20 => 2, _ => 3 };
            lexicon.Words[key] = (ushort)(profile | countBucket << 10);
        }
        foreach (var (key, counts) in casingCounts)
        {
            double upper = (double)counts[1] / (counts[0] + counts[1]);
            lexicon.Casing[key] = upper switch { < 0.1 => 1, < 0.5 => 2, < 0.9 => 3, _ => 4 };
        }
        foreach (var (key, cluster) in clusters) lexicon.Clusters[key] = cluster;
        return lexicon;
    }

    private static int ShareBucket(int count, int total)
    {
        double share = (double)count / total;
        return share switch { < 0.1 => 0, < 0.5 => 1, < 0.9 => 2, _ => 3 };
    }
}

/// <summary>The lookups feature extraction makes in a <see cref="NerLexicon"/>.</summary>
internal interface INerLexiconLookup
{
    /// <summary>A phrase's type mask.</summary>
    bool TryGetPhrase(ulong hash, out byte mask);

    /// <summary>A lower-cased word's class profile.</summary>
    bool TryGetWord(ulong hash, out ushort profile);

    /// <summary>A lower-cased word's casing bucket.</summary>
    bool TryGetCasing(ulong hash, out byte casing);

    /// <summary>A normalised word's cluster id.</summary>
    bool TryGetCluster(ulong hash, out ushort cluster);
}

/// <summary>A <see cref="NerLexicon"/> frozen into <see cref="KeyTable{TValue}"/>s: the same answers, one cache line per lookup.</summary>
internal readonly struct NerLexiconTables(KeyTable<byte> phraseTable, KeyTable<ushort> wordTable, KeyTable<byte> casingTable, KeyTable<ushort> clusterTable) : INerLexiconLookup
{
    /// <inheritdoc />
    public bool TryGetPhrase(ulong hash, out byte mask) => phraseTable.TryGetValue(hash, out mask);

    /// <inheritdoc />
    public bool TryGetWord(ulong hash, out ushort profile) => wordTable.TryGetValue(hash, out profile);

    /// <inheritdoc />
    public bool TryGetCasing(ulong hash, out byte casing) => casingTable.TryGetValue(hash, out casing);

    /// <inheritdoc />
    public bool TryGetCluster(ulong hash, out ushort cluster) => clusterTable.TryGetValue(hash, out cluster);
}
