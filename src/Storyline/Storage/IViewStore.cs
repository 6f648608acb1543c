namespace Storyline.Storage;

/// <summary>Store-wide views the analysis writes for readers (the speaker directory): each a named JSON document with the stamp of what it
/// was built from. The store keeps them as given; what they mean is the engine's.</summary>
public interface IViewStore
{
    /// <summary>Replaces a view in one statement.</summary>
    Task SaveViewAsync(string name, string stamp, string json, CancellationToken cancellationToken = default);

    /// <summary>A view's stamp and JSON, or null when it was never written.</summary>
    Task<StoredView?> GetViewAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>A view's stamp alone, or null when it was never written.</summary>
    Task<string?> GetViewStampAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>A stored view: the stamp of what it was built from, and its JSON.</summary>
public sealed record StoredView(string Stamp, string Json);
