namespace KalshiArb.Ingestion.Model;

/// <summary>
/// A Kalshi market lifecycle change (open, closed, determined, settled), from discovery or the lifecycle channel.
/// <paramref name="Result"/> is how the market settled, when the change carries a result Kalshi states as yes, no
/// or void (determination and settlement); null otherwise. <paramref name="CloseTime"/> is the scheduled close
/// when the source states it (discovery, a market's creation).
/// </summary>
public sealed record MarketStatusChanged(
    string Ticker,
    string Status,
    DateTime ExchangeTs,
    DateTime ReceivedAt,
    SettlementResult? Result = null,
    DateTime? CloseTime = null) : MarketEvent(ExchangeTs, ReceivedAt)
{
    public bool IsTradable => Status is "open" or "active";

    public override void DispatchTo(IMarketEventHandler handler) => handler.OnMarketStatusChanged(this);

    public override TResult Accept<TResult>(IMarketEventVisitor<TResult> visitor) => visitor.VisitMarketStatusChanged(this);
}
