namespace Storyline.Claims;

/// <summary>Where a statement stands on its claim, as the ledger writes it.</summary>
public static class StanceLabels
{
    /// <summary>States the claim as true.</summary>
    public const string Asserts = "asserts";
    /// <summary>Says the claim is false.</summary>
    public const string Denies = "denies";
    /// <summary>Casts doubt on the claim without denying it.</summary>
    public const string Questions = "questions";
    /// <summary>Relays the claim without taking a side.</summary>
    public const string Reports = "reports";

    /// <summary>Every label, in the order a ledger shows them.</summary>
    public static IReadOnlyList<string> All { get; } = [Asserts, Denies, Questions, Reports];

    /// <summary>True for the two sides a claim can be contested between.</summary>
    public static bool TakesSide(string stance) => stance is Asserts or Denies;
}

/// <summary>One statement bearing on a claim.</summary>
/// <param name="DocumentId">The document it is in.</param>
/// <param name="Speaker">Canonical speaker (or the publication, for the article's own report sentences).</param>
/// <param name="SpeakerRole">The speaker's role, if the coverage gives one.</param>
/// <param name="Camp">The camp the speaker speaks for.</param>
/// <param name="Stance">One of <see cref="StanceLabels"/>.</param>
/// <param name="Text">What was said.</param>
/// <param name="ContentStart">Start offset of the content in the document's cleaned text.</param>
/// <param name="ContentEnd">End offset (exclusive).</param>
/// <param name="Published">The document's publication date, if known.</param>
public sealed record LedgerStatement(long DocumentId, string Speaker, string? SpeakerRole, string Camp, string Stance, string Text,
    int ContentStart, int ContentEnd, DateTimeOffset? Published);

/// <summary>A proposition of a story with every statement bearing on it and where each camp stands.</summary>
/// <param name="Id">Its number within the story (1 = the most contested and prominent).</param>
/// <param name="Label">Its most representative statement, or a phrase built from it.</param>
/// <param name="FirstSeen">The earliest publication date among its statements.</param>
/// <param name="Contested">True when camps stand on opposite sides (one asserts, another denies or questions).</param>
/// <param name="Prominence">How much of the story's coverage bears on it (statements weighted by distinct documents and camps).</param>
/// <param name="Statements">Its statements, oldest first.</param>
/// <param name="Topic">A short name of what is claimed ("forced labour") when the claim was found as what a denial answers; null otherwise.</param>
public sealed record LedgerClaim(int Id, string Label, DateTimeOffset? FirstSeen, bool Contested, double Prominence, IReadOnlyList<LedgerStatement> Statements,
    string? Topic = null)
{
    /// <summary>Each camp's stance (<see cref="ClaimGrouper.CampPosition"/>: the side with more weight, a denial weighing twice; reports on a tie), camps in order of first statement.</summary>
    public IReadOnlyList<(string Camp, string Stance, int Statements)> CampStances() => CampStancesOf(Statements);

    /// <summary>True when one camp asserts the claim and another denies or questions it.</summary>
    public static bool IsContested(IEnumerable<LedgerStatement> statements)
    {
        var camps = CampStancesOf(statements);
        return camps.Any(c => c.Stance == StanceLabels.Asserts) && camps.Any(c => c.Stance is StanceLabels.Denies or StanceLabels.Questions);
    }

    /// <summary>The speaker the attribution stage names when it finds none: their words give no camp a side.</summary>
    public const string UnidentifiedSpeaker = "unidentified speaker";

    // Statements nobody is named for still count toward the camp's statements, not toward its side.
    private static List<(string Camp, string Stance, int Statements)> CampStancesOf(IEnumerable<LedgerStatement> statements) =>
        [.. statements.GroupBy(s => s.Camp, StringComparer.Ordinal).Select(g =>
        {
            var named = g.Where(s => s.Speaker != UnidentifiedSpeaker).ToList();
            var position = ClaimGrouper.CampPosition(named.Count(s => s.Stance == StanceLabels.Asserts), named.Count(s => s.Stance == StanceLabels.Denies),
                named.Count(s => s.Stance == StanceLabels.Questions));
            var stance = position switch { Stance.Asserts => StanceLabels.Asserts, Stance.Denies => StanceLabels.Denies, Stance.Questions => StanceLabels.Questions, _ => StanceLabels.Reports };
            return (g.Key, stance, g.Count());
        })];
}

/// <summary>A story's claims as the analysis stored them.</summary>
/// <param name="StoryId">The story.</param>
/// <param name="Claims">Ranked: most contested and prominent first.</param>
/// <param name="Version">The claim analysis version that built them.</param>
/// <param name="Stamp">The state of the story's statements they were built from (built again when it changes).</param>
public sealed record StoryClaims(long StoryId, IReadOnlyList<LedgerClaim> Claims, int Version, string Stamp);
