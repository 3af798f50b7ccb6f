namespace KalshiArb.Ingestion.Pricing;

/// <summary>P&amp;L in dollars after fees: realized on settled markets, open positions marked to the latest bid.</summary>
public sealed record PnlReport(
    decimal Realized,
    decimal Marked,
    decimal Fees,
    IReadOnlyList<DailyPnl> Daily,
    IReadOnlyList<ExecutionPnl> Executions);
