namespace Storyline.Web.Services;

/// <summary>At start-up, in the background: gives documents stored without a story, entities or statements (by an older version, the
/// CLI's plain <c>ingest</c> of an older release, or an interrupted batch) what the story, people and search pages read.</summary>
public sealed class StoreCatchUp(IngestService ingest, StoreFactory stores, ILogger<StoreCatchUp> logger) : BackgroundService
{
    /// <summary>Opens (creating or migrating) the store before the app takes requests, then starts the catch-up in the background.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Creating the schema is not safe from two connections at once: do it here, before any request or the catch-up opens the store.
        await using (await stores.OpenAsync(cancellationToken).ConfigureAwait(false)) { }
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ingest.CatchUpAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (System.Data.Common.DbException e)
        {
            // The pages still work on what is stored; the next ingest catches up again.
            logger.LogWarning(e, "could not catch the store up with stories and statements");
        }
    }
}
