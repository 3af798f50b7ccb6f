using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Market;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Feeds.Hosting;

/// <summary>
/// Starts every registered <see cref="IMarketFeed"/> this configuration runs and keeps it running; a feed that is off
/// goes on the Health page with its <see cref="IMarketFeed.OffReason"/>. The stored mappings are loaded first, so a
/// user's edit wins over a feed's default mapping for the same market.
/// </summary>
internal sealed partial class FeedHost(
    IEnumerable<IMarketFeed> feeds,
    FeedRegistry registry,
    MappingStore mappings,
    IOptions<FeedHostOptions> options,
    TimeProvider time,
    ILogger<FeedHost> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await mappings.LoadAsync(stoppingToken).ConfigureAwait(false);
        var running = new List<Task>();
        foreach (IMarketFeed feed in feeds)
        {
            if (feed.OffReason is { } reason)
            {
                registry.Off(feed.Name, reason);
                continue;
            }

            registry.Started(feed.Name, feed);
            running.Add(KeepRunningAsync(feed, stoppingToken));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a feed until shutdown. The feeds handle their own reconnects and return only when they give up for
    /// good (say, a refused key); an unexpected exception restarts the feed after a pause.
    /// </summary>
    private async Task KeepRunningAsync(IMarketFeed feed, CancellationToken ct)
    {
        TimeSpan pause = TimeSpan.FromSeconds(options.Value.RestartDelaySeconds);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await feed.RunAsync(ct).ConfigureAwait(false);
                if (!ct.IsCancellationRequested)
                {
                    LogStoppedByItself(logger, feed.Name);
                }

                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogFailed(logger, ex, feed.Name, pause);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed} stopped by itself; it stays stopped until the next start")]
    private static partial void LogStoppedByItself(ILogger logger, string feed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed {Feed} failed; restarting in {Pause}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string feed, TimeSpan pause);
}
