using Storyline.Briefing.Selection;
using Storyline.Claims;
using Storyline.Documents;
using Storyline.Stories;
using Storyline.Text;

namespace Storyline.Briefing;

/// <summary>Options for <see cref="ExtractiveBriefingWriter"/>.</summary>
/// <param name="ExecutiveBullets">Bullets in the executive summary.</param>
/// <param name="BackgroundItems">Most entries in "The Story So Far" (one per earlier development; with more, the developments most covered).</param>
/// <param name="StakesSentences">Most sentences in "Why This Matters".</param>
/// <param name="SectionSentences">Most sentences per body section.</param>
/// <param name="Redundancy">Kept for callers; redundancy is now bounded by <see cref="Selection"/> (content-word overlap and vector cosine).</param>
/// <param name="DevelopmentSections">Most body sections, one per development, the most recent first: a story of hundreds of developments
/// is not briefed section by section (and each section's sentences are checked against every sentence chosen before them).</param>
/// <param name="Selection">Weights and redundancy bounds of the content selection every section uses.</param>
public sealed record BriefingOptions(int ExecutiveBullets = 3, int BackgroundItems = 8, int StakesSentences = 3, int SectionSentences = 4, double Redundancy = 0.45,
    int DevelopmentSections = 12, SelectionOptions? Selection = null);

/// <summary>The default, deterministic briefing writer: it selects, orders and cites source sentences (no generation, no network).
/// A sentence is eligible only if it can stand alone and says who claims what when it reports a claim: sentences inside or made of
/// quotations without a reporting verb, transcript answers, questions and sentences that lean on the one before (pronoun, connective or
/// "the move" openers, "referring to", "added") are left to the attribution-aware parts of the briefing. Every section takes its sentences
/// through one <see cref="ContentSelector"/> over the whole story (concept coverage, centrality, no repetition across sections).</summary>
public sealed partial class ExtractiveBriefingWriter(BriefingOptions? options = null) : IBriefingWriter
{
    private readonly BriefingOptions _options = options ?? new BriefingOptions();

    // A sentence of the story: Unit indexes the selector's units; Eligible says whether the briefing may state it.
    private sealed record Candidate(AnalysedDocument Doc, Sentence Sentence, int Unit, string Text, bool Eligible)
    {
        public Citation Citation => new(Doc.Document.Id, Sentence.Span);
    }

    /// <inheritdoc />
    public Task<StoryBriefing> WriteAsync(long storyId, IReadOnlyList<AnalysedDocument> documents, IReadOnlyList<Statement> statements, CancellationToken cancellationToken = default) =>
        Task.FromResult(Write(storyId, documents, statements, cancellationToken));

    /// <summary>Writes the briefing of a story from its analysed documents and the statements attributed in them.</summary>
    public StoryBriefing Write(long storyId, IReadOnlyList<AnalysedDocument> documents, IReadOnlyList<Statement> statements, CancellationToken cancellationToken = default) =>
        Write(storyId, documents, statements, timeline: null, cancellationToken);

    /// <summary>Writes the briefing; <paramref name="timeline"/> (the caller's <see cref="TimelineBuilder"/> timeline, or null) is accepted for
    /// callers that build one anyway: the chronology is one entry per development and needs none.</summary>
    public StoryBriefing Write(long storyId, IReadOnlyList<AnalysedDocument> documents, IReadOnlyList<Statement> statements, IReadOnlyList<TimelineEvent>? timeline,
        CancellationToken cancellationToken = default) => WriteStory(storyId, documents, statements, claims: [], cancellationToken);

    /// <summary>Writes the briefing of a story's stored evidence: its documents, statements and claims ledger ("Who Thinks What?" leads each camp
    /// with where it stands on the story's most contested claims).</summary>
    public StoryBriefing Write(StoryEvidence evidence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return WriteStory(evidence.StoryId, evidence.Documents, evidence.BriefingStatements(), evidence.Claims, cancellationToken);
    }

