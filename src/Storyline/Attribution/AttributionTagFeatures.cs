using Storyline.Documents;
using Storyline.Entities;
using Storyline.Learning;
using Storyline.Text;

namespace Storyline.Attribution;

/// <summary>
/// Token facts of one analysed text for <see cref="AttributionTagger"/>: lower-cased words, quotation depth, sentence, named-entity tag
/// and whether the word is in the reporting-cue lexicon. Built once per text.
/// </summary>
internal sealed class AttributionTokens
{
    public AttributionTokens(string text, TextAnalysis analysis, IReadOnlyList<NamedEntity> entities)
    {
        Text = text;
        Analysis = analysis;
        var t = analysis.Tokens;
        int n = t.Count;
        Lower = new string[n];
        Cue = new bool[n];
        Entity = new byte[n];
        QuoteDepth = new int[n];
        for (int i = 0; i < n; i++)
        {
            Lower[i] = t[i].Text(text).ToLowerInvariant().Replace('’', '\'');
            Cue[i] = t[i].Kind == TokenKind.Word && (CueLexicon.AllVerbs.Contains(Lower[i]) || Lower[i] == "according");
        }
        foreach (var q in analysis.Quotations)
            foreach (var seg in q.Segments)
                for (int i = FirstAtOrAfter(seg.Start); i < n && t[i].Span.End <= seg.End; i++) QuoteDepth[i]++;
        foreach (var e in entities)
        {
            int type = e.Type switch { "PER" => 0, "ORG" => 1, "LOC" => 2, _ => 3 };
            bool first = true;
            for (int i = FirstAtOrAfter(e.Span.Start); i < n && t[i].Span.Start < e.Span.End; i++, first = false)
                Entity[i] = (byte)(1 + 2 * type + (first ? 0 : 1));
        }
    }

    public string Text { get; }
    public TextAnalysis Analysis { get; }
    public string[] Lower { get; }
    public bool[] Cue { get; }
    public byte[] Entity { get; }
    public int[] QuoteDepth { get; }

    public int FirstAtOrAfter(int position)
    {
        var t = Analysis.Tokens;
        int lo = 0, hi = t.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (t[mid].Span.End <= position) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}

/// <summary>A sentence's per-token word keys as <see cref="AttributionTagFeatures.Extract"/> hashed them: stems, and clusters when the
/// tagger has them.</summary>
internal readonly record struct SentenceKeys(ulong[] Stem, ulong[]? Cluster);

/// <summary>
/// Feature extraction for <see cref="AttributionTagger"/>: for every token of a sentence, hashed features from the word and its stem, its
/// neighbours within ±2, shape, quotation depth, named-entity tag, and the distance and identity of the nearest lexicon cue on each side.
/// </summary>
internal static class AttributionTagFeatures
{
    // Template ids; changing any of them invalidates trained models.
    private const ulong Bias = 1, Word = 2, Stem = 3, WordM1 = 4, WordP1 = 5, WordM2 = 6, WordP2 = 7, StemM1 = 8, StemP1 = 9,
        BigramLeft = 10, BigramRight = 11, Suffix3 = 12, Suffix2 = 13, Shape = 14, ShapeM1 = 15, ShapeP1 = 16, Kind = 17,
        Quote = 20, QuoteKind = 21, QuoteChange = 22, QuoteM1 = 23, QuoteP1 = 24,
        Entity = 30, EntityM1 = 31, EntityP1 = 32,
        Lex = 40, LexM1 = 41, LexP1 = 42, LeftCue = 43, RightCue = 44, LeftCueWord = 45, RightCueWord = 46, LeftCueComma = 47,
        RightCueComma = 48, LeftCueQuote = 49, RightCueQuote = 50, NoCue = 51,
        First = 60, Last = 61, Position = 62, Commas = 63, SentenceQuote = 64, StartsInQuote = 65, AfterColon = 66, FirstInBlock = 67,
        WordQuote = 68, LeftCueDistWord = 69, PreviousSentence = 70, WordLeftCue = 71, WordRightCue = 72,
        Pass = 90, PassM1 = 91, PassP1 = 92, PassM2 = 93, PassP2 = 94, PassLeftCue = 95, PassRightCue = 96, PassLeftCueWord = 97,
        PassStem = 98, PassSentence = 99, PassBigram = 100,
        Cluster = 110, ClusterM1 = 111, ClusterP1 = 112, ClusterQuote = 113, ClusterBigramLeft = 114, ClusterBigramRight = 115,
        ClusterLeftCue = 116, ClusterRightCue = 117, PassCluster = 118, PassLeftCueCluster = 119;

    private const ulong NoCluster = 0xFFFF;

    private const ulong Boundary = 0xB0B0_B0B0;

