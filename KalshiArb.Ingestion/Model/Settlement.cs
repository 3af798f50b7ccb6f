namespace KalshiArb.Ingestion.Model;

/// <summary>How a Kalshi market settled, from Kalshi (REST/WS) or entered by hand (<paramref name="Source"/>).</summary>
public sealed record Settlement(
    string Ticker,
    SettlementResult Result,
    string Source,
    DateTime Ts);
