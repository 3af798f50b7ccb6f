namespace KalshiArb.Ingestion.Model;

/// <summary>A change of the resting size at one bid level (<c>orderbook_delta</c>); <paramref name="Delta"/> may be negative.</summary>
public sealed record BookDelta(
    string Ticker,
    Side Side,
    decimal Price,
    decimal Delta,
    long Seq,
    DateTime ExchangeTs,
    DateTime ReceivedAt) : MarketEvent(ExchangeTs, ReceivedAt)
{
    public override void DispatchTo(IMarketEventHandler handler) => handler.OnBookDelta(this);

    public override TResult Accept<TResult>(IMarketEventVisitor<TResult> visitor) => visitor.VisitBookDelta(this);
}
