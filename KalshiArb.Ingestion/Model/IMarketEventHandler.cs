namespace KalshiArb.Ingestion.Model;

/// <summary>
/// One method per market event type: a sink, or any owner acting on events under its own lock, implements it and
/// calls <see cref="MarketEvent.DispatchTo"/>, so the event picks the method by virtual dispatch (no type switch, no
/// boxing, no allocation), and a new event type fails to compile in every handler until each decides what to do
/// with it. A question answered with a value goes through <see cref="IMarketEventVisitor{TResult}"/> instead.
/// </summary>
public interface IMarketEventHandler
{
    void OnKalshiTick(KalshiTick kalshiTick);

    void OnKalshiTrade(KalshiTrade kalshiTrade);

    void OnBookDelta(BookDelta bookDelta);

    void OnBookSnapshot(BookSnapshot bookSnapshot);

    void OnSportsbookQuote(SportsbookQuote sportsbookQuote);

    void OnMarketStatusChanged(MarketStatusChanged marketStatusChanged);

    void OnBookIntegrityChanged(BookIntegrityChanged bookIntegrityChanged);

    void OnMarketCloseTimeChanged(MarketCloseTimeChanged marketCloseTimeChanged);

    void OnEventFeeOverrideChanged(EventFeeOverrideChanged eventFeeOverrideChanged);
}
