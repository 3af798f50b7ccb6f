namespace KalshiArb.Web.Services;

/// <summary>A labelled point annotation: x in Unix milliseconds (UTC), y in dollars on the YES scale.</summary>
internal sealed record ChartMarker(long X, decimal Y, string Label, string Color);
