using KalshiArb.Ingestion.Feeds.Kalshi;
using KalshiArb.Ingestion.Feeds.Odds;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// Starts the feeds this configuration calls for and keeps them running: the simulator when Simulator:Enabled
/// says so (by default whenever no Kalshi credentials are configured), the Kalshi WebSocket feed with credentials,
/// the odds poller with an Odds API key. Before any feed starts it loads the stored mappings; the simulator's
/// markets, events and default mappings go into the catalog and registry.
/// </summary>
public sealed class FeedHostService(
    IServiceProvider services,
    MarketEventChannel channel,
    MarketCatalog catalog,
    MappingStore mappings,
    FeedRegistry feeds,
    IOptions<SimulatorOptions> simulatorOptions,
    IOptions<KalshiOptions> kalshiOptions,
    IOptions<OddsApiOptions> oddsOptions,
    IOptions<PipelineOptions> pipelineOptions,
    TimeProvider time,
    ILogger<FeedHostService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Loaded before any feed starts, so a stored edit wins over a feed's default mapping.
        await mappings.LoadAsync(stoppingToken).ConfigureAwait(false);
        await Task.WhenAll(StartFeeds(stoppingToken)).ConfigureAwait(false);
    }

    private List<Task> StartFeeds(CancellationToken stoppingToken)
    {
        bool kalshiConfigured = kalshiOptions.Value.HasCredentials;
        var running = new List<Task>();
        if (simulatorOptions.Value.ShouldRun(kalshiConfigured))
        {
            MarketSimulator simulator = services.GetRequiredService<MarketSimulator>();
            AddToCatalog(simulator);
            feeds.Started(MarketSimulator.FeedName, simulator.Metrics);
            logger.LogInformation("Market simulator running: {Games} games, {Rate} events/s, seed {Seed}", simulator.Events.Count, simulatorOptions.Value.EventsPerSecond, simulatorOptions.Value.Seed);
            running.Add(KeepRunningAsync(MarketSimulator.FeedName, ct => simulator.RunAsync(channel.Writer, ct), stoppingToken));
        }
        else
        {
            feeds.Off(MarketSimulator.FeedName, kalshiConfigured ? "off: the real Kalshi feed is configured" : "off (Simulator:Enabled)");
        }

        if (kalshiConfigured)
        {
            KalshiFeed kalshi = services.GetRequiredService<KalshiFeed>();
            feeds.Started(KalshiFeed.FeedName, kalshi.Metrics);
            running.Add(KeepRunningAsync(KalshiFeed.FeedName, kalshi.RunAsync, stoppingToken));
        }
        else
        {
            feeds.Off(KalshiFeed.FeedName, "off: no Kalshi credentials (Kalshi:ApiKeyId and Kalshi:PrivateKeyPath or KALSHI_PRIVATE_KEY)");
        }

        if (oddsOptions.Value.HasKey)
        {
            OddsApiPoller odds = services.GetRequiredService<OddsApiPoller>();
            odds.EventsUpdated += AddToCatalog;
            feeds.Started(OddsApiPoller.FeedName, odds);
            running.Add(KeepRunningAsync(OddsApiPoller.FeedName, odds.RunAsync, stoppingToken));
        }
        else
        {
            feeds.Off(OddsApiPoller.FeedName, "off: no Odds API key (Odds:ApiKey)");
        }

        return running;
    }

    private void AddToCatalog(MarketSimulator simulator)
    {
        foreach (KalshiMarketInfo market in simulator.Markets)
        {
            catalog.Upsert(market);
        }

        AddToCatalog(simulator.Events);
        mappings.AddDefaults(simulator.Mappings);
    }

    private void AddToCatalog(IReadOnlyList<SportsEvent> events)
    {
        foreach (SportsEvent sportsEvent in events)
        {
            catalog.Upsert(sportsEvent);
        }
    }

    /// <summary>
    /// Runs a feed until shutdown. The feeds handle their own reconnects and return only when they give up for
    /// good (say, a refused key); an unexpected exception restarts the feed after a pause.
    /// </summary>
    private async Task KeepRunningAsync(string feed, Func<CancellationToken, Task> run, CancellationToken ct)
    {
        TimeSpan pause = TimeSpan.FromSeconds(pipelineOptions.Value.FeedRestartDelaySeconds);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await run(ct).ConfigureAwait(false);
                if (!ct.IsCancellationRequested)
                {
                    logger.LogWarning("Feed {Feed} stopped by itself; it stays stopped until the next start", feed);
                }

                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogError(ex, "Feed {Feed} failed; restarting in {Pause}", feed, pause);
            }

            try
            {
                await Task.Delay(pause, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
