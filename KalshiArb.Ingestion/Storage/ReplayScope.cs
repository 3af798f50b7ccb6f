namespace KalshiArb.Ingestion.Storage;

/// <summary>
/// The stored history one mapping is priced from: its Kalshi market (ticks, book snapshots and deltas, status and
/// integrity changes) and the sportsbook market it is mapped to (every book's quotes of every outcome).
/// </summary>
public sealed record ReplayScope(string Ticker, string EventId, string MarketType);
