namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>A Kalshi series as <c>GET /series</c> reports it, with the fee schedule its markets use.</summary>
internal sealed record KalshiSeriesInfo(string SeriesTicker, string Title, string? FeeType, decimal FeeMultiplier);
