namespace KalshiArb.Ingestion.Model;

/// <summary>A Kalshi market lifecycle change (open, closed, determined, settled), from discovery or the lifecycle channel.</summary>
public sealed record MarketStatusChanged(
    string Ticker,
    string Status,
    DateTime ExchangeTs,
    DateTime ReceivedAt) : MarketEvent(ExchangeTs, ReceivedAt)
{
    public bool IsTradable => Status is "open" or "active";
}
