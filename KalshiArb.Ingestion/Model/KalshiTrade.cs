namespace KalshiArb.Ingestion.Model;

/// <summary>A Kalshi public trade: prices in dollars, count in contracts, the taker's side.</summary>
public sealed record KalshiTrade(
    string Ticker,
    string TradeId,
    decimal YesPrice,
    decimal NoPrice,
    decimal Count,
    Side TakerSide,
    DateTime ExchangeTs,
    DateTime ReceivedAt) : MarketEvent(ExchangeTs, ReceivedAt);