    /// <summary>The briefing from documents, statements in briefing form and the claims ledger.</summary>
    internal StoryBriefing WriteStory(long storyId, IReadOnlyList<AnalysedDocument> documents, IReadOnlyList<Statement> statements, IReadOnlyList<LedgerClaim> claims,
        CancellationToken cancellationToken = default)
    {
        if (documents.Count == 0) throw new ArgumentException("a story has at least one document", nameof(documents));
        var originals = documents.Where(d => d.Document.DuplicateOf is null).ToList();
        if (originals.Count == 0) originals = [.. documents];
        var (all, selector) = Candidates(originals, statements, cancellationToken);
        var candidates = all.Where(c => c.Eligible).ToList();
        var state = new SelectionState();

        // The developments in time order (DevelopmentOrder: stated dates, else the evidence between the articles); the latest is the last,
        // and its most recent document gives the headline.
        var order = DevelopmentOrder.Order(originals);
        var rank = order.Select((development, i) => (development, i)).ToDictionary(x => x.development, x => x.i);
        var latestDoc = originals.Where(d => d.Development == order[^1]).MaxBy(d => (d.SortDate, d.Document.Id))!;
        var latest = candidates.Where(c => c.Doc.Development == latestDoc.Development).Select(c => c.Unit).ToList();
        var headline = latestDoc.Document.Content.Metadata.Title ?? "Latest coverage";

        // The summary line and the executive summary: the latest development's most important facts, chosen together so that none
        // repeats another.
        var top = selector.Select(latest, 1 + _options.ExecutiveBullets, state);
        var byUnit = all.ToDictionary(c => c.Unit);
        // With nothing eligible, the latest document's first sentence is the summary: still cited, never uncited.
        var first = latestDoc.Analysis.Sentences.Count > 0 ? latestDoc.Analysis.Sentences[0] : null;
        var summary = top.Count > 0 ? Cite(byUnit[top[0]])
            : first is not null ? new BriefingSentence(first.Span.Slice(latestDoc.Text).Trim(), [new Citation(latestDoc.Document.Id, first.Span)])
            : new BriefingSentence(latestDoc.Text, [new Citation(latestDoc.Document.Id, new TextSpan(0, latestDoc.Text.Length))]);

        var sections = new List<BriefingSection>
        {
            new(SectionTitles.ExecutiveSummary, [.. top.Skip(1).Select(u => Cite(byUnit[u]))], Bulleted: true),
            new(SectionTitles.StorySoFar, Chronology(originals, candidates, latestDoc, selector, state, rank), Bulleted: true),
            new(SectionTitles.WhyThisMatters, WhyThisMatters(candidates, latestDoc, selector, state, byUnit), Bulleted: false),
            new(SectionTitles.WhoThinksWhat, WhoThinksWhat(statements, originals, claims), Bulleted: true),
        };
        sections.AddRange(Developments(originals, candidates, selector, state, byUnit, rank));
        var sources = documents.ToDictionary(d => d.Document.Id, d => new SourceInfo(d.Document.Id,
            d.Document.Content.Metadata.Title ?? Path.GetFileName(d.Document.InputName), d.Document.Content.Metadata.Publisher,
            d.Document.Content.Metadata.Published?.Value, d.Document.Content.Metadata.Published?.IsEstimate ?? false, d.Document.Url, d.Text,
            d.Document.Content.Metadata.Published?.Granularity ?? Time.TimeGranularity.Day, d.Document.Content.Metadata.Published?.Evidence));
        return new StoryBriefing(storyId, headline, summary, sections, sources);
    }

