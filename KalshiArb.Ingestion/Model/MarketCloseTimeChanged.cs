namespace KalshiArb.Ingestion.Model;

/// <summary>Kalshi moved a market's scheduled close (lifecycle <c>close_date_updated</c>); past it the market takes no orders.</summary>
public sealed record MarketCloseTimeChanged(
    string Ticker,
    DateTime CloseTime,
    DateTime ExchangeTs,
    DateTime ReceivedAt) : MarketEvent(ExchangeTs, ReceivedAt)
{
    public override void DispatchTo(IMarketEventHandler handler) => handler.OnMarketCloseTimeChanged(this);

    public override TResult Accept<TResult>(IMarketEventVisitor<TResult> visitor) => visitor.VisitMarketCloseTimeChanged(this);
}
