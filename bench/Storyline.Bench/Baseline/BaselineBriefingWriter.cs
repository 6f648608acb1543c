using Storyline.Documents;
using Storyline.Stories;
using Storyline.Text;

using Storyline.Briefing;

namespace Storyline.Bench.Baseline;

// The extractive writer as it was before issue 12 (commit 308468d), kept in the bench only so that `brief` and `summarize` can time and
// score the old and the new selection in the same run. Not product code.

/// <summary>Options of the pre-issue-12 writer.</summary>
/// <param name="ExecutiveBullets">Bullets in the executive summary.</param>
/// <param name="BackgroundItems">Most items in "The Story So Far".</param>
/// <param name="StakesSentences">Most sentences in "Why This Matters".</param>
/// <param name="SectionSentences">Most sentences per body section.</param>
/// <param name="Redundancy">A candidate sharing this much of its content words (Jaccard) with a chosen sentence is left out.</param>
/// <param name="DevelopmentSections">Most body sections, one per development, the most recent first: a story of hundreds of developments
/// is not briefed section by section (and each section's sentences are checked against every sentence chosen before them).</param>
public sealed record BaselineBriefingOptions(int ExecutiveBullets = 3, int BackgroundItems = 6, int StakesSentences = 3, int SectionSentences = 4, double Redundancy = 0.45, int DevelopmentSections = 12);

/// <summary>The default, deterministic briefing writer: it selects, orders and cites source sentences (no generation, no network).
/// A sentence is eligible only if it can stand alone and says who claims what when it reports a claim: sentences inside or made of
/// quotations without a reporting verb, transcript answers, questions and sentences opening with a pronoun are left to the
/// attribution-aware parts of the briefing.</summary>
public sealed class BaselineBriefingWriter(BaselineBriefingOptions? options = null) : IBriefingWriter
{
    private readonly BaselineBriefingOptions _options = options ?? new BaselineBriefingOptions();

    private sealed record Candidate(AnalysedDocument Doc, Sentence Sentence, int Ordinal, string Text, HashSet<string> Words, float Centrality)
    {
        public Citation Citation => new(Doc.Document.Id, Sentence.Span);
    }

    /// <inheritdoc />
    public Task<StoryBriefing> WriteAsync(long storyId, IReadOnlyList<AnalysedDocument> documents, IReadOnlyList<Statement> statements, CancellationToken cancellationToken = default) =>
        Task.FromResult(Write(storyId, documents, statements, cancellationToken));

    /// <summary>Writes the briefing of a story from its analysed documents and the statements attributed in them.</summary>
    public StoryBriefing Write(long storyId, IReadOnlyList<AnalysedDocument> documents, IReadOnlyList<Statement> statements, CancellationToken cancellationToken = default) =>
        Write(storyId, documents, statements, timeline: null, cancellationToken);

