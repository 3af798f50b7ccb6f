using System.Threading.Channels;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// Results normally arrive on the lifecycle channel, which does not replay what a disconnect missed. So every mapped
/// market past its close time with no stored settlement is asked for over REST; a result found goes into the pipeline
/// as a status change, where the settlement recorder stores it like one from the channel.
/// </summary>
internal sealed class KalshiMissedResults(
    KalshiRestClient rest, IHistoryStore history, MappingRegistry mappings, MarketCatalog catalog, TimeProvider time, ILogger<KalshiMissedResults> logger)
{
    public async Task AskAsync(ChannelWriter<MarketEvent> writer, CancellationToken cancellationToken)
    {
        HashSet<string> settled;
        try
        {
            settled = (await history.GetSettlementsAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.Ticker).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            KalshiLog.SettlementsUnreadable(logger, ex);
            return;
        }

        DateTime now = time.GetUtcNow().UtcDateTime;
        foreach (EventMapping mapping in mappings.All)
        {
            string ticker = mapping.KalshiTicker;
            if (settled.Contains(ticker) || catalog.GetMarket(ticker) is not { CloseTime: { } closed } || closed > now)
            {
                continue;
            }

            try
            {
                if (await rest.GetMarketAsync(ticker, cancellationToken).ConfigureAwait(false) is { Result: { } result } market)
                {
                    await writer.WriteAsync(new MarketStatusChanged(ticker, market.Status, now, now, result), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException and not ChannelClosedException)
            {
                KalshiLog.ResultRequestFailed(logger, ex, ticker);
            }
        }
    }
}
