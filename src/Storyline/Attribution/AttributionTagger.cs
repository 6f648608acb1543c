using System.IO.Compression;
using System.Runtime.InteropServices;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Learning;
using Storyline.Text;

namespace Storyline.Attribution;

/// <summary>
/// Learned attribution finder: an averaged structured perceptron that tags each sentence's tokens as source, cue or content (IOB2), trained
/// on PolNeAR by the bench's <c>attribution-train</c> command and embedded in this assembly. It generalises past the rule lexicon to the
/// stance and action verbs PolNeAR annotates ("has been critical of", "laid out"); <see cref="TaggedAttributionExtractor"/> merges what it
/// finds with the rules' finds. A second pass, trained on the first pass's tags, refines them. Thread-safe.
/// </summary>
public sealed class AttributionTagger : IAttributionExtractor, IAttributionTagger
{
    private static readonly byte[] Magic = "SLATT"u8.ToArray();
    private const int Version = 3;
    private const string ResourceName = "Storyline.Attribution.Model.attribution.bin";
    private static readonly Lazy<AttributionTagger?> DefaultModel = new(() => HasEmbeddedModel ? LoadEmbedded() : null);

    /// <summary>The roles a token can have, in tag order after O (B-, I- for each).</summary>
    internal enum Role { Source = 0, Cue = 1, Content = 2 }

    /// <summary>Number of tags: O, then B-/I- for source, cue and content.</summary>
    internal const int TagCount = 7;

    private readonly LinearSequenceModel _model;
    private readonly LinearSequenceModel? _second;
    private readonly Dictionary<ulong, ushort>? _clusters;

    /// <summary>A tagger of one pass, or two when <paramref name="second"/> (trained on the first pass's tags as features) is given; with
    /// <paramref name="clusters"/> (normalised word hash → word cluster) its features include each word's cluster.</summary>
    internal AttributionTagger(LinearSequenceModel model, LinearSequenceModel? second = null, Dictionary<ulong, ushort>? clusters = null)
    {
        // One table of both passes' features: the second pass mostly looks up the first's features again.
        (_model, _second) = second is null ? (model, null) : LinearSequenceModel.Share(model, second);
        _clusters = clusters;
    }

    /// <summary>The model embedded in the Storyline assembly, or null when none is embedded.</summary>
    public static AttributionTagger? Default => DefaultModel.Value;

    /// <summary>True when the assembly carries a trained model.</summary>
    public static bool HasEmbeddedModel => typeof(AttributionTagger).Assembly.GetManifestResourceInfo(ResourceName) is not null;

    /// <summary>Number of weighted features in the model.</summary>
    public int FeatureCount => _model.FeatureCount + (_second?.FeatureCount ?? 0);

    internal static int Begin(Role role) => 1 + 2 * (int)role;

    internal static int Inside(Role role) => 2 + 2 * (int)role;

    /// <summary>The attributions the model finds, sentence by sentence, in order of content start (none nested, no questions).</summary>
    public IReadOnlyList<Attribution> Extract(string text, TextAnalysis analysis, IReadOnlyList<NamedEntity> entities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(analysis);
        return Extract(new AttributionTokens(text, analysis, entities ?? []), cancellationToken);
    }

    /// <summary>The attributions the model finds in a text whose token facts are already built.</summary>
    internal IReadOnlyList<Attribution> Extract(AttributionTokens doc, CancellationToken cancellationToken)
    {
        var analysis = doc.Analysis;
        var result = new List<Attribution>();
        var features = new List<ulong>();
        for (int s = 0; s < analysis.Sentences.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tags = TagSentence(doc, s, features, cancellationToken);
            result.AddRange(ToAttributions(doc, analysis.Sentences[s].FirstToken, tags));
        }
        return result;
    }

    /// <inheritdoc cref="IAttributionTagger.Extract"/>
    IReadOnlyList<Attribution> IAttributionTagger.Extract(AttributionTokens doc, CancellationToken cancellationToken) => Extract(doc, cancellationToken);

