
namespace KalshiArb.Ingestion.Model;

/// <summary>
/// Kalshi set or cleared an event-level fee override (<c>event_fee_update</c>). A null <paramref name="FeeType"/>
/// or <paramref name="Multiplier"/> means that part of the override was cleared: the series' own term applies again.
/// </summary>
public sealed record EventFeeOverrideChanged(
    string EventTicker,
    KalshiFeeType? FeeType,
    decimal? Multiplier,
    DateTime ExchangeTs,
    DateTime ReceivedAt) : MarketEvent(ExchangeTs, ReceivedAt)
{
    public override void DispatchTo(IMarketEventHandler handler) => handler.OnEventFeeOverrideChanged(this);

    public override TResult Accept<TResult>(IMarketEventVisitor<TResult> visitor) => visitor.VisitEventFeeOverrideChanged(this);
}