    private (List<Candidate> All, ContentSelector Selector) Candidates(IReadOnlyList<AnalysedDocument> documents, IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
    {
        // Every body sentence of the story counts towards what the story is about; only eligible ones may be chosen.
        var claims = statements.ToLookup(s => s.Citation.DocumentId);
        var all = new List<Candidate>();
        var units = new List<SelectionUnit>();
        foreach (var doc in documents)
        {
            int ordinal = 0;
            var blocks = doc.Document.Content.Blocks;
            var sentences = doc.Analysis.Sentences;
            // Without a stated or estimated day of publication, "on Thursday" anchors nothing for the reader.
            var undatedDay = doc.Document.Content.Metadata.Published is not { Granularity: Time.TimeGranularity.Day };
            for (int s = 0; s < sentences.Count; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var sentence = sentences[s];
                if (blocks.ElementAtOrDefault(sentence.Block) is not { } block || block.Kind == BlockKind.Heading) continue;
                // Stated without its dateline and ages (SentenceTrimmer), cited to the whole source sentence.
                var text = SentenceTrimmer.Trim(sentence.Span.Slice(doc.Text).Trim(), undatedDay);
                if (text.Length == 0) continue;
                var eligible = IsEligible(doc, sentence, text) && !IsUnattributedClaim(claims[doc.Document.Id], sentence.Span);
                all.Add(new Candidate(doc, sentence, units.Count, text, eligible));
                units.Add(new SelectionUnit(doc.Document.Id, ordinal++, text, doc.VectorOf(s)));
            }
        }
        return (all, new ContentSelector(units, _options.Selection));
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
        if (LeansOnNeighbours(text)) return false;
        // A label or caption line ("Host of press conference: …") is not a sentence to state.
        if (text.TrimEnd('”', '"', '’', '\'', ')', ' ') is not [.., '.' or '!' or '…']) return false;
        // Wire copy writes quotation marks as `` and ''.
        var hasQuote = text.AsSpan().IndexOfAny("“”\"‘") >= 0 || text.Contains("``", StringComparison.Ordinal) || text.Contains("''", StringComparison.Ordinal);
        var hasCue = Cues.Any(c => text.Contains(c, StringComparison.OrdinalIgnoreCase));
        // A quotation is only usable with its speaker in the same sentence.
        return !hasQuote || hasCue;
    }

    private static readonly HashSet<string> DependentOpeners = new(StringComparer.Ordinal)
    {
        "He", "She", "They", "It", "This", "These", "Those", "That", "His", "Her", "Their", "Its", "We", "I", "Such", "Both", "But", "And", "Or", "So",
        "Yet", "Still", "Also", "However", "Otherwise", "Instead", "Moreover", "Furthermore", "Meanwhile", "Nevertheless", "Then", "Thus", "Therefore",
        "Besides", "Likewise", "Similarly", "Later", "Earlier", "There",
    };

    private static readonly string[] DependentOpenings =
    [
        "The move", "The decision", "The measure", "The step", "The remarks", "The comments", "The statement", "The announcement", "The latter",
        "The former", "The same", "The next day", "The following", "In response", "In addition", "As a result", "At the same time", "On the other hand", "Last week's", "The two",
    ];

    private static readonly string[] DependentPhrases = [" referring to ", " added.", " added,", " added that", " the move ", " the move.", " the move,", " this move"];

    /// <summary>True when the sentence needs the one before it to be understood: it opens on a pronoun or a connective, points back ("The
    /// move", "In response") or is a speaker's aside ("… was referring to", "… he added").</summary>
    internal static bool LeansOnNeighbours(string text)
    {
        var trimmed = text.TrimStart('“', '"', '‘', '\'', ' ', '(');
        var first = trimmed.Split(' ', 2)[0].TrimEnd(',', ';', ':');
        if (DependentOpeners.Contains(first)) return true;
        foreach (var opening in DependentOpenings) if (trimmed.StartsWith(opening, StringComparison.Ordinal)) return true;
        foreach (var phrase in DependentPhrases) if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase)) return true;
        // "Three years later, …", "Two days later the …": later than what the sentence before told.
        var words = trimmed.Split(' ', 4);
        return words.Length >= 3 && TimeUnits.Contains(words[1]) && words[2].TrimEnd(',', ';') == "later";
    }

    private static readonly HashSet<string> TimeUnits = new(StringComparer.Ordinal)
    {
        "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes", "decade", "decades",
    };

    /// <summary>True when the sentence carries a claim the attribution stage found but does not itself name who makes it
    /// (the speaker was named in an earlier sentence): stating it alone would state the claim as fact.</summary>
    internal static bool IsUnattributedClaim(IEnumerable<Statement> claims, Documents.TextSpan sentence) =>
        claims.Any(c => c.Citation.Span.Overlaps(sentence) && (c.Source is not { } source || !(sentence.Start <= source.Span.Start && source.Span.End <= sentence.End)));

    /// <summary>Cues of stakes, consequences and context (what follows from the news, why it is sensitive, what it is part of), each with a
    /// weight: "Why This Matters" takes sentences carrying them, ranked by cue weight plus the selector's coverage and centrality.</summary>
    private static readonly (string Cue, float Weight)[] StakesCues =
    [
        ("impact", 1), ("consequence", 1), ("implication", 1), ("likely to", 0.75f), ("expected to", 0.75f), ("could ", 0.5f), ("would ", 0.5f),
        ("will ", 0.25f), ("strain", 0.75f), ("significant", 0.5f), ("first time", 1), ("first official", 1), ("risk", 0.75f), ("threat", 0.75f),
        ("pressure", 0.5f), ("undermine", 0.75f), ("escalat", 0.75f), ("retaliat", 0.75f), ("sensitive", 0.75f), ("unprecedented", 1),
        ("crucial", 0.5f), ("affect", 0.5f), ("hurt", 0.5f), ("cost", 0.5f), ("damage", 0.5f), ("jobs", 0.5f), ("economy", 0.5f),
        ("comes at", 1), ("comes as", 1), ("comes amid", 1), ("amid", 0.5f), ("in the run-up", 0.75f), ("ahead of", 0.5f), ("because", 0.5f),
        ("as a result", 1), ("which means", 1), ("raising", 0.25f), ("concern", 0.5f), ("fear", 0.5f), ("warn", 0.5f), ("key", 0.25f),
        ("major", 0.25f), ("biggest", 0.5f), ("largest", 0.5f), ("million", 0.25f), ("billion", 0.5f), ("sanction", 0.25f), ("relations", 0.5f),
    ];

    /// <summary>The summed weight of the stakes cues a sentence carries (at most 2).</summary>
    internal static float StakesScore(string text)
    {
        float score = 0;
        foreach (var (cue, weight) in StakesCues) if (text.Contains(cue, StringComparison.OrdinalIgnoreCase)) score += weight;
        return Math.Min(score, 2);
    }

    private List<BriefingSentence> WhyThisMatters(List<Candidate> candidates, AnalysedDocument latestDoc, ContentSelector selector, SelectionState state,
        Dictionary<int, Candidate> byUnit)
    {
        // Stakes are stated anywhere in the story; a cue alone is not enough (a stray "could" in a side detail), so the sentence must also
        // be about what the story is about: the selector's coverage and centrality rank the cue-bearing sentences, cue weight and recency add.
        var stakes = new Dictionary<int, float>();
        foreach (var c in candidates)
            if (StakesScore(c.Text) is >= 0.75f and var score) stakes[c.Unit] = score;
        var picked = selector.Select(stakes.Keys, _options.StakesSentences, state,
            u => 0.5 * stakes[u] + (byUnit[u].Doc.Development == latestDoc.Development ? 0.2 : 0));
        return [.. picked.Select(u => Cite(byUnit[u]))];
    }

    private List<BriefingSentence> Chronology(IReadOnlyList<AnalysedDocument> documents, List<Candidate> candidates, AnalysedDocument latestDoc, ContentSelector selector,
        SelectionState state, Dictionary<long, int> rank)
    {
        // One entry per earlier development, oldest first (DevelopmentOrder): its date, then its most central sentence that stands alone and
        // repeats nothing chosen. With more developments than entries, the ones most covered (most documents) are kept, then shown in time order.
        var byDevelopment = candidates.ToLookup(c => c.Doc.Development);
        var earlier = documents.Where(d => d.Development != latestDoc.Development).GroupBy(d => d.Development)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => rank[g.Key]).Take(_options.BackgroundItems)
            .OrderBy(g => rank[g.Key]);
        var entries = new List<BriefingSentence>();
        foreach (var development in earlier)
        {
            var pool = byDevelopment[development.Key].Select(c => c.Unit).ToList();
            var unit = selector.MostCentral(pool, state);
            if (unit < 0) continue;
            var candidate = candidates.First(c => c.Unit == unit);
            var dated = development.OrderBy(d => d.SortDate).ThenBy(d => d.Document.Id).First();
            entries.Add(new BriefingSentence($"{DateLabel(dated)}: {candidate.Text}", [candidate.Citation]));
        }
        return entries;
    }

    /// <summary>How a document's date reads in the chronology: the date to its precision when given, "2019 or later" for an estimate from the
    /// dates the text mentions (the latest of them is a lower bound, not the date), "undated" when there is neither.</summary>
    internal static string DateLabel(AnalysedDocument doc) => DateLabel(doc.Document.Content.Metadata.Published);

    /// <summary>The chronology's label of a publication date (see <see cref="DateLabel(AnalysedDocument)"/>).</summary>
    internal static string DateLabel(PublicationDate? published) => published switch
    {
        null => "undated",
        { IsEstimate: true } p => PublicationDate.Format(p.Value, p.Granularity, estimate: false) + " or later",
        var p => PublicationDate.Format(p.Value, p.Granularity, estimate: false),
    };

    private static List<BriefingSentence> WhoThinksWhat(IReadOnlyList<Statement> statements, IReadOnlyList<AnalysedDocument> documents, IReadOnlyList<LedgerClaim> claims)
    {
        var docs = documents.ToDictionary(d => d.Document.Id);
        var bullets = new List<BriefingSentence>();
        // A camp's position is what it says most: its statements' centroid (each statement weighing the same, however long) and the statement
        // closest to it, so a trade boast does not stand for a government whose statements are mostly denials. A camp heard only in
        // fragments the extractor cut from other sentences ("... spread by an NGO") has no position to report.
        var usable = statements.Where(s => s.Speaker != "unidentified speaker").ToList();
        var substantive = usable.Where(IsSubstantive).ToList();
        var selector = new ContentSelector([.. substantive.Select(s => new SelectionUnit(s.Citation.DocumentId, 0, s.Text))]);
        var index = new Dictionary<Statement, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < substantive.Count; i++) index[substantive[i]] = i;
        foreach (var camp in usable.GroupBy(s => s.Camp).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var group = camp.Where(s => index.ContainsKey(s)).Select(s => index[s]).ToList();
            if (group.Count == 0) continue;
            var centrality = selector.Centrality(group);
            var counts = camp.GroupBy(s => s.Speaker).ToDictionary(g => g.Key, g => g.Count());
            // Centrality first; a named speaker with a role and the camp's most-quoted speakers settle near-ties.
            var lead = group.Select(i => substantive[i]).OrderByDescending(s => centrality[index[s]] + (s.Role is null ? 0 : 0.05) + 0.05 * counts[s.Speaker] / camp.Count())
                .ThenBy(s => s.Citation.DocumentId).ThenBy(s => s.Citation.Span.Start).First();
            var speakers = camp.GroupBy(s => s.Speaker).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(4)
                .Select(g => g.FirstOrDefault(s => s.Role is not null)?.Role is { } role && !g.Key.Contains(role, StringComparison.OrdinalIgnoreCase) ? $"{g.Key}, {role}" : g.Key);
            var prefix = $"{camp.Key} ({string.Join("; ", speakers)}): ";
            // Where the camp stands on the story's most contested claims leads, in its own words; its central statement follows.
            var parts = new List<BriefingSentence>();
            foreach (var (phrase, statement) in ContestedPositions(camp.Key, claims, usable, docs))
                parts.Add(Position(parts.Count == 0 ? prefix + phrase : Capitalised(phrase), statement, docs, named: prefix));
            if (parts.Count == 0) { bullets.Add(Position(prefix, lead, docs)); continue; }
            // A later part opens a sentence: "An unnamed journalist from Turkey says …".
            if (parts.Count < PositionsPerCamp && !parts.Any(p => p.Citations.Any(c => Overlaps(c, lead.Citation))) && Position("", lead, docs, named: prefix) is var last)
                parts.Add(last with { Text = Capitalised(last.Text) });
            bullets.Add(new BriefingSentence(string.Join(" ", parts.Select(p => Terminated(p.Text))), [.. parts.SelectMany(p => p.Citations).Distinct()]));
        }
        return bullets;
    }

    /// <summary>Most contested claims a camp's bullet leads with.</summary>
    private const int PositionsPerCamp = 2;

    /// <summary>The camp's sides on the story's contested claims (claims named by what a denial answers first: they are the disputes the coverage
    /// states as such; then the camp's denials, its clearest position in a dispute; then the ledger's rank), each named by the claim's topic ("denies forced labour: ") or, for a denial or doubt, its label ("denies that …: "), with the camp's statement
    /// that takes that side (a substantive one by a named speaker, one with a role first). An assertion without a topic needs no name: the statement says it.</summary>
    private static List<(string Phrase, Statement Statement)> ContestedPositions(string camp, IReadOnlyList<LedgerClaim> claims, List<Statement> statements,
        Dictionary<long, AnalysedDocument> docs)
    {
        var result = new List<(string, Statement)>();
        var sides = claims.Where(c => c.Contested).Select(c => (Claim: c, Stance: c.CampStances().FirstOrDefault(x => x.Camp == camp).Stance))
            .Where(x => x.Stance is StanceLabels.Asserts or StanceLabels.Denies or StanceLabels.Questions)
            .OrderBy(x => x.Claim.Topic is null ? 1 : 0).ThenBy(x => x.Stance == StanceLabels.Denies ? 0 : 1).ThenBy(x => x.Claim.Id);
        foreach (var (claim, stance) in sides)
        {
            // The briefing's own form of each statement (its speaker's source citation included), else one made from the ledger's record.
            var said = claim.Statements.Where(s => s.Camp == camp && s.Stance == stance && s.Speaker != "unidentified speaker" && docs.ContainsKey(s.DocumentId))
                .Select(s => statements.FirstOrDefault(b => b.Citation.DocumentId == s.DocumentId && b.Citation.Span.Start == s.ContentStart)
                    ?? new Statement(s.Speaker, s.SpeakerRole, s.Camp, s.Text, new Citation(s.DocumentId, new TextSpan(s.ContentStart, s.ContentEnd - s.ContentStart))))
                .Where(IsSubstantive)
                .OrderBy(s => s.Role is null ? 1 : 0).ThenBy(s => s.Citation.DocumentId).ThenBy(s => s.Citation.Span.Start).FirstOrDefault();
            if (said is null || result.Any(r => Overlaps(r.Item2.Citation, said.Citation))) continue;
            var phrase = claim.Topic is { Length: > 0 } || stance != StanceLabels.Asserts ? PositionPhrase(stance, claim) + ": " : "";
            result.Add((phrase, said));
            if (result.Count == PositionsPerCamp) break;
        }
        return result;
    }

    // Where a label's first clause ends: a comma or semicolon, or a full stop after a word (not the one in "U.S. sanctions").
    [System.Text.RegularExpressions.GeneratedRegex(@"[;,]\s+|(?<=\w{2})\.\s+(?=[A-Z“""])")]
    private static partial System.Text.RegularExpressions.Regex ClauseEnd();

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    // A part of a bullet ends as a sentence does before the next part starts.
    private static string Terminated(string text)
    {
        var t = text.TrimEnd();
        return t is [.., '.' or '!' or '?' or '…'] or [.., '.' or '!' or '?' or ',' or '…', '”' or '"'] ? t : t + ".";
    }

    /// <summary>"denies forced labour", "alleges forced labour", "denies that more than a million Muslims have been detained …": a side, never the claim as fact.</summary>
    internal static string PositionPhrase(string stance, LedgerClaim claim)
    {
        if (claim.Topic is { Length: > 0 } topic)
            return stance switch { StanceLabels.Asserts => $"alleges {topic}", StanceLabels.Denies => $"denies {topic}", _ => $"questions {topic}" };
        // The label's first clause, at most a dozen words: a name for the claim, not a second quotation.
        var first = ClauseEnd().Split(claim.Label.TrimEnd('…'), 2)[0];
        var words = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var label = string.Join(' ', words.Take(12)).TrimEnd(',', ';', ':', '.') + (words.Length > 12 || first.Length < claim.Label.TrimEnd('…').Length ? " …" : "");
        var quoted = label.StartsWith('“') || label.StartsWith('"');
        if (!quoted && label.StartsWith("that ", StringComparison.OrdinalIgnoreCase)) label = label[5..];
        var verb = stance switch { StanceLabels.Asserts => "asserts", StanceLabels.Denies => "denies", _ => "questions" };
        return quoted ? $"{verb} {label}" : stance == StanceLabels.Questions ? $"questions whether {label}" : $"{verb} that {label}";
    }

    // Two citations of overlapping text: one bullet should not quote the same words twice.
    private static bool Overlaps(Citation a, Citation b) =>
        a.DocumentId == b.DocumentId && a.Span.Start < b.Span.End && b.Span.Start < a.Span.End;

    // One side's position, always attributed: its words quoted, or the source sentence that names the speaker reporting them,
    // or "X says that ..." around the reported content.
    // named: what the bullet has said before this part (the camp and its speakers), when more than the prefix.
    private static BriefingSentence Position(string prefix, Statement lead, Dictionary<long, AnalysedDocument> docs, string? named = null)
    {
        // An anonymous speaker's name is their description already ("an unnamed specialist"): no role after it.
        var role = lead.Role is null || lead.Speaker.Contains(lead.Role, StringComparison.OrdinalIgnoreCase) ? "" : $", {lead.Role},";
        var (words, citation) = Opening(lead, docs);
        if (lead.Verbatim)
            return new BriefingSentence($"{prefix}{lead.Speaker}{role} says: {(words.StartsWith('“') || words.StartsWith('"') ? words : $"“{words}”")}", [citation]);
        if (lead.Source is { } source && docs.TryGetValue(source.DocumentId, out var doc)
            && doc.Analysis.Sentences.FirstOrDefault(x => x.Span.Contains(lead.Citation.Span.Start)) is { } sentence
            && sentence.Span.Contains(source.Span.Start) && sentence.Span.Length <= 400
            && (NamesSpeaker(source.Span.Slice(doc.Text), lead.Speaker)
                // A description ("The report") may stand for the speaker when the bullet has just named them; a pronoun never does.
                || ((named ?? prefix).Contains(lead.Speaker, StringComparison.Ordinal) && !Pronouns.Contains(source.Span.Slice(doc.Text).Trim()))))
        {
            // "China has vowed to retaliate ..." reads better than "China says that to retaliate ...", and stays attributed.
            return new BriefingSentence(prefix + sentence.Span.Slice(doc.Text).Trim(), [new Citation(doc.Document.Id, sentence.Span)]);
        }
        var reported = words.StartsWith("that ", StringComparison.OrdinalIgnoreCase) ? $" {words}" : $" that {LowerOpener(words)}";
        return new BriefingSentence($"{prefix}{lead.Speaker}{role} says{reported}", [citation]);
    }

    /// <summary>Most words a position quotes of one statement before it is cut at a sentence end.</summary>
    internal const int MaxQuotedWords = 50;

    // A statement may run to paragraphs (a transcript's answer): a position quotes its opening sentences, up to about MaxQuotedWords
    // words and at least one sentence, marked "…" where cut, and cites just those. A statement of several parts ("… he said, …") is
    // quoted whole: its words are not one stretch of the text.
    private static (string Words, Citation Citation) Opening(Statement lead, Dictionary<long, AnalysedDocument> docs)
    {
        var words = lead.Text.Trim();
        var span = lead.Citation.Span;
        if (WordCount(words) <= MaxQuotedWords || !docs.TryGetValue(lead.Citation.DocumentId, out var doc) || span.End > doc.Text.Length
            || !string.Equals(span.Slice(doc.Text).Trim(), words, StringComparison.Ordinal))
            return (words, lead.Citation);
        int end = -1, count = 0;
        foreach (var sentence in doc.Analysis.Sentences)
        {
            if (sentence.Span.End <= span.Start) continue;
            if (sentence.Span.Start >= span.End) break;
            int from = Math.Max(sentence.Span.Start, span.Start), to = Math.Min(sentence.Span.End, span.End);
            int n = WordCount(doc.Text[from..to]);
            if (end >= 0 && count + n > MaxQuotedWords) break;
            (end, count) = (to, count + n);
        }
        if (end < 0 || span.End - end <= 1) return (words, lead.Citation);
        var kept = TextSpan.FromBounds(span.Start, end);
        var opening = kept.Slice(doc.Text).Trim();
        // An opened quotation is closed after the cut, so the quote marks still pair.
        var close = opening.Count(c => c == '“') > opening.Count(c => c == '”') ? "”" : opening.Count(c => c == '"') % 2 == 1 ? "\"" : "";
        return (opening + " …" + close, new Citation(lead.Citation.DocumentId, kept));
    }

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    // A content that opens a sentence ("The so-called centres are …") reads on after "says that" with its article or determiner in
    // lower case; names, and "I" or "We" (the speaker's own words, which lower case would not make reported speech), stay as they are.
    private static string LowerOpener(string words)
    {
        int end = words.IndexOf(' ', StringComparison.Ordinal);
        return end > 0 && SentenceOpeners.Contains(words[..end]) ? char.ToLowerInvariant(words[0]) + words[1..] : words;
    }

    private static readonly HashSet<string> SentenceOpeners = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "This", "That", "These", "Those", "Such", "Some", "Any", "All", "Its", "Their", "There", "It", "Many", "Most",
    };

    // The source mention names the speaker (full name, organisation or surname), not a pronoun.
    // A surname is enough here: the bullet's prefix has just named the speaker in full with their role.
    private static bool NamesSpeaker(string mention, string speaker)
    {
        if (mention.Contains(speaker, StringComparison.OrdinalIgnoreCase)) return true;
        // An organisation by its initials: "the UN report" names the United Nations, "U.S. authorities" the United States.
        var initials = string.Concat(speaker.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsUpper(w[0])).Select(w => w[0]));
        if (initials.Length >= 2 && mention.Split([' ', ',', '’', '\''], StringSplitOptions.RemoveEmptyEntries)
                .Any(w => string.Equals(w.Replace(".", "", StringComparison.Ordinal), initials, StringComparison.Ordinal))) return true;
        // The family name comes last in "Mike Pompeo" and first in "Chen Weijun": either part, as a word of the mention.
        var parts = speaker.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) return false;
        var words = mention.Split([' ', ',', '’', '\''], StringSplitOptions.RemoveEmptyEntries);
        return new[] { parts[^1], parts[0] }.Any(name => name.Length >= 3 && char.IsUpper(name[0]) && words.Contains(name, StringComparer.Ordinal));
    }

    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our", "this", "that", "these", "those", "one",
    };

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

    private IEnumerable<BriefingSection> Developments(IReadOnlyList<AnalysedDocument> documents, List<Candidate> candidates, ContentSelector selector,
        SelectionState state, Dictionary<int, Candidate> byUnit, Dictionary<long, int> rank)
    {
        // The body: one section per development, newest first, titled by its earliest document's headline, its sentences in reading order.
        var byDevelopment = candidates.ToLookup(c => c.Doc.Development);
        var sections = 0;
        foreach (var development in documents.GroupBy(d => d.Development).OrderByDescending(g => rank[g.Key]))
        {
            var titleDoc = development.OrderBy(d => d.SortDate).First();
            var sentences = selector.Select([.. byDevelopment[development.Key].Select(c => c.Unit)], _options.SectionSentences, state)
                .Select(u => byUnit[u]).OrderBy(c => c.Doc.SortDate).ThenBy(c => c.Doc.Document.Id).ThenBy(c => c.Sentence.Span.Start).Select(Cite).ToList();
            if (sentences.Count == 0) continue;
            yield return new BriefingSection(titleDoc.Document.Content.Metadata.Title ?? "Development", sentences, Bulleted: false);
            if (++sections >= _options.DevelopmentSections) yield break;
        }
    }

    private static BriefingSentence Cite(Candidate c) => new(c.Text, [c.Citation]);
}