    /// <summary>Writes the briefing reusing <paramref name="timeline"/>, the caller's <see cref="TimelineBuilder"/> timeline of exactly <paramref name="documents"/> (or null).</summary>
    public StoryBriefing Write(long storyId, IReadOnlyList<AnalysedDocument> documents, IReadOnlyList<Statement> statements, IReadOnlyList<TimelineEvent>? timeline,
        CancellationToken cancellationToken = default)
    {
        if (documents.Count == 0) throw new ArgumentException("a story has at least one document", nameof(documents));
        var originals = documents.Where(d => d.Document.DuplicateOf is null).ToList();
        if (originals.Count == 0) originals = [.. documents];
        // The background reads the timeline of the originals: the caller's is that one only when the story holds no near-duplicates.
        if (originals.Count != documents.Count) timeline = null;
        var candidates = Candidates(originals, statements, cancellationToken);

        // The latest development: the one holding the most recent document.
        var latestDoc = originals.MaxBy(d => (d.SortDate, d.Document.Id))!;
        var latest = candidates.Where(c => c.Doc.Development == latestDoc.Development).ToList();
        var chosen = new List<Candidate>();

        var headline = latestDoc.Document.Content.Metadata.Title ?? "Latest coverage";
        var lead = latest.Where(c => c.Doc == latestDoc).OrderBy(c => c.Ordinal).FirstOrDefault() ?? latest.FirstOrDefault() ?? candidates.FirstOrDefault();
        // With nothing eligible, the latest document's first sentence is the summary: still cited, never uncited.
        var first = latestDoc.Analysis.Sentences.Count > 0 ? latestDoc.Analysis.Sentences[0] : null;
        var summary = lead is not null ? Cite(lead)
            : first is not null ? new BriefingSentence(first.Span.Slice(latestDoc.Text), [new Citation(latestDoc.Document.Id, first.Span)])
            : new BriefingSentence(latestDoc.Text, [new Citation(latestDoc.Document.Id, new TextSpan(0, latestDoc.Text.Length))]);
        if (lead is not null) chosen.Add(lead);

        var sections = new List<BriefingSection>
        {
            new(SectionTitles.ExecutiveSummary, [.. Pick(latest.OrderByDescending(Score), _options.ExecutiveBullets, chosen).Select(Cite)], Bulleted: true),
            new(SectionTitles.StorySoFar, Background(originals, candidates, latestDoc, chosen, timeline, cancellationToken), Bulleted: true),
            new(SectionTitles.WhyThisMatters, [.. Pick(candidates.Where(c => StakesScore(c.Text) > 0).OrderByDescending(c => StakesScore(c.Text) + c.Centrality + (c.Doc.Development == latestDoc.Development ? 0.2f : 0)),
                _options.StakesSentences, chosen).Select(Cite)], Bulleted: false),
            new(SectionTitles.WhoThinksWhat, WhoThinksWhat(statements, originals), Bulleted: true),
        };
        sections.AddRange(Developments(originals, candidates, chosen));
        var sources = documents.ToDictionary(d => d.Document.Id, d => new SourceInfo(d.Document.Id,
            d.Document.Content.Metadata.Title ?? Path.GetFileName(d.Document.InputName), d.Document.Content.Metadata.Publisher,
            d.Document.Content.Metadata.Published?.Value, d.Document.Content.Metadata.Published?.IsEstimate ?? false, d.Document.Url, d.Text,
            d.Document.Content.Metadata.Published?.Granularity ?? Time.TimeGranularity.Day));
        return new StoryBriefing(storyId, headline, summary, sections, sources);
    }

