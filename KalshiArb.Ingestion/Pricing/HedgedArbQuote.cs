namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// A hedged two-leg arbitrage: <paramref name="Contracts"/> Kalshi contracts bought for <paramref name="KalshiCost"/>
/// plus <paramref name="KalshiFee"/>, and the opposite outcome backed at <paramref name="HedgeOdds"/> (decimal) with
/// <paramref name="HedgeStake"/> so that either leg pays at least Contracts dollars. <paramref name="Profit"/> is locked
/// whichever way it settles; <paramref name="RoiPct"/> is Profit over the total outlay, in percent.
/// </summary>
internal sealed record HedgedArbQuote(
    decimal Contracts,
    decimal KalshiCost,
    decimal KalshiFee,
    decimal HedgeOdds,
    decimal HedgeStake,
    decimal Profit,
    decimal RoiPct)
{
    public decimal Outlay => KalshiCost + KalshiFee + HedgeStake;
}
