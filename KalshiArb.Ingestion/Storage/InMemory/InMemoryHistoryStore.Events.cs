using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage.InMemory;

/// <summary>
/// What each market event type keeps (history, latency samples, the replay log), picked by
/// <see cref="MarketEvent.DispatchTo"/> under the store's lock.
/// </summary>
internal sealed partial class InMemoryHistoryStore
{
    void IMarketEventHandler.OnKalshiTick(KalshiTick tick)
    {
        Add(Bucket(_ticks, tick.Ticker), tick, _options.MaxTicksPerTicker, t => t.ExchangeTs);
        LogForReplay(Bucket(_kalshiLog, tick.Ticker), tick);
        Sample("kalshi_ticks", tick, 1);
    }

    void IMarketEventHandler.OnSportsbookQuote(SportsbookQuote sportsbookQuote)
    {
        Add(Bucket(_quotes, (sportsbookQuote.EventId, sportsbookQuote.MarketType, sportsbookQuote.Outcome)), sportsbookQuote, _options.MaxQuotesPerOutcome, q => q.ExchangeTs);
        LogForReplay(Bucket(_quoteLog, (sportsbookQuote.EventId, sportsbookQuote.MarketType)), sportsbookQuote);
        Sample("sportsbook_odds", sportsbookQuote, 1);
    }

    void IMarketEventHandler.OnKalshiTrade(KalshiTrade trade) => Sample("kalshi_trades", trade, 1);

    void IMarketEventHandler.OnBookDelta(BookDelta bookDelta)
    {
        Sample("kalshi_orderbook", bookDelta, 1);
        LogForReplay(Bucket(_kalshiLog, bookDelta.Ticker), bookDelta);
    }

    // QuestDB stores one row per level, so each level is one latency sample there too.
    void IMarketEventHandler.OnBookSnapshot(BookSnapshot bookSnapshot)
    {
        Sample("kalshi_orderbook", bookSnapshot, bookSnapshot.YesBids.Count + bookSnapshot.NoBids.Count);
        LogForReplay(Bucket(_kalshiLog, bookSnapshot.Ticker), bookSnapshot);
    }

    // Kept for replay only (QuestDB keeps status and integrity as history; close times and fees live in market state).
    void IMarketEventHandler.OnMarketStatusChanged(MarketStatusChanged marketStatusChanged) =>
        LogForReplay(Bucket(_kalshiLog, marketStatusChanged.Ticker), marketStatusChanged);

    void IMarketEventHandler.OnBookIntegrityChanged(BookIntegrityChanged bookIntegrityChanged) =>
        LogForReplay(Bucket(_kalshiLog, bookIntegrityChanged.Ticker), bookIntegrityChanged);

    void IMarketEventHandler.OnMarketCloseTimeChanged(MarketCloseTimeChanged marketCloseTimeChanged)
    {
    }

    void IMarketEventHandler.OnEventFeeOverrideChanged(EventFeeOverrideChanged eventFeeOverrideChanged)
    {
    }
}
