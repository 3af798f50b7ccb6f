using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Live;

/// <summary>What each market event type adds to the next batch, picked by <see cref="MarketEvent.DispatchTo"/> under the stream's lock.</summary>
internal sealed partial class LiveBatchStream
{
    void IMarketEventHandler.OnKalshiTick(KalshiTick kalshiTick) => _quotes[kalshiTick.Ticker] = kalshiTick;

    void IMarketEventHandler.OnSportsbookQuote(SportsbookQuote sportsbookQuote) =>
        _odds[(sportsbookQuote.EventId, sportsbookQuote.MarketType, sportsbookQuote.Outcome, sportsbookQuote.Book)] = sportsbookQuote;

    // A changed book is named only: the flush reads its view once, however many changes it had.
    void IMarketEventHandler.OnBookSnapshot(BookSnapshot bookSnapshot) => _books.Add(bookSnapshot.Ticker);

    void IMarketEventHandler.OnBookDelta(BookDelta bookDelta) => _books.Add(bookDelta.Ticker);

    void IMarketEventHandler.OnBookIntegrityChanged(BookIntegrityChanged bookIntegrityChanged) => _books.Add(bookIntegrityChanged.Ticker);

    // Not in a batch: the pages show no trades, lifecycle or fee changes live.
    void IMarketEventHandler.OnKalshiTrade(KalshiTrade kalshiTrade)
    {
    }

    void IMarketEventHandler.OnMarketStatusChanged(MarketStatusChanged marketStatusChanged)
    {
    }

    void IMarketEventHandler.OnMarketCloseTimeChanged(MarketCloseTimeChanged marketCloseTimeChanged)
    {
    }

    void IMarketEventHandler.OnEventFeeOverrideChanged(EventFeeOverrideChanged eventFeeOverrideChanged)
    {
    }
}
