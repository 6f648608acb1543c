using System.Globalization;
using Storyline.Storage;

namespace Storyline.Briefing;

/// <summary>A story's briefing and timeline as the analysis wrote and stored them (<see cref="StoryBriefingAnalyzer"/>).</summary>
/// <param name="StoryId">The story.</param>
/// <param name="Stamp">What it was written from (<see cref="BriefingStamp"/>): it is current while the story's stamp is still this.</param>
/// <param name="Briefing">The extractive briefing with default options. Its sources carry no text (the store holds each document's text
/// once); <see cref="StoredBriefingReader"/> fills in the texts of the documents it cites.</param>
/// <param name="Timeline">The story's dated events.</param>
/// <param name="Documents">The documents it was written from, in the evidence's order (oldest first).</param>
/// <param name="Pending">Documents of the story left out, or whose statements were, because their analysis was not stored when it was written
/// (<see cref="StoryEvidence.Pending"/>).</param>
public sealed record StoredBriefing(long StoryId, string Stamp, StoryBriefing Briefing, IReadOnlyList<TimelineEvent> Timeline, IReadOnlyList<long> Documents,
    IReadOnlyList<long> Pending);

/// <summary>A current stored briefing as read: its sources carry their texts, and the documents it was written from are loaded.</summary>
/// <param name="Stored">The stored briefing.</param>
/// <param name="Documents">Its documents, in its order.</param>
public sealed record BriefingRead(StoredBriefing Stored, IReadOnlyList<Documents.StoredDocument> Documents)
{
    /// <summary>The briefing.</summary>
    public StoryBriefing Briefing => Stored.Briefing;
}

/// <summary>The state of everything a story's briefing is written from, as one comparable text: the briefing code's version, the analysis
/// stages' versions the reading build decodes, the story's statement analyses (<see cref="StatementsStamp"/>, which moves whenever a
/// document joins or is analysed again) and its documents' developments.</summary>
public static class BriefingStamp
{
    /// <summary>Bumped whenever <see cref="ExtractiveBriefingWriter"/> or <see cref="TimelineBuilder"/> write something else from the same
    /// evidence: every stored briefing is then written again by the next refresh, and read past until it is.
    /// 2: Who Thinks What quotes a long statement's opening sentences (ExtractiveBriefingWriter.MaxQuotedWords).</summary>
    public const int Version = 2;

    /// <summary>The story's stamp now.</summary>
    public static async Task<string> ComputeAsync(IStoryStore stories, IStatementStore statements, long storyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stories);
        ArgumentNullException.ThrowIfNull(statements);
        var s = await statements.GetStatementsStampAsync(storyId, cancellationToken).ConfigureAwait(false);
        var developments = await stories.GetDevelopmentsAsync(storyId, cancellationToken).ConfigureAwait(false);
        // Order-independent digest of (document, development) pairs: a document moved between developments reorders the chronology.
        ulong digest = 0;
        foreach (var (document, development) in developments)
            digest += Mix((ulong)document * 0x9E3779B97F4A7C15UL ^ (ulong)development);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Version}/{StoryReader.StageVersions}|{developments.Count}/{digest:X16}|{s.Text}");
    }

    // SplitMix64's finaliser: spreads each pair over all bits so that sums of different pairs rarely collide.
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
