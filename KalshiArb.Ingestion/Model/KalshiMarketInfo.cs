namespace KalshiArb.Ingestion.Model;

/// <summary>A Kalshi market as discovery reports it: the material for mapping and settlement checks.</summary>
public sealed record KalshiMarketInfo(
    string Ticker,
    string EventTicker,
    string SeriesTicker,
    string Title,
    string? YesSubTitle,
    string Status,
    DateTime? CloseTime,
    string? RulesPrimary,
    decimal TickSize);
