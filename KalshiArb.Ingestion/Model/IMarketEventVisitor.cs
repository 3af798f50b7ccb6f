namespace KalshiArb.Ingestion.Model;

/// <summary>
/// <see cref="IMarketEventHandler"/> for a question whose answer depends on the event's type (its shard, whether it
/// changed market state): <see cref="MarketEvent.Accept{TResult}"/> picks the method by virtual dispatch, without
/// boxing or allocation, and a new event type fails to compile in every visitor until each answers for it.
/// </summary>
public interface IMarketEventVisitor<out TResult>
{
    TResult VisitKalshiTick(KalshiTick kalshiTick);

    TResult VisitKalshiTrade(KalshiTrade kalshiTrade);

    TResult VisitBookDelta(BookDelta bookDelta);

    TResult VisitBookSnapshot(BookSnapshot bookSnapshot);

    TResult VisitSportsbookQuote(SportsbookQuote sportsbookQuote);

    TResult VisitMarketStatusChanged(MarketStatusChanged marketStatusChanged);

    TResult VisitBookIntegrityChanged(BookIntegrityChanged bookIntegrityChanged);

    TResult VisitMarketCloseTimeChanged(MarketCloseTimeChanged marketCloseTimeChanged);

    TResult VisitEventFeeOverrideChanged(EventFeeOverrideChanged eventFeeOverrideChanged);
}
