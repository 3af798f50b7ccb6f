namespace KalshiArb.Ingestion.Model;

/// <summary>
/// A Kalshi public trade: prices in dollars, count in contracts, the taker's outcome side. <paramref name="TakerSide"/>
/// is null when the message named no side in any of its vocabularies: the trade is still a trade.
/// </summary>
public sealed record KalshiTrade(
    string Ticker,
    string TradeId,
    decimal YesPrice,
    decimal NoPrice,
    decimal Count,
    Side? TakerSide,
    DateTime ExchangeTs,
    DateTime ReceivedAt) : MarketEvent(ExchangeTs, ReceivedAt)
{
    public override void DispatchTo(IMarketEventHandler handler) => handler.OnKalshiTrade(this);

    public override TResult Accept<TResult>(IMarketEventVisitor<TResult> visitor) => visitor.VisitKalshiTrade(this);
}
