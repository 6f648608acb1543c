using System.Text.RegularExpressions;

namespace Storyline.Claims;

/// <summary>Options for <see cref="StanceClaimBuilder"/>.</summary>
/// <param name="Grouping">How statements are grouped into claims.</param>
/// <param name="MaxSources">Most statements grouped per story (the latest are kept): grouping compares every pair, so a story's cost stays bounded.</param>
public sealed record StanceClaimBuilderOptions(ClaimGroupingOptions? Grouping = null, int MaxSources = 1500);

/// <summary>The ledger's builder: <see cref="ClaimGrouper"/> groups a story's statements into claims (sentence vectors and key terms) and the
/// embedded stance model gives each statement's stance toward its claim; claims are ranked most contested, then most prominent, first.</summary>
public sealed partial class StanceClaimBuilder(StanceClassifier? classifier = null, StanceClaimBuilderOptions? options = null) : IIncrementalClaimBuilder
{
    private readonly StanceClaimBuilderOptions _options = options ?? new();

    /// <inheritdoc />
    // 4: the stance model was retrained on the int8 model's sentence vectors.
    // 5: a content that dismisses what it cites as false ("… is an outright nonsense") is a denial.
    public int Version => 5;

    /// <inheritdoc />
    public IReadOnlyList<LedgerClaim> Build(IReadOnlyList<ClaimSource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0) return [];
        var used = sources.Count <= _options.MaxSources ? sources
            : [.. sources.Select((s, i) => (s, i)).OrderByDescending(p => p.s.Published ?? DateTimeOffset.MinValue).ThenByDescending(p => p.i)
                .Take(_options.MaxSources).OrderBy(p => p.i).Select(p => p.s)];
        // Transcript turns handing over the floor and other fragments carry no proposition.
        used = [.. used.Where(HasMinWords)];
        if (used.Count == 0) return [];
        var candidates = used.Select((s, i) => Candidate(i, s)).ToList();
        var claims = ClaimGrouper.Group(candidates, classifier ?? StanceClassifier.Default, _options.Grouping, cancellationToken: cancellationToken);
        return Ranked(claims.Select(c => (c.Label, c.Topic, (IReadOnlyList<LedgerStatement>)[.. c.Members.Select(m =>
        {
            var s = used[(int)m.Statement.Id];
            return Statement(s, WithSpeakerWords(m.Stance, m.Statement.Denies, s.Cue));
        })])));
    }

    /// <inheritdoc />
    public IReadOnlyList<LedgerClaim>? Extend(IReadOnlyList<LedgerClaim> claims, IReadOnlyList<ClaimSource> sources, IReadOnlyList<ClaimSource> added, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(added);
        var bySpan = new Dictionary<(long, int, int), ClaimSource>();
        foreach (var s in sources) bySpan.TryAdd((s.DocumentId, s.ContentStart, s.ContentEnd), s);
        // Each claim's members as they stand now; a member gone (its document analysed again) means the ledger no longer matches.
        var members = new List<List<ClaimCandidate>>();
        var labels = new List<ClaimCandidate>();
        foreach (var claim in claims)
        {
            var list = new List<ClaimCandidate>();
            foreach (var st in claim.Statements)
            {
                if (!bySpan.TryGetValue((st.DocumentId, st.ContentStart, st.ContentEnd), out var s)) return null;
                list.Add(Candidate(list.Count, s));
            }
            members.Add(list);
            var labelText = claim.Label.TrimEnd('…');
            labels.Add(list.FirstOrDefault(c => c.Text.StartsWith(labelText, StringComparison.Ordinal) || labelText.StartsWith(c.Text.Trim(), StringComparison.Ordinal)) ?? list[0]);
        }
        var grouping = _options.Grouping ?? new ClaimGroupingOptions();
        var model = classifier ?? StanceClassifier.Default;
        var joined = claims.Select(c => c.Statements.ToList()).ToList();
        foreach (var s in added)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!HasMinWords(s) || s.Vector is null) continue;
            var candidate = Candidate(-1, s);
            // The claim it is most like on average (average linkage, as the full build groups), if that reaches the grouping threshold.
            int best = -1;
            float bestSimilarity = grouping.Threshold;
            for (int k = 0; k < members.Count; k++)
            {
                float sum = 0;
                foreach (var m in members[k]) sum += ClaimGrouper.Similarity(candidate, m, grouping);
                var average = sum / members[k].Count;
                if (average >= bestSimilarity) (best, bestSimilarity) = (k, average);
            }
            if (best < 0) continue;
            var stance = model.Classify(StanceDocument.FromSentences([labels[best].Text], [labels[best].Vector!]), StanceDocument.FromSentences([s.Text], [s.Vector])).Stance;
            if (stance == Stance.Unrelated) continue;
            joined[best].Add(Statement(s, WithSpeakerWords(stance, candidate.Denies, s.Cue)));
            members[best].Add(candidate);
        }
        return Ranked(claims.Select((c, k) => (c.Label, c.Topic,
            (IReadOnlyList<LedgerStatement>)[.. joined[k].OrderBy(s => s.Published ?? DateTimeOffset.MaxValue).ThenBy(s => s.DocumentId).ThenBy(s => s.ContentStart)])));
    }

    private static ClaimCandidate Candidate(long id, ClaimSource s) =>
        new(id, s.Text, s.Vector, s.Camp, s.Published, KeyTerms(s.Text), Denies: Denies(s));

    // The speaker's own words deny: a denying cue ("denied accusations of …"), or a content whose predicate calls what it cites false
    // ("The so-called “… camps where a million are detained” is an outright nonsense", "These claims are pure fabrication").
    private static bool Denies(ClaimSource s) => (s.Cue is { } cue && DenialCue().IsMatch(cue.ToLowerInvariant())) || DismissedAsFalse().IsMatch(s.Text);

    private static LedgerStatement Statement(ClaimSource s, Stance stance) =>
        new(s.DocumentId, s.Speaker, s.SpeakerRole, s.Camp, Label(stance), s.Text, s.ContentStart, s.ContentEnd, s.Published);

    /// <summary>Claims numbered from 1, most contested first (on the stances as written, the speakers' cues included), then most prominent
    /// (statements, counting each further document and camp that bears on the claim as much again), then first seen.</summary>
    private static List<LedgerClaim> Ranked(IEnumerable<(string Label, string? Topic, IReadOnlyList<LedgerStatement> Statements)> claims) =>
        [.. claims.Select(c => (c.Label, c.Topic, c.Statements,
                Prominence: c.Statements.Count + c.Statements.Select(s => s.DocumentId).Distinct().Count() + 2.0 * c.Statements.Select(s => s.Camp).Distinct().Count(),
                Contested: LedgerClaim.IsContested(c.Statements),
                FirstSeen: c.Statements.Where(s => s.Published is not null).Select(s => s.Published).DefaultIfEmpty(null).Min()))
            .OrderByDescending(x => x.Contested).ThenByDescending(x => x.Prominence).ThenBy(x => x.FirstSeen ?? DateTimeOffset.MaxValue)
            .Select((x, k) => new LedgerClaim(k + 1, x.Label, x.FirstSeen, x.Contested, x.Prominence, x.Statements, x.Topic))];

    /// <summary>Statements of fewer words are left out of claims.</summary>
    public const int MinWords = 4;

    private static bool HasMinWords(ClaimSource s) => s.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= MinWords;

    /// <summary>The stance model reads only the content; the cue tells what the speaker did with it: "denied accusations of forced labour"
    /// denies what "accusations of forced labour" asserts, "questioned whether …" questions it, and "linked its employment policies to forced
    /// labour" or "alleging forced labour" asserts what the model, reading a fragment, would only find reported. A content that calls what
    /// it cites false denies it whatever the cue (a transcript's speaker label has none to read).</summary>
    /// <param name="denies">The statement's own words deny (<see cref="ClaimCandidate.Denies"/>, decided once with the candidate).</param>
    private static Stance WithSpeakerWords(Stance stance, bool denies, string? cue)
    {
        if (stance is Stance.Unrelated or Stance.Denies) return stance;
        if (denies) return Stance.Denies;
        if (cue is null) return stance;
        var c = cue.ToLowerInvariant();
        if (stance != Stance.Questions && DoubtCue().IsMatch(c)) return Stance.Questions;
        if (stance == Stance.Reports && AssertionCue().IsMatch(c)) return Stance.Asserts;
        return stance;
    }

    [GeneratedRegex(@"\b(assert(s|ed|ing)?|alleg(e|es|ed|ing)|accus(e|es|ed|ing)|link(s|ed|ing)?|found|finds?|conclud(e|es|ed|ing)|insist(s|ed|ing)?|confirm(s|ed|ing)?|document(s|ed|ing)?|estimat(e|es|ed|ing))\b")]
    private static partial Regex AssertionCue();

    [GeneratedRegex(@"\b(den(y|ies|ied|ying|ial)|reject(s|ed|ing)?|refut(e|es|ed|ing)|dismiss(es|ed|ing)?|disput(e|es|ed|ing)|rebut(s|ted|ting)?)\b")]
    private static partial Regex DenialCue();

    // A form of "be", then at most two modifiers ("an outright", "nothing but", "totally"), then a word of falsity ending the clause.
    [GeneratedRegex(@"\b(?:is|are|was|were)\s+(?:(?:nothing\s+but|an?|pure|sheer|utter|outright|complete|total|absolute|totally|completely|utterly|entirely|simply|just)\s+){0,2}(?:nonsense|lies?|fabrications?|fabricated|falsehoods?|slander|smears?|groundless|baseless|unfounded|untrue|false|fiction)\b(?=\s*(?:[.,;:!”\u201D""')]|and\b|$))", RegexOptions.IgnoreCase)]
    private static partial Regex DismissedAsFalse();

    [GeneratedRegex(@"\b(question(s|ed|ing)?|doubt(s|ed|ing)?|sceptic|skeptic)")]
    private static partial Regex DoubtCue();

    private static string Label(Stance stance) => stance switch
    {
        Stance.Asserts => StanceLabels.Asserts,
        Stance.Denies => StanceLabels.Denies,
        Stance.Questions => StanceLabels.Questions,
        _ => StanceLabels.Reports,
    };

    /// <summary>Capitalised words and numbers: names, places and figures two statements of one claim share.</summary>
    private static List<string> KeyTerms(string text) => [.. KeyTerm().Matches(text).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase)];

    [GeneratedRegex(@"\b(?:\p{Lu}[\p{L}\-’']+|\d[\d,.]*)\b")]
    private static partial Regex KeyTerm();
}
