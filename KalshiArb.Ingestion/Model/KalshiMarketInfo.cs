namespace KalshiArb.Ingestion.Model;

/// <summary>
/// A Kalshi market as discovery reports it: the material for mapping and settlement checks. <paramref name="Result"/>
/// is Kalshi's result once the market is determined (yes, no or void), else null. <paramref name="PriceGrid"/> is the
/// market's price level structure, null when Kalshi's data named none this build knows (reported on Health).
/// <paramref name="StrikeType"/>, <paramref name="FloorStrike"/> and <paramref name="CapStrike"/> are Kalshi's strike fields
/// (spread and total markets: "greater" than <c>floor_strike</c>); null where the market has none.
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
    PriceGrid? PriceGrid,
    SettlementResult? Result = null,
    string? StrikeType = null,
    decimal? FloorStrike = null,
    decimal? CapStrike = null);
