using System.Collections.Concurrent;
using System.Threading.Channels;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// The one owner of what Kalshi lists, over REST: at start and every <see cref="KalshiOptions.DiscoveryInterval"/>
/// it refreshes the series fee schedules, finds the open markets of the configured series (into the catalog, their
/// status into the pipeline, and to the session as markets to subscribe) and asks for results a disconnect missed.
/// </summary>
internal sealed class KalshiMarketProvider(
    KalshiRestClient rest,
    IOptions<KalshiOptions> options,
    MarketCatalog catalog,
    KalshiFeeDiscovery fees,
    KalshiMissedResults missedResults,
    TimeProvider time,
    ILogger<KalshiMarketProvider> logger)
{
    private readonly KalshiOptions _options = options.Value;

    // Filled by each round, drained by the session's receive loop, which alone writes to the socket.
    private readonly ConcurrentQueue<string> _found = new();
    private readonly TaskCompletionSource _firstRound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IReadOnlyList<string> _open = [];

    // Line markets whose strike this product cannot read: logged once each, never catalogued or subscribed.
    private readonly ConcurrentDictionary<string, string> _skipped = new(StringComparer.Ordinal);

    /// <summary>The markets open in the configured series at the last round.</summary>
    public IReadOnlyList<string> Open => _open;

    /// <summary>Spread and total markets discovered but skipped because their line cannot be read (distinct tickers).</summary>
    public int SkippedMarkets => _skipped.Count;

    /// <summary>Completes when the first round is over, whatever it found, so a connection starts with the markets known.</summary>
    public Task FirstRound => _firstRound.Task;

    /// <summary>The markets found since the last call (each round reports all it found; the session skips those it has).</summary>
    public IReadOnlyList<string> TakeFound()
    {
        var found = new List<string>();
        while (_found.TryDequeue(out string? ticker))
        {
            found.Add(ticker);
        }

        return found;
    }

    /// <summary>A round at once, then one every interval (none more when the interval is zero), until cancelled.</summary>
    public async Task RunAsync(ChannelWriter<MarketEvent> writer, CancellationToken cancellationToken)
    {
        try
        {
            do
            {
                await RoundAsync(writer, cancellationToken).ConfigureAwait(false);
                _firstRound.TrySetResult();
            }
            while (_options.DiscoveryInterval > TimeSpan.Zero && await Pause(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
        catch (ChannelClosedException)
        {
            // The pipeline is shutting down; the session finds out on its next write.
        }
        finally
        {
            _firstRound.TrySetResult();
        }
    }

    private async Task<bool> Pause(CancellationToken cancellationToken)
    {
        await Task.Delay(_options.DiscoveryInterval, time, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task RoundAsync(ChannelWriter<MarketEvent> writer, CancellationToken cancellationToken)
    {
        await fees.RefreshAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<KalshiMarketInfo> markets = [.. (await DiscoverAsync(cancellationToken).ConfigureAwait(false)).Where(Readable)];
        DateTime now = time.GetUtcNow().UtcDateTime;
        foreach (KalshiMarketInfo market in markets)
        {
            catalog.Upsert(market);
            await writer.WriteAsync(new MarketStatusChanged(market.Ticker, market.Status, now, now, market.Result, market.CloseTime), cancellationToken).ConfigureAwait(false);
        }

        _open = [.. markets.Select(m => m.Ticker)];
        foreach (KalshiMarketInfo market in markets)
        {
            _found.Enqueue(market.Ticker);
        }

        await missedResults.AskAsync(writer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>False for a spread or total market without a line this product can price; the first time, logged with why.</summary>
    private bool Readable(KalshiMarketInfo market)
    {
        if (KalshiLine.Read(market).Unreadable is not { } reason)
        {
            return true;
        }

        if (_skipped.TryAdd(market.Ticker, reason))
        {
            KalshiLog.LineMarketSkipped(logger, market.Ticker, reason);
        }

        return false;
    }

    /// <summary>Open markets of the configured series; a failing series is logged and skipped until the next round.</summary>
    private async Task<IReadOnlyList<KalshiMarketInfo>> DiscoverAsync(CancellationToken cancellationToken)
    {
        var discovered = new List<KalshiMarketInfo>();
        // The configuration binder appends configured series to the default list, so one may be there twice.
        foreach (string series in _options.SeriesTickers.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                discovered.AddRange(await rest.GetMarketsAsync(series, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                KalshiLog.SeriesDiscoveryFailed(logger, series, ex.Message);
            }
        }

        return discovered;
    }
}