    /// <summary>The tags of sentence <paramref name="sentence"/>'s tokens.</summary>
    internal int[] TagSentence(AttributionTokens doc, int sentence, List<ulong> features, CancellationToken cancellationToken)
    {
        var s = doc.Analysis.Sentences[sentence];
        int n = Math.Min(doc.Analysis.Tokens.Count, s.FirstToken + s.TokenCount) - s.FirstToken;
        if (n <= 0) return [];
        features.Clear();
        var offsets = new int[n + 1];
        var keys = AttributionTagFeatures.Extract(doc, sentence, features, offsets, [], _clusters);
        var first = _model.Predict(CollectionsMarshal.AsSpan(features), offsets, n, cancellationToken);
        if (_second is null) return first;
        var second = new List<ulong>(features.Count + n * 12);
        var secondOffsets = new int[n + 1];
        AttributionTagFeatures.AppendWithFirstPass(doc, sentence, keys, CollectionsMarshal.AsSpan(features), offsets, first, second, secondOffsets);
        return _second.Predict(CollectionsMarshal.AsSpan(second), secondOffsets, n, cancellationToken);
    }

    /// <summary>Groups a sentence's tagged spans into attributions: every cue takes the contents and the source nearest to it; contents and
    /// sources with no cue in the sentence are dropped (PolNeAR marks a cue in nearly every attribution).</summary>
    internal static List<Attribution> ToAttributions(AttributionTokens doc, int first, ReadOnlySpan<int> tags)
    {
        var spans = new List<(Role Role, int Start, int End)>();   // token indices, End exclusive
        for (int i = 0; i < tags.Length;)
        {
            if (tags[i] == 0) { i++; continue; }
            var role = (Role)Viterbi.TypeOf(tags[i]);
            int j = i + 1;
            while (j < tags.Length && Viterbi.IsInside(tags[j]) && (Role)Viterbi.TypeOf(tags[j]) == role) j++;
            spans.Add((role, first + i, first + j));
            i = j;
        }
        var cues = spans.Where(x => x.Role == Role.Cue).ToList();
        if (cues.Count == 0) return [];
        var contents = cues.Select(_ => new List<(int Start, int End)>()).ToList();
        var sources = new (int Start, int End)?[cues.Count];
        var sourceGaps = new int[cues.Count];
        foreach (var span in spans)
        {
            if (span.Role == Role.Cue) continue;
            int best = 0, bestGap = int.MaxValue;
            for (int c = 0; c < cues.Count; c++)
            {
                int gap = span.End <= cues[c].Start ? cues[c].Start - span.End : span.Start - cues[c].End;
                if (gap < bestGap) { bestGap = gap; best = c; }
            }
            if (span.Role == Role.Content) contents[best].Add((span.Start, span.End));
            // "In its tweet, the campaign said …": a phrase that opens on a preposition of place or medium is where it was said, not who.
            // "Vice President Biden, Rubio said, had …": of two sources before the cue, one set off by a comma right before it speaks; the
            // other is the fronted subject of what was said.
            else if ((sources[best] is null || (bestGap < sourceGaps[best] && IsInterjectedSource(doc, span.Start, span.End, cues[best].Start, sources[best]!.Value.End)))
                && !SettingPrepositions.Contains(doc.Lower[span.Start]))
            {
                sources[best] = (span.Start, span.End);
                sourceGaps[best] = bestGap;
            }
        }
        var tokens = doc.Analysis.Tokens;
        // "Beijing rejected the claims, saying …", "… denied it and said …": a cue with no source of its own shares the one before it.
        for (int c = 1; c < cues.Count; c++)
        {
            if (sources[c] is not null || sources[c - 1] is null) continue;
            int k = cues[c].Start;
            bool participle = doc.Lower[k].EndsWith("ing", StringComparison.Ordinal);
            // "… and residents said": a cue that opens on a noun has a subject of its own, folded into the cue by the tagger.
            bool coordinated = k > 0 && doc.Lower[k - 1] is "and" or "but" && (doc.Cue[k] || doc.Lower[k].EndsWith("ed", StringComparison.Ordinal));
            if (participle || coordinated) sources[c] = sources[c - 1];
        }
        TextSpan Range(int start, int end) => TextSpan.FromBounds(tokens[start].Span.Start, tokens[end - 1].Span.End);
        var result = new List<Attribution>();
        for (int c = 0; c < cues.Count; c++)
        {
            var parts = contents[c].Select(p => Trim(doc, p.Start, p.End)).Where(p => p.End > p.Start).ToList();
            // "Beijing has blamed …, and analysts said the US …": with content on both sides of the cue, an unquoted part before the
            // source belongs to another statement (a quote split around its cue, "“…,” he said, “…”", keeps both halves).
            if (parts.Any(p => p.Start >= cues[c].End) && sources[c] is { } own)
                parts.RemoveAll(p => p.End <= own.Start && p.End <= cues[c].Start && doc.QuoteDepth[p.Start] == 0 && doc.Analysis.Tokens[p.Start].Kind != TokenKind.OpenQuote);
            if (parts.Count == 0 || !IsCueLike(doc, cues[c].Start, cues[c].End)) continue;
            if (IsPassiveParticiple(doc, cues[c].Start, cues[c].End, sources[c] is { } before && before.End <= cues[c].Start)) continue;
            // "Peacekeepers have been blamed for introducing cholera": the subject of a passive cue is what is claimed about, part of
            // the content, not a speaker (PolNeAR reads "X is expected to …" the same way).
            if (sources[c] is { } subject && subject.End <= cues[c].Start && HasPassive(doc.Lower, cues[c].Start, cues[c].End))
            {
                var part = Trim(doc, subject.Start, subject.End);
                if (part.End > part.Start) parts.Insert(0, part);
                sources[c] = null;
            }
            // "Editor's note: …" is a run-in heading the tagger can read as source and cue.
            if (sources[c] is { } heading && heading.End == cues[c].Start
                && CueLexicon.HeadingLabels.Contains(doc.Text[tokens[heading.Start].Span.Start..tokens[cues[c].End - 1].Span.End])) continue;
            int quoted = 0, words = 0, lastWord = -1;
            foreach (var (start, end) in parts)
                for (int k = start; k < end; k++)
                {
                    if (tokens[k].Kind is not (TokenKind.Word or TokenKind.Number or TokenKind.Abbreviation)) continue;
                    words++;
                    lastWord = k;
                    if (doc.QuoteDepth[k] > 0) quoted++;
                }
            // A content of punctuation alone is a stray tag; one word is often the whole stance ("endorsed Cruz", "supported her"), but a
            // lone question word is a heading's ("Who Thinks What").
            if (words < 1 || (words == 1 && QuestionWords.Contains(doc.Lower[lastWord]))) continue;
            var kind = quoted == words ? AttributionKind.Direct : quoted > 0 ? AttributionKind.Mixed : AttributionKind.Indirect;
            result.Add(new Attribution(
                AttributionContent.Of(parts.Select(p => Range(p.Start, p.End))),
                Range(cues[c].Start, cues[c].End),
                sources[c] is { } src ? Range(src.Start, src.End) : null,
                kind));
        }
        return result;
    }