    private List<Candidate> Candidates(IReadOnlyList<AnalysedDocument> documents, IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
    {
        var claims = statements.ToLookup(s => s.Citation.DocumentId);
        var vectorizer = new TermVectorizer(new TermVectorizerOptions(MaxTerms: 400), BackgroundFrequencies.Default);
        var termsByDoc = documents.ToDictionary(d => d, d => vectorizer.Terms(d.Document.Content.Metadata.Title, d.Text));
        foreach (var terms in termsByDoc.Values) vectorizer.Observe(terms);
        // Centrality against the whole story: what most of the coverage is about.
        var storyTerms = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var terms in termsByDoc.Values)
            foreach (var (term, weight) in terms) storyTerms[term] = storyTerms.GetValueOrDefault(term) + weight;
        var storyVector = vectorizer.Vectorize(storyTerms);
        var candidates = new List<Candidate>();
        foreach (var doc in documents)
        {
            int ordinal = 0;
            foreach (var sentence in doc.Analysis.Sentences)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = sentence.Span.Slice(doc.Text).Trim();
                if (!IsEligible(doc, sentence, text) || IsUnattributedClaim(claims[doc.Document.Id], sentence.Span)) continue;
                var vector = vectorizer.Vectorize(vectorizer.Terms(null, text));
                candidates.Add(new Candidate(doc, sentence, ordinal++, text, TimelineBuilder.ContentWords(text), vector.Dot(storyVector)));
            }
        }
        return candidates;
    }

    private static readonly string[] Cues =
    [
        " said", " says", " told", " added", " according to", " stated", " announced", " denied", " denies", " claimed", " claims", " insisted",
        " warned", " urged", " argued", " asserted", " acknowledged", " noted", " reported", " wrote", " accused", " rejected", " condemned", " vowed",
    ];

    /// <summary>True when the sentence can stand alone in a briefing without stating someone's claim as fact.</summary>
    internal static bool IsEligible(AnalysedDocument doc, Sentence sentence, string text)
    {
        var block = doc.Document.Content.Blocks.ElementAtOrDefault(sentence.Block);
        if (block is null || block.Kind == BlockKind.Heading) return false;
        if (doc.InTranscriptTurn(sentence.Block)) return false; // transcript turns are statements, not narration
        if (text.Length < 40 || text.EndsWith('?') || sentence.StartsInsideQuote || sentence.QuoteDepthAtEnd > 0) return false;
        var first = text.Split(' ', 2)[0].Trim('“', '"', '‘');
        if (first is "He" or "She" or "They" or "It" or "This" or "These" or "Those" or "That" or "But" or "And" or "However," or "Otherwise,") return false;
        var hasQuote = text.AsSpan().IndexOfAny("“”\"‘") >= 0;
        var hasCue = Cues.Any(c => text.Contains(c, StringComparison.OrdinalIgnoreCase));
        // A quotation is only usable with its speaker in the same sentence.
        return !hasQuote || hasCue;
    }

    /// <summary>True when the sentence carries a claim the attribution stage found but does not itself name who makes it
    /// (the speaker was named in an earlier sentence): stating it alone would state the claim as fact.</summary>
    internal static bool IsUnattributedClaim(IEnumerable<Statement> claims, Documents.TextSpan sentence) =>
        claims.Any(c => c.Citation.Span.Overlaps(sentence) && (c.Source is not { } source || !(sentence.Start <= source.Span.Start && source.Span.End <= sentence.End)));

    private static float Score(Candidate c) => c.Centrality + (c.Ordinal < 3 ? 0.15f * (3 - c.Ordinal) : 0);

    private static readonly string[] StakesCues =
    [
        "impact", "consequence", "likely to", "expected to", "could ", "would ", "strain", "significant", "first time", "risk", "threat",
        "pressure", "undermine", "escalat", "retaliat", "sensitive", "unprecedented", "major", "crucial", "affect", "hurt", "cost",
    ];

    internal static float StakesScore(string text)
    {
        float score = 0;
        foreach (var cue in StakesCues) if (text.Contains(cue, StringComparison.OrdinalIgnoreCase)) score += 0.25f;
        return score;
    }

    private List<Candidate> Pick(IEnumerable<Candidate> ranked, int count, List<Candidate> chosen)
    {
        var picked = new List<Candidate>();
        foreach (var c in ranked)
        {
            if (picked.Count >= count) break;
            if (IsRedundant(c, chosen)) continue;
            picked.Add(c);
            chosen.Add(c);
        }
        return picked;
    }

    // Jaccard is at most the ratio of the smaller set to the larger: a cheap test first, as this runs against every sentence chosen so far.
    private bool IsRedundant(Candidate c, List<Candidate> chosen) => chosen.Any(o => ReferenceEquals(o, c)
        || (Math.Min(o.Words.Count, c.Words.Count) >= _options.Redundancy * Math.Max(o.Words.Count, c.Words.Count) && TimelineBuilder.Jaccard(o.Words, c.Words) >= _options.Redundancy));

    private List<BriefingSentence> Background(IReadOnlyList<AnalysedDocument> documents, List<Candidate> candidates, AnalysedDocument latestDoc, List<Candidate> chosen,
        IReadOnlyList<TimelineEvent>? timeline, CancellationToken cancellationToken)
    {
        // Earlier developments, each told by its most central eligible sentence, and dated timeline events from before the latest
        // development, oldest first. Only the items shown count as chosen: the others neither crowd out later sections nor are
        // compared against (comparing every event against every earlier one made large stories quadratic).
        var latestStart = documents.Where(d => d.Development == latestDoc.Development).Min(d => d.SortDate);
        var byDevelopment = candidates.ToLookup(c => c.Doc.Development);
        var pool = new List<(DateTimeOffset When, Candidate Candidate)>();
        foreach (var development in documents.Where(d => d.Development != latestDoc.Development).Select(d => d.Development).Distinct())
        {
            var best = byDevelopment[development].OrderByDescending(Score).FirstOrDefault(c => !IsRedundant(c, chosen));
            if (best is not null) pool.Add((best.Doc.SortDate, best));
        }
        var bySentence = new Dictionary<Citation, Candidate>();
        foreach (var c in candidates) bySentence.TryAdd(c.Citation, c);
        foreach (var e in timeline ?? new TimelineBuilder().Build(documents, cancellationToken))
        {
            var when = new DateTimeOffset(e.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (when < latestStart && bySentence.TryGetValue(e.Sources[0], out var candidate)) pool.Add((when, candidate));
        }
        var items = new List<Candidate>();
        foreach (var (_, candidate) in pool.OrderBy(i => i.When))
        {
            if (items.Count >= _options.BackgroundItems) break;
            if (Pick([candidate], 1, chosen).Count > 0) items.Add(candidate);
        }
        return [.. items.Select(Cite)];
    }

    private static List<BriefingSentence> WhoThinksWhat(IReadOnlyList<Statement> statements, IReadOnlyList<AnalysedDocument> documents)
    {
        var docs = documents.ToDictionary(d => d.Document.Id);
        var bullets = new List<BriefingSentence>();
        foreach (var camp in statements.Where(s => s.Speaker != "unidentified speaker").GroupBy(s => s.Camp).OrderByDescending(g => g.Count()))
        {
            var speakers = camp.GroupBy(s => s.Speaker).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            // The camp's most telling statement leads: a full clause before a fragment, the speaker's own words before reported
            // speech, a named person with a role before a collective ("China"), the camp's most-quoted speakers before the rest.
            // A camp heard only in fragments the extractor cut from other sentences ("... spread by an NGO") has no position to report.
            var counts = speakers.ToDictionary(g => g.Key, g => g.Count());
            var lead = camp.Where(IsSubstantive).OrderByDescending(s => (s.Verbatim ? 1 : 0) + (s.Role is null ? 0 : 1)
                + Math.Min(s.Text.Length, 300) / 300.0 + counts[s.Speaker] / (double)camp.Count()).FirstOrDefault();
            if (lead is null) continue;
            var names = string.Join(", ", speakers.Take(4).Select(g => g.Key));
            bullets.Add(Position($"{camp.Key} ({names}): ", lead, docs));
        }
        return bullets;
    }

    // One side's position, always attributed: its words quoted, or the source sentence that names the speaker reporting them,
    // or "X says that ..." around the reported content.
    private static BriefingSentence Position(string prefix, Statement lead, Dictionary<long, AnalysedDocument> docs)
    {
        // An anonymous speaker's name is their description already ("an unnamed specialist"): no role after it.
        var role = lead.Role is null || lead.Speaker.Contains(lead.Role, StringComparison.OrdinalIgnoreCase) ? "" : $", {lead.Role},";
        var words = lead.Text.Trim();
        if (lead.Verbatim)
            return new BriefingSentence($"{prefix}{lead.Speaker}{role} says: {(words.StartsWith('“') || words.StartsWith('"') ? words : $"“{words}”")}", [lead.Citation]);
        if (lead.Source is { } source && docs.TryGetValue(source.DocumentId, out var doc)
            && doc.Analysis.Sentences.FirstOrDefault(x => x.Span.Contains(lead.Citation.Span.Start)) is { } sentence
            && sentence.Span.Contains(source.Span.Start) && sentence.Span.Length <= 400
            && NamesSpeaker(source.Span.Slice(doc.Text), lead.Speaker))
        {
            // "China has vowed to retaliate ..." reads better than "China says that to retaliate ...", and stays attributed.
            return new BriefingSentence(prefix + sentence.Span.Slice(doc.Text).Trim(), [new Citation(doc.Document.Id, sentence.Span)]);
        }
        var reported = words.StartsWith("that ", StringComparison.OrdinalIgnoreCase) ? $" {words}" : $" that {words}";
        return new BriefingSentence($"{prefix}{lead.Speaker}{role} says{reported}", [lead.Citation]);
    }

    // The source mention gives the speaker's full name (or the organisation's), not a pronoun or a bare surname.
    private static bool NamesSpeaker(string mention, string speaker) =>
        mention.Contains(speaker, StringComparison.OrdinalIgnoreCase);

    private static readonly HashSet<string> FragmentOpeners = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "of", "for", "with", "from", "while", "and", "but", "or", "as", "at", "in", "on", "than", "because",
    };

    // A statement worth leading with: a clause of some length, not a fragment the extractor cut from a longer sentence.
    private static bool IsSubstantive(Statement s)
    {
        var words = s.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 4 && !FragmentOpeners.Contains(words[0].Trim('“', '"', '‘', '\''));
    }

    private IEnumerable<BriefingSection> Developments(IReadOnlyList<AnalysedDocument> documents, List<Candidate> candidates, List<Candidate> chosen)
    {
        // The body: one section per development, newest first, titled by its earliest document's headline.
        var byDevelopment = candidates.ToLookup(c => c.Doc.Development);
        var sections = 0;
        foreach (var development in documents.GroupBy(d => d.Development).OrderByDescending(g => g.Max(d => d.SortDate)))
        {
            var titleDoc = development.OrderBy(d => d.SortDate).First();
            var sentences = Pick(byDevelopment[development.Key].OrderByDescending(Score), _options.SectionSentences, chosen)
                .OrderBy(c => c.Doc.SortDate).ThenBy(c => c.Ordinal).Select(Cite).ToList();
            if (sentences.Count == 0) continue;
            yield return new BriefingSection(titleDoc.Document.Content.Metadata.Title ?? "Development", sentences, Bulleted: false);
            if (++sections >= _options.DevelopmentSections) yield break;
        }
    }

    private static BriefingSentence Cite(Candidate c) => new(c.Text, [c.Citation]);
}
