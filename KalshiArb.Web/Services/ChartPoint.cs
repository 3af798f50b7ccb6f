namespace KalshiArb.Web.Services;

/// <summary>A chart point: x in Unix milliseconds (UTC), y in dollars or null for a gap.</summary>
internal sealed record ChartPoint(long X, decimal? Y);