    // "X, Rubio said": the source opens right after a comma that closes the earlier source's phrase, and the cue follows it.
    private static bool IsInterjectedSource(AttributionTokens doc, int start, int end, int cue, int earlierEnd) =>
        start >= 1 && earlierEnd <= start - 1 && doc.Lower[start - 1] == "," && end <= cue && cue - end <= 2;

    // Cues that are passives, whose subject says nothing: "a former police chief alleged to have been responsible" (see
    // CueLexicon.IsRaisingPassive), "The sanctions announced by the US named …" (the agent follows the participle) and "assets must be
    // blocked and reported to the Office …" (no source: the content is where the thing went, not a statement).
    private static bool IsPassiveParticiple(AttributionTokens doc, int start, int end, bool sourceBefore)
    {
        int last = end - 1;
        var lower = doc.Lower;
        if (CueLexicon.IsRaisingPassive(lower, last)) return true;
        if (!lower[last].EndsWith("ed", StringComparison.Ordinal) && lower[last] is not "to") return false;
        if (sourceBefore && end < lower.Length && lower[end] == "by" && lower[last].EndsWith("ed", StringComparison.Ordinal)) return true;
        if (sourceBefore || !lower[start].EndsWith("ed", StringComparison.Ordinal)) return false;
        int k = start - 1;
        while (k >= 0 && (lower[k].EndsWith("ly", StringComparison.Ordinal) || lower[k] is "not" or "also")) k--;
        if (k >= 0 && CueLexicon.IsBe(lower[k])) return true;
        // "be blocked and reported to": the coordinated participle shares the first one's passive.
        return k >= 2 && lower[k] is "and" or "or" && lower[k - 1].EndsWith("ed", StringComparison.Ordinal) && CueLexicon.IsBe(lower[k - 2]);
    }

    // "have been charged with", "were fired for", "is observed as": a form of "be" and a participle inside the cue make its subject the
    // one acted on, not a speaker (a state the subject is in, "was alarmed", "is convinced", still reports one).
    internal static bool HasPassive(string[] lower, int start, int end)
    {
        for (int k = start; k < end - 1; k++)
        {
            if (!CueLexicon.IsBe(lower[k])) continue;
            int j = k + 1;
            while (j < end && (lower[j].EndsWith("ly", StringComparison.Ordinal) || lower[j] is "not" or "also" or "never")) j++;
            if (j < end && lower[j].Length > 4 && lower[j].EndsWith("ed", StringComparison.Ordinal) && !StateParticiples.Contains(lower[j])) return true;
        }
        return false;
    }

