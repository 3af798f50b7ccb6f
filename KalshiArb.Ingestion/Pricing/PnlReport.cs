namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// P&amp;L in dollars after fees: realized on settled markets, open positions marked to the latest bid
/// (<paramref name="Marked"/>) and, as a second total, what selling them at that bid as a taker would realize after
/// the exit fee (<paramref name="Liquidation"/>).
/// </summary>
public sealed record PnlReport(
    decimal Realized,
    decimal Marked,
    decimal Fees,
    IReadOnlyList<DailyPnl> Daily,
    IReadOnlyList<ExecutionPnl> Executions,
    decimal Liquidation = 0m);
