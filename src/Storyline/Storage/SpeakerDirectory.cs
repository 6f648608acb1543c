using System.Globalization;
using System.Text.Json;

namespace Storyline.Storage;

/// <summary>Every speaker of the store with role, camp and counts (<see cref="IStatementStore.ListSpeakersAsync"/> over the whole store),
/// written by the analysis as a stored view so that the people page, <c>speakers</c> and the API read it instead of summarising every
/// statement on each request.</summary>
public sealed class SpeakerDirectory(IStatementStore statements, IViewStore views)
{
    /// <summary>The view's name in the store.</summary>
    public const string ViewName = "speakers";

    /// <summary>Bumped whenever <see cref="SpeakerSummaries"/> summarise the same statements otherwise.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A directory over one store.</summary>
    public static SpeakerDirectory For<TStore>(TStore store) where TStore : IStatementStore, IViewStore => new(store, store);

    /// <summary>Writes the directory when the store's statements changed since it was written; returns whether it did.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var stamp = await StampAsync(cancellationToken).ConfigureAwait(false);
        if (await views.GetViewStampAsync(ViewName, cancellationToken).ConfigureAwait(false) == stamp) return false;
        var speakers = await statements.ListSpeakersAsync(null, cancellationToken).ConfigureAwait(false);
        await views.SaveViewAsync(ViewName, stamp, JsonSerializer.Serialize(speakers, Json), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The speakers of one story, or of the whole store (<paramref name="storyId"/> null: the stored directory while it is current,
    /// else summarised from the statements as before the analysis caught up), most quoted first. It never writes.</summary>
    public async Task<IReadOnlyList<SpeakerSummary>> ListAsync(long? storyId = null, CancellationToken cancellationToken = default)
    {
        if (storyId is null && await views.GetViewAsync(ViewName, cancellationToken).ConfigureAwait(false) is { } stored
            && stored.Stamp == await StampAsync(cancellationToken).ConfigureAwait(false)
            && JsonSerializer.Deserialize<List<SpeakerSummary>>(stored.Json, Json) is { } speakers)
            return speakers;
        return await statements.ListSpeakersAsync(storyId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> StampAsync(CancellationToken cancellationToken)
    {
        var s = await statements.GetStoreStatementsStampAsync(cancellationToken).ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture, $"{Version}|{s.Text}");
    }
}
