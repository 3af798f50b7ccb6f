namespace KalshiArb.Ingestion.Model;

/// <summary>
/// A full Kalshi order book (<c>orderbook_snapshot</c>). Kalshi books hold bids only: YES bids and NO bids,
/// each priced on its own leg in dollars. <paramref name="Seq"/> is the subscription's sequence number.
/// </summary>
public sealed record BookSnapshot(
    string Ticker,
    IReadOnlyList<BookLevel> YesBids,
    IReadOnlyList<BookLevel> NoBids,
    long Seq,
    DateTime ExchangeTs,
    DateTime ReceivedAt) : MarketEvent(ExchangeTs, ReceivedAt)
{
    public override void DispatchTo(IMarketEventHandler handler) => handler.OnBookSnapshot(this);

    public override TResult Accept<TResult>(IMarketEventVisitor<TResult> visitor) => visitor.VisitBookSnapshot(this);
}
