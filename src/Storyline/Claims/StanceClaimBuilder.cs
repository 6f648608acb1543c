using System.Text.RegularExpressions;

namespace Storyline.Claims;

/// <summary>Options for <see cref="StanceClaimBuilder"/>.</summary>
/// <param name="Grouping">How statements are grouped into claims.</param>
/// <param name="MaxSources">Most statements grouped per story (the latest are kept): grouping compares every pair, so a story's cost stays bounded.</param>
public sealed record StanceClaimBuilderOptions(ClaimGroupingOptions? Grouping = null, int MaxSources = 1500);

/// <summary>The ledger's builder: <see cref="ClaimGrouper"/> groups a story's statements into claims (sentence vectors and key terms) and the
/// embedded stance model gives each statement's stance toward its claim; claims are ranked most contested, then most prominent, first.</summary>
public sealed partial class StanceClaimBuilder(StanceClassifier? classifier = null, StanceClaimBuilderOptions? options = null) : IClaimBuilder
{
    private readonly StanceClaimBuilderOptions _options = options ?? new();

    /// <inheritdoc />
    public int Version => 3;

    /// <inheritdoc />
    public IReadOnlyList<LedgerClaim> Build(IReadOnlyList<ClaimSource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0) return [];
        var used = sources.Count <= _options.MaxSources ? sources
            : [.. sources.Select((s, i) => (s, i)).OrderByDescending(p => p.s.Published ?? DateTimeOffset.MinValue).ThenByDescending(p => p.i)
                .Take(_options.MaxSources).OrderBy(p => p.i).Select(p => p.s)];
        // Transcript turns handing over the floor and other fragments carry no proposition.
        used = [.. used.Where(s => s.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= MinWords)];
        if (used.Count == 0) return [];
        var candidates = used.Select((s, i) => new ClaimCandidate(i, s.Text, s.Vector, s.Camp, s.Published, KeyTerms(s.Text),
            Denies: s.Cue is { } cue && DenialCue().IsMatch(cue.ToLowerInvariant()))).ToList();
        var claims = ClaimGrouper.Group(candidates, classifier ?? StanceClassifier.Default, _options.Grouping, cancellationToken: cancellationToken);
        var ledger = claims.Select(c =>
        {
            var statements = c.Members.Select(m =>
            {
                var s = used[(int)m.Statement.Id];
                return new LedgerStatement(s.DocumentId, s.Speaker, s.SpeakerRole, s.Camp, Label(WithCue(m.Stance, s.Cue)), s.Text, s.ContentStart, s.ContentEnd, s.Published);
            }).ToList();
            // Prominence: statements, counting each further document and camp that bears on the claim as much again.
            double prominence = statements.Count + statements.Select(s => s.DocumentId).Distinct().Count() + 2 * statements.Select(s => s.Camp).Distinct().Count();
            // Contested on the stances as written, the speakers' cues included.
            var contested = LedgerClaim.IsContested(statements);
            return (Claim: c, Statements: statements, Prominence: prominence, Contested: contested);
        })
        .OrderByDescending(x => x.Contested).ThenByDescending(x => x.Prominence).ThenBy(x => x.Claim.FirstSeen ?? DateTimeOffset.MaxValue)
        .Select((x, k) => new LedgerClaim(k + 1, x.Claim.Label, x.Claim.FirstSeen, x.Contested, x.Prominence, x.Statements, x.Claim.Topic))
        .ToList();
        return ledger;
    }

    /// <summary>Statements of fewer words are left out of claims.</summary>
    public const int MinWords = 4;

    /// <summary>The stance model reads only the content; the cue tells what the speaker did with it: "denied accusations of forced labour"
    /// denies what "accusations of forced labour" asserts, "questioned whether …" questions it, and "linked its employment policies to forced
    /// labour" or "alleging forced labour" asserts what the model, reading a fragment, would only find reported.</summary>
    private static Stance WithCue(Stance stance, string? cue)
    {
        if (cue is null || stance is Stance.Unrelated or Stance.Denies) return stance;
        var c = cue.ToLowerInvariant();
        if (DenialCue().IsMatch(c)) return Stance.Denies;
        if (stance != Stance.Questions && DoubtCue().IsMatch(c)) return Stance.Questions;
        if (stance == Stance.Reports && AssertionCue().IsMatch(c)) return Stance.Asserts;
        return stance;
    }

    [GeneratedRegex(@"\b(assert(s|ed|ing)?|alleg(e|es|ed|ing)|accus(e|es|ed|ing)|link(s|ed|ing)?|found|finds?|conclud(e|es|ed|ing)|insist(s|ed|ing)?|confirm(s|ed|ing)?|document(s|ed|ing)?|estimat(e|es|ed|ing))\b")]
    private static partial Regex AssertionCue();

    [GeneratedRegex(@"\b(den(y|ies|ied|ying|ial)|reject(s|ed|ing)?|refut(e|es|ed|ing)|dismiss(es|ed|ing)?|disput(e|es|ed|ing)|rebut(s|ted|ting)?)\b")]
    private static partial Regex DenialCue();

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
