using Storyline.Attribution;

namespace Storyline.Storage;

/// <summary>Groups statements by speaker: the one definition of a <see cref="SpeakerSummary"/>, shared by stores and by callers that re-classify camps first.</summary>
public static class SpeakerSummaries
{
    /// <summary>Speakers of <paramref name="statements"/> (questions skipped), grouped by entity key or else name; the first statement (in the
    /// order given: document, then text order) names the speaker, the first role given is kept, the camp is the one most statements have
    /// (the first seen on a tie); most quoted first, then in order of first appearance.</summary>
    public static IReadOnlyList<SpeakerSummary> Summarise(IEnumerable<StatementHit> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        return Summarise(statements.Where(h => !h.Statement.Attribution.IsQuestion).Select(h => new SpeakerRow(
            h.Statement.Speaker, h.Statement.SpeakerKey, h.Statement.SpeakerRole, h.Statement.Camp, h.Statement.DocumentId, h.Published)));
    }

    /// <summary>One statement's speaker as the stores read it for <see cref="Summarise(IEnumerable{SpeakerRow})"/>: no text, no spans.</summary>
    /// <param name="Speaker">The speaker's name as written.</param>
    /// <param name="SpeakerKey">The resolved entity's key, if any.</param>
    /// <param name="SpeakerRole">The role given, if any.</param>
    /// <param name="Camp">The statement's camp.</param>
    /// <param name="DocumentId">The document it is in.</param>
    /// <param name="Published">The document's publication date, if known.</param>
    public sealed record SpeakerRow(string Speaker, string? SpeakerKey, string? SpeakerRole, string Camp, long DocumentId, DateTimeOffset? Published);

    /// <summary>The summaries from rows of questions-excluded statements in document, then text order, without reading the statements
    /// themselves (the stores' speaker lists over thousands of documents); the rules are <see cref="Summarise(IEnumerable{StatementHit})"/>'s.</summary>
    public static IReadOnlyList<SpeakerSummary> Summarise(IEnumerable<SpeakerRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows
            .GroupBy(r => r.SpeakerKey ?? r.Speaker, StringComparer.Ordinal)
            .Select(g =>
            {
                var dates = g.Where(r => r.Published is not null).Select(r => r.Published!.Value).ToList();
                return new SpeakerSummary(
                    g.First().Speaker,
                    g.First().SpeakerKey,
                    g.Select(r => r.SpeakerRole).FirstOrDefault(r => r is not null),
                    g.GroupBy(r => r.Camp, StringComparer.Ordinal).OrderByDescending(c => c.Count()).First().Key,
                    g.Count(),
                    g.Select(r => r.DocumentId).Distinct().Count(),
                    dates.Count == 0 ? null : dates.MinBy(d => d.UtcTicks),
                    dates.Count == 0 ? null : dates.MaxBy(d => d.UtcTicks));
            })
            .OrderByDescending(s => s.Statements)];
    }
}
