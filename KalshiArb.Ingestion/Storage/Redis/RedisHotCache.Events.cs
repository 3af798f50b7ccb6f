using System.Globalization;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage.Redis;

/// <summary>The hot cache keeps the latest Kalshi quote and sportsbook line per key; other events are not cached.</summary>
public sealed partial class RedisHotCache
{
    void IMarketEventHandler.OnKalshiTick(KalshiTick tick)
    {
        Stage(Keys.KalshiMarket(tick.Ticker), fields =>
        {
            SetOrClear(fields, "yes_bid", tick.YesBid);
            SetOrClear(fields, "yes_ask", tick.YesAsk);
            SetOrClear(fields, "no_bid", tick.NoBid);
            SetOrClear(fields, "no_ask", tick.NoAsk);
            fields["volume"] = Text(tick.Volume);
            fields["updated_at"] = Text(tick.ExchangeTs);
            fields["received_at"] = Text(tick.ReceivedAt);
        });
    }

    void IMarketEventHandler.OnSportsbookQuote(SportsbookQuote quote)
    {
        Stage(Keys.Odds(quote.EventId, quote.Book, quote.MarketType), fields =>
        {
            fields[$"{quote.Outcome}:american"] = quote.American.ToString(CultureInfo.InvariantCulture);
            fields[$"{quote.Outcome}:decimal"] = Text(quote.DecimalOdds);
            fields[$"{quote.Outcome}:implied_prob"] = Text(quote.ImpliedProb);
            fields[$"{quote.Outcome}:fair_prob"] = Text(quote.FairProb);
            SetOrClear(fields, $"{quote.Outcome}:point", quote.Point);
            fields["updated_at"] = Text(quote.ExchangeTs);
            fields["received_at"] = Text(quote.ReceivedAt);
        });
    }

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
