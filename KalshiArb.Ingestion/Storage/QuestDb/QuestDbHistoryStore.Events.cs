using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>Each market event type to its table (<see cref="QuestDbRows"/>), picked by <see cref="MarketEvent.DispatchTo"/>.</summary>
internal sealed partial class QuestDbHistoryStore
{
    void IMarketEventHandler.OnKalshiTick(KalshiTick tick) => _writer.Write((_tables, tick), QuestDbRows.Tick, tick.ReceivedAt);

    void IMarketEventHandler.OnKalshiTrade(KalshiTrade trade) => _writer.Write((_tables, trade), QuestDbRows.Trade, trade.ReceivedAt);

    void IMarketEventHandler.OnBookDelta(BookDelta bookDelta) => _writer.Write((_tables, bookDelta), QuestDbRows.Delta, bookDelta.ReceivedAt);

    void IMarketEventHandler.OnBookSnapshot(BookSnapshot bookSnapshot) => _writer.Write((_tables, bookSnapshot), QuestDbRows.Snapshot, bookSnapshot.ReceivedAt);

    void IMarketEventHandler.OnSportsbookQuote(SportsbookQuote sportsbookQuote) => _writer.Write((_tables, sportsbookQuote), QuestDbRows.Quote, sportsbookQuote.ReceivedAt);

    void IMarketEventHandler.OnMarketStatusChanged(MarketStatusChanged marketStatusChanged) =>
        _writer.Write((_tables, marketStatusChanged), QuestDbRows.Status, marketStatusChanged.ReceivedAt);

    void IMarketEventHandler.OnBookIntegrityChanged(BookIntegrityChanged bookIntegrityChanged) =>
        _writer.Write((_tables, bookIntegrityChanged), QuestDbRows.Integrity, bookIntegrityChanged.ReceivedAt);

    // Held in memory by market state and the fee registry; not history.
    void IMarketEventHandler.OnMarketCloseTimeChanged(MarketCloseTimeChanged marketCloseTimeChanged)
    {
    }

    void IMarketEventHandler.OnEventFeeOverrideChanged(EventFeeOverrideChanged eventFeeOverrideChanged)
    {
    }
}
