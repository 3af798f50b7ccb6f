namespace KalshiArb.Ingestion.Pricing;

/// <summary>Realized P&amp;L settled on one UTC day and the running total to that day, in dollars.</summary>
public sealed record DailyPnl(DateOnly Day, decimal Realized, decimal Cumulative);