    /// <summary>Appends the features of the tokens of sentence <paramref name="sentence"/> of <paramref name="doc"/> (its token i's are
    /// features[offsets[i]..offsets[i + 1])): the word and its stem, neighbours, shape, quotation depth, entity tag and nearest lexicon cues,
    /// plus features of a first tagging pass (<paramref name="firstPass"/>: one tag per token of the sentence, or empty): the roles around
    /// each token and the distance to the nearest tagged cue, which reaches cues no word list holds. With <paramref name="clusters"/>
    /// (normalised word hash → distributional cluster), words share evidence with the words of their cluster, so a cue word PolNeAR's
    /// training articles never mark can still be found ("alarmed" beside "worried"). Returns the sentence's word keys, for
    /// <see cref="AppendWithFirstPass"/>.</summary>
    public static SentenceKeys Extract(AttributionTokens doc, int sentence, List<ulong> features, Span<int> offsets, ReadOnlySpan<int> firstPass,
        IReadOnlyDictionary<ulong, ushort>? clusters)
    {
        var s = doc.Analysis.Sentences[sentence];
        var tokens = doc.Analysis.Tokens;
        int lo = s.FirstToken, hi = Math.Min(tokens.Count, s.FirstToken + s.TokenCount), n = hi - lo;
        var word = new ulong[n];
        var stem = new ulong[n];
        var shape = new ulong[n];
        var leftCue = new int[n];
        var rightCue = new int[n];
        var commas = new int[n];
        var cluster = new ulong[n];
        bool sentenceQuote = false;
        for (int i = 0; i < n; i++)
        {
            var w = doc.Lower[lo + i];
            word[i] = FeatureHash.OfNormalised(w);
            stem[i] = FeatureHash.Of(StemOf(w));
            cluster[i] = clusters is not null && clusters.TryGetValue(word[i], out var c) ? c : NoCluster;
            shape[i] = ShapeOf(tokens[lo + i].Span.Slice(doc.Text), tokens[lo + i].Kind);
            sentenceQuote |= doc.QuoteDepth[lo + i] > 0;
            commas[i] = (i > 0 ? commas[i - 1] : 0) + (w == "," ? 1 : 0);
        }
        for (int i = 0, last = -1; i < n; i++)
        {
            leftCue[i] = last;
            if (doc.Cue[lo + i]) last = i;
        }
        for (int i = n - 1, next = -1; i >= 0; i--)
        {
            rightCue[i] = next;
            if (doc.Cue[lo + i]) next = i;
        }
        bool afterColon = lo > 0 && doc.Lower[lo - 1] == ":";
        bool firstInBlock = sentence == 0 || doc.Analysis.Sentences[sentence - 1].Block != s.Block;
        ulong sentenceFacts = (sentenceQuote ? 1UL : 0) | (s.StartsInsideQuote ? 2UL : 0) | (afterColon ? 4UL : 0) | (firstInBlock ? 8UL : 0);
        // Whether the sentence before (in the same paragraph) has a lexicon cue or ends inside a quotation: reported speech runs on.
        ulong previous = 0;
        if (!firstInBlock)
        {
            var p = doc.Analysis.Sentences[sentence - 1];
            for (int k = p.FirstToken; k < p.FirstToken + p.TokenCount && k < tokens.Count; k++) if (doc.Cue[k]) { previous |= 1; break; }
            if (p.QuoteDepthAtEnd > 0) previous |= 2;
        }

        for (int i = 0; i < n; i++)
        {
            int k = lo + i;
            offsets[i] = features.Count;
            ulong wM1 = i > 0 ? word[i - 1] : Boundary, wP1 = i + 1 < n ? word[i + 1] : Boundary;
            ulong wM2 = i > 1 ? word[i - 2] : Boundary, wP2 = i + 2 < n ? word[i + 2] : Boundary;
            ulong q = doc.QuoteDepth[k] > 0 ? 1UL : 0, qM1 = i > 0 && doc.QuoteDepth[k - 1] > 0 ? 1UL : 0, qP1 = i + 1 < n && doc.QuoteDepth[k + 1] > 0 ? 1UL : 0;
            Add(features, Bias, 0);
            Add(features, Word, word[i]);
            Add(features, Stem, stem[i]);
            Add(features, WordM1, wM1);
            Add(features, WordP1, wP1);
            Add(features, WordM2, wM2);
            Add(features, WordP2, wP2);
            Add(features, StemM1, i > 0 ? stem[i - 1] : Boundary);
            Add(features, StemP1, i + 1 < n ? stem[i + 1] : Boundary);
            Add(features, BigramLeft, FeatureHash.Combine(wM1, word[i]));
            Add(features, BigramRight, FeatureHash.Combine(word[i], wP1));
            var lw = doc.Lower[k];
            if (lw.Length > 3)
            {
                Add(features, Suffix3, FeatureHash.Of(lw.AsSpan(lw.Length - 3)));
                Add(features, Suffix2, FeatureHash.Of(lw.AsSpan(lw.Length - 2)));
            }
            Add(features, Shape, shape[i]);
            Add(features, ShapeM1, i > 0 ? shape[i - 1] : Boundary);
            Add(features, ShapeP1, i + 1 < n ? shape[i + 1] : Boundary);
            Add(features, Kind, (ulong)tokens[k].Kind);
            Add(features, Quote, q);
            Add(features, QuoteKind, FeatureHash.Combine(q, (ulong)tokens[k].Kind));
            Add(features, QuoteChange, q * 4 + qM1 * 2 + qP1);
            Add(features, QuoteM1, qM1);
            Add(features, QuoteP1, qP1);
            Add(features, WordQuote, FeatureHash.Combine(word[i], q));
            Add(features, Entity, doc.Entity[k]);
            Add(features, EntityM1, i > 0 ? doc.Entity[k - 1] : 99UL);
            Add(features, EntityP1, i + 1 < n ? doc.Entity[k + 1] : 99UL);
            bool lex = doc.Cue[k];
            Add(features, Lex, FeatureHash.Combine(lex ? 1UL : 0, q));
            Add(features, LexM1, i > 0 && doc.Cue[k - 1] ? 1UL : 0);
            Add(features, LexP1, i + 1 < n && doc.Cue[k + 1] ? 1UL : 0);
            if (leftCue[i] >= 0)
            {
                int j = leftCue[i];
                ulong d = Bucket(i - j);
                Add(features, LeftCue, FeatureHash.Combine(d, q));
                Add(features, LeftCueWord, stem[j]);
                Add(features, LeftCueDistWord, FeatureHash.Combine(d, stem[j]));
                Add(features, LeftCueComma, FeatureHash.Combine(d, (ulong)Math.Min(2, commas[i] - commas[j])));
                Add(features, LeftCueQuote, FeatureHash.Combine(d, q, doc.QuoteDepth[lo + j] > 0 ? 1UL : 0));
                if (i - j <= 3) Add(features, WordLeftCue, FeatureHash.Combine(word[i], (ulong)(i - j)));
            }
            if (rightCue[i] >= 0)
            {
                int j = rightCue[i];
                ulong d = Bucket(j - i);
                Add(features, RightCue, FeatureHash.Combine(d, q));
                Add(features, RightCueWord, stem[j]);
                Add(features, RightCueComma, FeatureHash.Combine(d, (ulong)Math.Min(2, commas[j] - commas[i])));
                Add(features, RightCueQuote, FeatureHash.Combine(d, q, doc.QuoteDepth[lo + j] > 0 ? 1UL : 0));
                if (j - i <= 3) Add(features, WordRightCue, FeatureHash.Combine(word[i], (ulong)(j - i)));
            }
            if (leftCue[i] < 0 && rightCue[i] < 0 && !lex) Add(features, NoCue, FeatureHash.Combine(q, sentenceFacts));
            if (i == 0) Add(features, First, sentenceFacts);
            Add(features, PreviousSentence, FeatureHash.Combine(previous, q, Bucket(i)));
            if (i == n - 1) Add(features, Last, shape[i]);
            Add(features, Position, (ulong)(10 * i / Math.Max(1, n)));
            Add(features, Commas, FeatureHash.Combine((ulong)Math.Min(3, commas[i]), q));
            if (sentenceQuote) Add(features, SentenceQuote, q);
            if (s.StartsInsideQuote) Add(features, StartsInQuote, q);
            if (afterColon) Add(features, AfterColon, q);
            if (firstInBlock) Add(features, FirstInBlock, Bucket(i));
            if (clusters is not null)
            {
                ulong cM1 = i > 0 ? cluster[i - 1] : Boundary, cP1 = i + 1 < n ? cluster[i + 1] : Boundary;
                Add(features, Cluster, cluster[i]);
                Add(features, ClusterM1, cM1);
                Add(features, ClusterP1, cP1);
                Add(features, ClusterQuote, FeatureHash.Combine(cluster[i], q));
                Add(features, ClusterBigramLeft, FeatureHash.Combine(cM1, cluster[i]));
                Add(features, ClusterBigramRight, FeatureHash.Combine(cluster[i], cP1));
                if (leftCue[i] >= 0) Add(features, ClusterLeftCue, FeatureHash.Combine(cluster[i], Bucket(i - leftCue[i])));
                if (rightCue[i] >= 0) Add(features, ClusterRightCue, FeatureHash.Combine(cluster[i], Bucket(rightCue[i] - i)));
            }
            if (!firstPass.IsEmpty) AddFirstPass(features, firstPass, i, q, stem, clusters is null ? null : cluster);
        }
        offsets[n] = features.Count;
        return new SentenceKeys(stem, clusters is null ? null : cluster);
    }

