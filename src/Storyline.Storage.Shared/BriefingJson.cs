using System.Text.Json;
using Storyline.Briefing;

namespace Storyline.Storage.Shared;

/// <summary>A stored briefing's one JSON column, the same in every provider: it is read whole, so it is stored whole.</summary>
internal static class BriefingJson
{
    private sealed record Payload(StoryBriefing Briefing, IReadOnlyList<TimelineEvent> Timeline, IReadOnlyList<long> Documents, IReadOnlyList<long> Pending);

    public static string Write(StoredBriefing briefing) =>
        JsonSerializer.Serialize(new Payload(briefing.Briefing, briefing.Timeline, briefing.Documents, briefing.Pending), JsonOptions.Default);

    public static StoredBriefing Read(long storyId, string stamp, string json)
    {
        var payload = JsonSerializer.Deserialize<Payload>(json, JsonOptions.Default) ?? throw new InvalidDataException($"story {storyId}: empty stored briefing");
        return new StoredBriefing(storyId, stamp, payload.Briefing, payload.Timeline ?? [], payload.Documents ?? [], payload.Pending ?? []);
    }
}