    private static readonly HashSet<string> StateParticiples = new(StringComparer.Ordinal)
    {
        "concerned", "worried", "alarmed", "convinced", "pleased", "disappointed", "frustrated", "surprised", "shocked", "outraged",
        "interested", "committed", "opposed", "determined", "dismayed", "troubled", "encouraged", "excited", "satisfied", "delighted",
        "thrilled", "angered", "annoyed", "puzzled", "confused", "baffled", "embarrassed", "horrified", "terrified", "scared",
        "unconvinced", "prepared", "inclined", "quoted", "tired", "focused", "impressed", "unimpressed", "relieved", "heartened",
        "saddened", "disgusted", "appalled", "offended", "incensed", "infuriated", "energized", "divided", "united", "split",
        "agreed", "dissatisfied", "displeased", "unmoved", "undeterred", "unfazed", "uninterested", "unconcerned", "skeptical",
    };

    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal)
    {
        "what", "who", "whom", "how", "why", "when", "where", "whether",
    };

    private static readonly HashSet<string> SettingPrepositions = new(StringComparer.Ordinal)
    {
        "in", "on", "at", "during", "through", "via", "throughout", "within", "under", "over", "into",
    };

    // A cue has a word that can report: not only numbers or quantity words ("three other officials").
    private static bool IsCueLike(AttributionTokens doc, int start, int end)
    {
        for (int k = start; k < end; k++)
            if (doc.Analysis.Tokens[k].Kind == TokenKind.Word && !NotCues.Contains(doc.Lower[k])) return true;
        return false;
    }

    private static readonly HashSet<string> NotCues = new(StringComparer.Ordinal)
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands", "millions",
        "several", "many", "some", "few", "the", "a", "an", "of", "and", "or",
    };

    // Edge punctuation other than quotation marks is not part of what was said.
    private static (int Start, int End) Trim(AttributionTokens doc, int start, int end)
    {
        var t = doc.Analysis.Tokens;
        while (start < end && t[start].Kind is TokenKind.Punctuation or TokenKind.Dash) start++;
        while (end > start && t[end - 1].Kind is TokenKind.Punctuation or TokenKind.Dash) end--;
        return (start, end);
    }

    /// <summary>Writes the model, Brotli-compressed, to <paramref name="stream"/> (left open).</summary>
    public void Save(Stream stream)
    {
        using var brotli = new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(brotli);
        w.Write(Magic);
        w.Write(Version);
        w.Write(TagCount);
        _model.WriteTransitions(w);
        _model.WriteRows(w);
        w.Write(_second is not null);
        _second?.WriteTransitions(w);
        _second?.WriteRows(w);
        w.Write(_clusters?.Count ?? 0);
        if (_clusters is not null)
            foreach (var (key, cluster) in _clusters.OrderBy(kv => kv.Key))
            {
                w.Write(key);
                w.Write(cluster);
            }
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    public static AttributionTagger Load(Stream stream)
    {
        try
        {
            using var brotli = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var r = new BinaryReader(new BufferedStream(brotli, 1 << 16));
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException("not a Storyline attribution model");
            // Version 2 models carry no word clusters.
            int version = r.ReadInt32();
            if (version is not (2 or Version)) throw new InvalidDataException($"attribution model version {version} is not supported");
            int t = r.ReadInt32();
            if (t != TagCount) throw new InvalidDataException($"model has {t} tags, expected {TagCount}");
            var first = LinearSequenceModel.ReadRows(r, t, LinearSequenceModel.ReadTransitions(r, t));
            var second = r.ReadBoolean() ? LinearSequenceModel.ReadRows(r, t, LinearSequenceModel.ReadTransitions(r, t)) : null;
            Dictionary<ulong, ushort>? clusters = null;
            if (version >= 3)
            {
                int count = r.ReadInt32();
                if (count < 0) throw new InvalidDataException("negative cluster count");
                if (count > 0) clusters = new Dictionary<ulong, ushort>(count);
                for (int i = 0; i < count; i++) clusters![r.ReadUInt64()] = r.ReadUInt16();
            }
            return new AttributionTagger(first, second, clusters);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("truncated attribution model", e);
        }
    }

    /// <summary>Loads the model embedded in the Storyline assembly.</summary>
    public static AttributionTagger LoadEmbedded()
    {
        using var stream = typeof(AttributionTagger).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("no attribution model is embedded; train one with the bench's attribution-train command");
        return Load(stream);
    }
}
