namespace KalshiArb.Ingestion.Model;

/// <summary>
/// A Kalshi market as discovery reports it: the material for mapping and settlement checks. <paramref name="Result"/>
/// is Kalshi's result once the market is determined (yes, no or void), else null.
/// </summary>
public sealed record KalshiMarketInfo(
    string Ticker,
    string EventTicker,
    string SeriesTicker,
    string Title,
    string? YesSubTitle,
    string Status,
    DateTime? CloseTime,
    string? RulesPrimary,
    decimal TickSize,
    SettlementResult? Result = null);
