using Dapper;

namespace Storyline.Storage.Postgres;

/// <summary>Store-wide views in the PostgreSQL store.</summary>
public sealed partial class PostgresDocumentStore
{
    /// <inheritdoc />
    public async Task SaveViewAsync(string name, string stamp, string json, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO store_views(name, stamp, data_json, written_at) VALUES (@name, @stamp, @json, @now)
            ON CONFLICT(name) DO UPDATE SET stamp = excluded.stamp, data_json = excluded.data_json, written_at = excluded.written_at
            """,
            new { name, stamp, json, now = Format(_time.GetUtcNow()) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredView?> GetViewAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<(string Stamp, string Json)?>(new CommandDefinition(
            "SELECT stamp, data_json FROM store_views WHERE name = @name", new { name }, cancellationToken: cancellationToken)).ConfigureAwait(false) is { } r
            ? new StoredView(r.Stamp, r.Json) : null;
    }

    /// <inheritdoc />
    public async Task<string?> GetViewStampAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT stamp FROM store_views WHERE name = @name", new { name }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
