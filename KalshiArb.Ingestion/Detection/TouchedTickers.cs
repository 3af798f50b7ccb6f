using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// Which tickers an event makes one shard re-price, added to its <see cref="DetectorShard.Tickers"/>: a Kalshi market's
/// own, every mapping of a quote's game and market type, every mapped market of a fee override's event. Called by
/// <see cref="MarketEvent.DispatchTo"/> under the shard's gate, so it allocates nothing and needs no lock of its own.
/// </summary>
internal sealed class TouchedTickers(DetectorShard shard, DetectorShard[] shards, MappingRegistry mappings, FeeScheduleRegistry fees, GameRouter router)
    : IMarketEventHandler
{
    public void OnKalshiTick(KalshiTick kalshiTick) => shard.Tickers.Add(kalshiTick.Ticker);

    public void OnBookSnapshot(BookSnapshot bookSnapshot) => shard.Tickers.Add(bookSnapshot.Ticker);

    public void OnBookDelta(BookDelta bookDelta) => shard.Tickers.Add(bookDelta.Ticker);

    public void OnBookIntegrityChanged(BookIntegrityChanged bookIntegrityChanged) => shard.Tickers.Add(bookIntegrityChanged.Ticker);

    public void OnMarketStatusChanged(MarketStatusChanged marketStatusChanged) => shard.Tickers.Add(marketStatusChanged.Ticker);

    public void OnMarketCloseTimeChanged(MarketCloseTimeChanged marketCloseTimeChanged) => shard.Tickers.Add(marketCloseTimeChanged.Ticker);

    // Trades move no state the detector prices from.
    public void OnKalshiTrade(KalshiTrade kalshiTrade)
    {
    }

    public void OnSportsbookQuote(SportsbookQuote sportsbookQuote)
    {
        IReadOnlyList<EventMapping> ofEvent = mappings.ForEvent(sportsbookQuote.EventId);
        for (int i = 0; i < ofEvent.Count; i++)
        {
            if (ofEvent[i].MarketType == sportsbookQuote.MarketType)
            {
                shard.Tickers.Add(ofEvent[i].KalshiTicker);
            }
        }
    }

    /// <summary>
    /// The override applies from now: every mapped market of the event is re-priced with it at once (a market of
    /// another shard's game at that shard's next pass).
    /// </summary>
    public void OnEventFeeOverrideChanged(EventFeeOverrideChanged eventFeeOverrideChanged)
    {
        fees.ApplyEventOverride(eventFeeOverrideChanged);
        foreach (EventMapping mapping in mappings.All)
        {
            if (string.Equals(fees.EventOf(mapping.KalshiTicker), eventFeeOverrideChanged.EventTicker, StringComparison.OrdinalIgnoreCase))
            {
                int owner = router.ShardOfTicker(mapping.KalshiTicker);
                if (owner == shard.Index)
                {
                    shard.Tickers.Add(mapping.KalshiTicker);
                }
                else
                {
                    shards[owner].Pending.Enqueue(mapping.KalshiTicker);
                }
            }
        }
    }
}
