namespace KalshiArb.Ingestion.Model;

/// <summary>
/// A Kalshi <c>ticker</c> message: top of book in dollars (0..1), sizes and volume in contracts.
/// Kalshi quotes YES only; the NO side is its complement (NO bid = 1 - YES ask, NO ask = 1 - YES bid).
/// </summary>
public sealed record KalshiTick(
    string Ticker,
    decimal? YesBid,
    decimal? YesAsk,
    decimal? YesBidSize,
    decimal? YesAskSize,
    decimal? LastPrice,
    decimal Volume,
    decimal OpenInterest,
    DateTime ExchangeTs,
    DateTime ReceivedAt) : MarketEvent(ExchangeTs, ReceivedAt)
{
    public decimal? NoBid => YesAsk is { } ask ? 1m - ask : null;

    public decimal? NoAsk => NoAskOf(YesBid);

    /// <summary>The NO ask a YES bid makes (buying NO is selling YES at its bid): 1 − YES bid; null without a bid.</summary>
    public static decimal? NoAskOf(decimal? yesBid) => yesBid is { } bid ? 1m - bid : null;

    public override void DispatchTo(IMarketEventHandler handler) => handler.OnKalshiTick(this);

    public override TResult Accept<TResult>(IMarketEventVisitor<TResult> visitor) => visitor.VisitKalshiTick(this);
}
