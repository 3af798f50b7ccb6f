namespace KalshiArb.Ingestion.Model;

/// <summary>
/// A manually logged execution: the Kalshi leg (price in dollars, quantity in contracts, fee in dollars)
/// and, for a hedged arb, the sportsbook leg (decimal odds, stake in dollars). Planned values are what the
/// opportunity showed; slippage is actual minus planned. <paramref name="LegGapMs"/> is the time between legs.
/// </summary>
public sealed record Execution(
    string ExecutionId,
    string? OpportunityId,
    string KalshiTicker,
    Side KalshiSide,
    decimal PlannedPrice,
    decimal KalshiPrice,
    decimal Quantity,
    decimal KalshiFee,
    string? KalshiOrderId,
    string? HedgeBook,
    string? HedgeEvent,
    string? HedgeOutcome,
    decimal? PlannedHedgeOdds,
    decimal? HedgeOdds,
    decimal? HedgeStake,
    double? LegGapMs,
    DateTime Ts)
{
    /// <summary>Dollars per contract paid above plan (negative: better than planned).</summary>
    public decimal Slippage => KalshiPrice - PlannedPrice;
}