    /// <summary>The features <see cref="Extract"/> gives with <paramref name="firstPass"/>, built from what it gave for the same sentence
    /// and clusters without the first pass (<paramref name="plain"/>, <paramref name="plainOffsets"/> and <paramref name="keys"/>): each
    /// token's plain features, then its first-pass ones, as there; the second pass so skips hashing the sentence again.</summary>
    public static void AppendWithFirstPass(AttributionTokens doc, int sentence, SentenceKeys keys, ReadOnlySpan<ulong> plain, ReadOnlySpan<int> plainOffsets,
        ReadOnlySpan<int> firstPass, List<ulong> features, Span<int> offsets)
    {
        int lo = doc.Analysis.Sentences[sentence].FirstToken, n = keys.Stem.Length;
        for (int i = 0; i < n; i++)
        {
            offsets[i] = features.Count;
            features.AddRange(plain[plainOffsets[i]..plainOffsets[i + 1]]);
            AddFirstPass(features, firstPass, i, doc.QuoteDepth[lo + i] > 0 ? 1UL : 0, keys.Stem, keys.Cluster);
        }
        offsets[n] = features.Count;
    }

    private static void AddFirstPass(List<ulong> features, ReadOnlySpan<int> pass, int i, ulong q, ulong[] stem, ulong[]? cluster)
    {
        int n = pass.Length;
        static ulong Tag(ReadOnlySpan<int> pass, int k) => k >= 0 && k < pass.Length ? (ulong)pass[k] : 99UL;
        Add(features, Pass, Tag(pass, i));
        Add(features, PassM1, Tag(pass, i - 1));
        Add(features, PassP1, Tag(pass, i + 1));
        Add(features, PassM2, Tag(pass, i - 2));
        Add(features, PassP2, Tag(pass, i + 2));
        Add(features, PassBigram, FeatureHash.Combine(Tag(pass, i - 1), Tag(pass, i), Tag(pass, i + 1)));
        Add(features, PassStem, FeatureHash.Combine(Tag(pass, i), stem[i]));
        const int cue = 1;   // role index of the cue (B-/I- tags 3 and 4)
        int left = -1, right = -1;
        for (int k = i - 1; k >= 0; k--) if (Viterbi.TypeOf(pass[k]) == cue) { left = k; break; }
        for (int k = i + 1; k < n; k++) if (Viterbi.TypeOf(pass[k]) == cue) { right = k; break; }
        if (cluster is not null) Add(features, PassCluster, FeatureHash.Combine(Tag(pass, i), cluster[i]));
        if (left >= 0)
        {
            Add(features, PassLeftCue, FeatureHash.Combine(Bucket(i - left), q));
            Add(features, PassLeftCueWord, FeatureHash.Combine(Bucket(i - left), stem[left]));
            if (cluster is not null) Add(features, PassLeftCueCluster, FeatureHash.Combine(Bucket(i - left), cluster[left]));
        }
        if (right >= 0) Add(features, PassRightCue, FeatureHash.Combine(Bucket(right - i), q));
        if (left < 0 && right < 0) Add(features, PassSentence, q);
    }

