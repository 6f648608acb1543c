using Storyline.Briefing;

namespace Storyline.Storage;

/// <summary>Durable results of the briefing step: per story, the briefing and timeline written from its stored analysis, so that reading a
/// story costs a lookup rather than writing it again.</summary>
public interface IBriefingStore
{
    /// <summary>Replaces a story's stored briefing in one statement.</summary>
    Task SaveBriefingAsync(StoredBriefing briefing, CancellationToken cancellationToken = default);

    /// <summary>A story's stored briefing, or null when none was written for it.</summary>
    Task<StoredBriefing?> GetBriefingAsync(long storyId, CancellationToken cancellationToken = default);

    /// <summary>The stamp of a story's stored briefing (what it was written from), or null when none was written: the refresh compares it
    /// without reading the briefing.</summary>
    Task<string?> GetBriefingStampAsync(long storyId, CancellationToken cancellationToken = default);
}
