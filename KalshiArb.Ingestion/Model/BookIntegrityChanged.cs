namespace KalshiArb.Ingestion.Model;

/// <summary>
/// The feed lost (sequence gap, disconnect) or regained a whole book for a market. While
/// <paramref name="Trusted"/> is false the book must not form an opportunity.
/// </summary>
public sealed record BookIntegrityChanged(
    string Ticker,
    bool Trusted,
    string Reason,
    DateTime ExchangeTs,
    DateTime ReceivedAt) : MarketEvent(ExchangeTs, ReceivedAt)
{
    public override void DispatchTo(IMarketEventHandler handler) => handler.OnBookIntegrityChanged(this);

    public override TResult Accept<TResult>(IMarketEventVisitor<TResult> visitor) => visitor.VisitBookIntegrityChanged(this);
}
