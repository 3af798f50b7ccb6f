using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// The <see cref="MarketSimulator"/> as a feed: on by Simulator:Enabled (by default whenever no Kalshi credentials
/// are configured). When it runs, its markets and events go into the catalog and its mappings are put in force
/// where no stored mapping exists; then it writes its events to the pipeline channel. The simulator is built only
/// when the feed runs or its figures are read.
/// </summary>
internal sealed partial class SimulatorFeed(
    SimulatorOptions options,
    bool kalshiConfigured,
    Lazy<MarketSimulator> simulator,
    ChannelWriter<MarketEvent> writer,
    MarketCatalog catalog,
    MappingStore mappings,
    ILogger<SimulatorFeed> logger) : IMarketFeed
{
    public string Name => MarketSimulator.FeedName;

    public FeedMetrics Metrics => simulator.Value.Metrics;

    public string? OffReason => options.ShouldRun(kalshiConfigured)
        ? null
        : kalshiConfigured ? "off: the real Kalshi feed is configured" : "off (Simulator:Enabled)";

    public ComponentHealth GetHealth() => Metrics.GetHealth();

    public Task RunAsync(CancellationToken stopping)
    {
        MarketSimulator running = simulator.Value;
        foreach (KalshiMarketInfo market in running.Markets)
        {
            catalog.Upsert(market);
        }

        foreach (SportsEvent sportsEvent in running.Events)
        {
            catalog.Upsert(sportsEvent);
        }

        mappings.AddDefaults(running.Mappings);
        LogRunning(logger, running.Events.Count, options.EventsPerSecond, options.Seed);
        return running.RunAsync(writer, stopping);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Market simulator running: {Games} games, {Rate} events/s, seed {Seed}")]
    private static partial void LogRunning(ILogger logger, int games, int rate, int seed);
}
