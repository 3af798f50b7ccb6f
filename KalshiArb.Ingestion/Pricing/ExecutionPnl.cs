namespace KalshiArb.Ingestion.Pricing;

/// <summary>One execution's P&amp;L in dollars: realized once settled, otherwise marked (null when no bid is known).</summary>
public sealed record ExecutionPnl(string ExecutionId, string KalshiTicker, bool Settled, decimal? Realized, decimal? Marked);
