using Storyline.Claims;

namespace Storyline.Storage;

/// <summary>Durable results of the claims analysis: per story, its ranked claims with their statements and stances.</summary>
public interface IClaimStore
{
    /// <summary>Replaces a story's claims in one transaction.</summary>
    Task SaveClaimsAsync(StoryClaims claims, CancellationToken cancellationToken = default);

    /// <summary>A story's stored claims, or null when none were built for it.</summary>
    Task<StoryClaims?> GetClaimsAsync(long storyId, CancellationToken cancellationToken = default);

    /// <summary>The version and stamp of a story's stored claims without the claims, or null when none were built: what a refresh compares
    /// before it reads or rebuilds the ledger.</summary>
    Task<ClaimsStamp?> GetClaimsStampAsync(long storyId, CancellationToken cancellationToken = default);
}

/// <summary>The builder version and stamp a story's claims ledger was stored with.</summary>
public sealed record ClaimsStamp(int Version, string Stamp);
