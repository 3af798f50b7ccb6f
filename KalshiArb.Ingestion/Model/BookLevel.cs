namespace KalshiArb.Ingestion.Model;

/// <summary>One price level of a Kalshi book: a bid price in dollars and the resting size in contracts.</summary>
public readonly record struct BookLevel(decimal Price, decimal Size);
