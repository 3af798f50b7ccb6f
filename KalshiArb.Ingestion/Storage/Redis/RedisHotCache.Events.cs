using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage.Redis;

/// <summary>The hot cache keeps the latest Kalshi quote and sportsbook line per key; other events are not cached.</summary>
internal sealed partial class RedisHotCache
{
    void IMarketEventHandler.OnKalshiTick(KalshiTick tick) => _state.Stage(tick);

    void IMarketEventHandler.OnSportsbookQuote(SportsbookQuote quote) => _state.Stage(quote);

    void IMarketEventHandler.OnKalshiTrade(KalshiTrade trade)
    {
    }

    void IMarketEventHandler.OnBookDelta(BookDelta bookDelta)
    {
    }

    void IMarketEventHandler.OnBookSnapshot(BookSnapshot bookSnapshot)
    {
    }

    void IMarketEventHandler.OnMarketStatusChanged(MarketStatusChanged marketStatusChanged)
    {
    }

    void IMarketEventHandler.OnBookIntegrityChanged(BookIntegrityChanged bookIntegrityChanged)
    {
    }

    void IMarketEventHandler.OnMarketCloseTimeChanged(MarketCloseTimeChanged marketCloseTimeChanged)
    {
    }

    void IMarketEventHandler.OnEventFeeOverrideChanged(EventFeeOverrideChanged eventFeeOverrideChanged)
    {
    }
}
