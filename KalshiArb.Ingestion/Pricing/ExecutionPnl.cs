namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// One execution's P&amp;L in dollars: realized once settled, otherwise marked to the bid and, beside it, the
/// <paramref name="Liquidation"/> P&amp;L of selling at that bid as a taker, exit fee and fee rounding paid (null when
/// no bid is known).
/// </summary>
public sealed record ExecutionPnl(string ExecutionId, string KalshiTicker, bool Settled, decimal? Realized, decimal? Marked, decimal? Liquidation = null);