    private static void Add(List<ulong> features, ulong template, ulong value) => features.Add(FeatureHash.Combine(template, value));

    private static ulong Bucket(int distance) => distance switch { <= 3 => (ulong)distance, <= 5 => 4, <= 8 => 5, <= 12 => 6, <= 20 => 7, _ => 8 };

    private static ulong ShapeOf(ReadOnlySpan<char> token, TokenKind kind)
    {
        if (kind is not (TokenKind.Word or TokenKind.Abbreviation)) return 100 + (ulong)kind;
        bool upperFirst = token.Length > 0 && char.IsUpper(token[0]);
        bool allUpper = true;
        foreach (var c in token) if (char.IsLetter(c) && !char.IsUpper(c)) { allUpper = false; break; }
        return allUpper && token.Length > 1 ? 3UL : upperFirst ? 2UL : 1UL;
    }

    /// <summary>A crude English stem ("endorsed", "endorses", "endorsing" → "endors") so inflections share weights.</summary>
    internal static string StemOf(string lower)
    {
        var w = lower.EndsWith("'s", StringComparison.Ordinal) ? lower[..^2] : lower;
        if (w.Length > 5 && w.EndsWith("ing", StringComparison.Ordinal)) return w[..^3];
        if (w.Length > 4 && w.EndsWith("ied", StringComparison.Ordinal)) return w[..^3] + "y";
        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal)) return w[..^3] + "y";
        if (w.Length > 4 && w.EndsWith("ed", StringComparison.Ordinal)) return w[..^2];
        if (w.Length > 4 && w.EndsWith("es", StringComparison.Ordinal)) return w[..^2];
        if (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal)) return w[..^1];
        if (w.Length > 4 && w.EndsWith('e')) return w[..^1];
        return w;
    }
}
